/* 组稿: a whole 主持词 from a meeting's agenda, on the 组稿 page (draft.js mounts it).

   The form takes the meeting (name, host, organiser, attending leaders and participants) and the
   agenda items in order, each with its kind (通报, 交流发言, 表态发言, 讲话, 主要领导讲话, 宣读文件,
   颁奖), speaker and rank. build(agenda, meeting, items) makes the host script's pieces from
   data/agenda.yml (the build ships it as draft/agenda.js; no wording lives here): the form of address,
   the opening, the attendees, the agenda announcement with the count and the items (一是……；二是……),
   each item's hand-over and the host's short summary after it, the closing sum-up of the main speech,
   the lead-in to the 贯彻落实 requirements and the close. Where the file offers alternatives, the
   piece carries them and the writer can switch on the 组稿 page.

   When both principal leaders speak (a 讲话 item marked as the government head's, and a 主要领导讲话),
   the government head speaks right before the Party secretary, whose speech is the main one and comes
   last; the attendees name the secretary first; the host sums up the government head's speech after
   it and, at the close, both speeches, the main one first (two_leaders in data/agenda.yml).

   Speakers of one item (a unit that reports, the units that speak, a deputy who speaks or reads a
   document) are written into that item's sentences; the leaders, the meeting's name and the like
   become the draft's slot values, filled once. Agenda input is only ever set with textContent. */
(function () {
  "use strict";

  var S = window.SpeechSite;
  var el = S.el;
  var SLOT = new RegExp(S.text.SLOT_RE.source, "g");
  var LEADING = { "讲话": 1, "宣读文件": 1, "颁奖": 1, "主要领导讲话": 1 };
  var UNITS = { "通报": "通报单位", "交流发言": "发言单位", "表态发言": "发言单位" };
  var MEETING = [
    ["会议名称", "会议名称", "如：全县安全生产工作推进会"],
    ["主办单位", "决定召开会议的单位", "如：县委、县政府"],
    ["主持人职务", "主持人", "如：县委常委、常务副县长"],
    ["工作领域", "工作领域", "如：安全生产"],
    ["出席领导", "其他出席领导", "如：县人大常委会主任张××"],
    ["参会人员", "参会人员", "如：各乡镇党委书记、乡镇长"]
  ];

  function put(text, map) {
    return String(text).replace(SLOT, function (all, name) {
      return Object.prototype.hasOwnProperty.call(map, name) && map[name] ? map[name] : all;
    });
  }

  function units(speaker) {
    return String(speaker || "").split(/[、，,；;\s]+/).filter(Boolean);
  }

  /* The slots an item fills in its own sentences: its speaker and rank. */
  function itemSlots(item) {
    var map = {};
    var unitSlot = UNITS[item.kind];
    if (unitSlot) {
      var list = units(item.speaker);
      if (list.length) map[unitSlot] = list.join("、");
      list.forEach(function (u, i) { if (i < 9) map[unitSlot + (i + 1)] = u; });
    } else if (item.kind === "讲话" || item.kind === "宣读文件" || item.kind === "颁奖") {
      if (item.government) return map;  // the government head's are draft slots
      if (item.rank) map["分管领导职务"] = item.rank;
      if (item.speaker) map["分管领导姓名"] = item.speaker;
    }
    return map;
  }

  function alts(list, map, labels) {
    return (list || []).map(function (text, i) {
      return { label: labels ? labels[i] : "表述" + S.text.CN_DIGITS[i], text: put(text, map) };
    });
  }

  /* The government head's 讲话 sentences are the two_leaders ones. */
  function governmentLabel(label) {
    return label.replace("［分管领导职务］", "［政府主要领导职务］").replace("［分管领导姓名］", "［政府主要领导姓名］");
  }

  /* Order: other items as given, then the government head's speech, then the main speech (last). */
  function ordered(items) {
    var main = items.filter(function (x) { return x.kind === "主要领导讲话"; });
    var gov = items.filter(function (x) { return x.kind === "讲话" && x.government; });
    var rest = items.filter(function (x) { return main.indexOf(x) < 0 && gov.indexOf(x) < 0; });
    return rest.concat(gov, main);
  }

  /* {title, pieces: [{role, alts}], values, moved, problems}: the host script of the meeting. */
  function build(agenda, meeting, items) {
    var problems = [];
    items = items.filter(function (x) { return x.kind; });
    if (!items.length) problems.push("请至少填一项议程。");
    var mains = items.filter(function (x) { return x.kind === "主要领导讲话"; });
    var govs = items.filter(function (x) { return x.kind === "讲话" && x.government; });
    if (mains.length > 1) problems.push("“主要领导讲话”只能有一项（作主要讲话、最后讲话的领导）。");
    if (govs.length > 1) problems.push("只能有一项标为“政府主要领导”的讲话。");
    if (govs.length && !mains.length) problems.push("标了“政府主要领导”讲话，还要有一项“主要领导讲话”（党委主要领导，最后讲）。");
    var list = ordered(items);
    var moved = list.some(function (x, i) { return x !== items[i]; });
    var two = govs.length === 1 && mains.length === 1;
    var n = list.length;
    var values = {};
    MEETING.forEach(function (m) { if (meeting[m[0]]) values[m[0]] = meeting[m[0]]; });
    if (mains.length) {
      if (mains[0].rank) values["主要领导职务"] = mains[0].rank;
      if (mains[0].speaker) values["主要领导姓名"] = mains[0].speaker;
    }
    if (two) {
      if (govs[0].rank) values["政府主要领导职务"] = govs[0].rank;
      if (govs[0].speaker) values["政府主要领导姓名"] = govs[0].speaker;
    }
    var pieces = [];
    function piece(role, options, pick) {
      if (!options.length) return;
      pieces.push({ role: role, alts: options, alt: Math.max(0, Math.min(pick || 0, options.length - 1)) });
    }
    (agenda.address || []).forEach(function (text) { piece("主持词：称呼与宣布开会", alts([text], {})); });
    piece("主持词：开场", alts(agenda.opening, {}));
    // Attendees: with both principal leaders, the alternative that names the government head too.
    var attendees = alts(agenda.attendees, {});
    var withGov = attendees.map(function (a) { return a.text.indexOf("［政府主要领导职务］") >= 0; });
    piece("主持词：出席领导和参会人员", attendees, Math.max(0, withGov.indexOf(two)));
    // The announcement: 共有［议程数］项议程：一是……；二是……。
    var labels = list.map(function (item, i) {
      var spec = agenda.items[item.kind];
      var label = item.kind === "讲话" && item.government && two ? governmentLabel(spec.label) : spec.label;
      return window.SpeechDraft.chinese(i + 1) + "是" + put(label, itemSlots(item));
    }).join("；");
    var count = window.SpeechDraft.chinese(n);
    piece("主持词：议程（" + count + "项）", (agenda.agenda || []).map(function (text, i) {
      text = put(text, { "议程数": count });
      var at = text.indexOf("项议程");
      var head = at >= 0 ? text.slice(0, at + 3) : text.replace(/[。，]$/, "");
      var tail = at >= 0 ? text.slice(at + 3).replace(/^[。，：]/, "") : "";
      return { label: "表述" + S.text.CN_DIGITS[i], text: head + "：" + labels + "。" + tail };
    }));
    list.forEach(function (item, i) {
      var map = itemSlots(item);
      map["议程序号"] = window.SpeechDraft.chinese(i + 1);
      var spec = agenda.items[item.kind];
      var name = "第" + map["议程序号"] + "项（" + (item.government && two ? "政府主要领导讲话" : item.kind) + "）";
      if (item.kind === "主要领导讲话") {
        var hand = two ? agenda.two_leaders.handover_party.concat(spec.handover.slice(1)) : spec.handover;
        piece("主持词：" + name + "衔接", alts(hand, map));
        return;
      }
      if (item.kind === "讲话" && item.government && two) {
        piece("主持词：" + name + "衔接", alts(agenda.two_leaders.handover_government, map));
        piece("主持词：" + name + "小结", alts(agenda.two_leaders.summary_government, map));
        return;
      }
      piece("主持词：" + name + "衔接", alts(spec.handover, map));
      piece("主持词：" + name + "小结", alts(spec.summary, map));
    });
    if (mains.length) piece("主持词：小结主要领导讲话", alts(two ? agenda.two_leaders.closing_summary : agenda.closing.summary, {}));
    piece("主持词：贯彻落实要求", alts(agenda.closing.requirements, {}));
    piece("主持词：结束", alts(agenda.closing.end, {}));
    return { title: agenda.title || "", pieces: pieces, values: values, moved: moved, two: two, problems: problems };
  }

  /* ---- the form ---- */

  function field(label, name, hint) {
    var wrap = el("label", null, label);
    var input = el("input");
    input.type = "text";
    input.name = name;
    input.placeholder = hint || "";
    input.setAttribute("autocomplete", "off");
    wrap.appendChild(input);
    return wrap;
  }

  function itemRow(kinds, list) {
    var li = el("li", "draft-agenda__item");
    var kindLabel = el("label", null, "类别");
    var kind = el("select");
    kind.name = "kind";
    kinds.forEach(function (k) { var o = el("option", null, k); o.value = k; kind.appendChild(o); });
    kindLabel.appendChild(kind);
    li.appendChild(kindLabel);
    var speaker = field("发言人或单位", "speaker", "姓名；几个单位用“、”隔开");
    var rank = field("职务", "rank", "领导讲话、宣读文件时填");
    li.appendChild(speaker);
    li.appendChild(rank);
    var govLabel = el("label", "draft-agenda__gov");
    var gov = el("input");
    gov.type = "checkbox";
    gov.name = "government";
    govLabel.appendChild(gov);
    govLabel.appendChild(document.createTextNode("政府主要领导（在党委主要领导之前讲）"));
    li.appendChild(govLabel);
    function sync() {
      govLabel.hidden = kind.value !== "讲话";
      rank.querySelector("input").disabled = !LEADING[kind.value];
    }
    kind.addEventListener("change", sync);
    sync();
    var up = el("button", "draft-btn", "上移");
    up.type = "button";
    up.addEventListener("click", function () { if (li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); up.focus(); renumber(list); } });
    var remove = el("button", "draft-btn", "删除");
    remove.type = "button";
    remove.addEventListener("click", function () {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber(list);
      if (next) next.querySelector("select").focus();
    });
    li.appendChild(up);
    li.appendChild(remove);
    return li;
  }

  function renumber(list) {
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.querySelector("select").setAttribute("aria-label", "第 " + (i + 1) + " 项议程的类别");
      li.setAttribute("aria-label", "第 " + (i + 1) + " 项议程");
    });
  }

  function read(form) {
    var meeting = {};
    MEETING.forEach(function (m) { meeting[m[0]] = form.querySelector('input[name="' + m[0] + '"]').value.trim(); });
    var items = Array.prototype.map.call(form.querySelectorAll(".draft-agenda__item"), function (li) {
      return {
        kind: li.querySelector('select[name="kind"]').value,
        speaker: li.querySelector('input[name="speaker"]').value.trim(),
        rank: li.querySelector('input[name="rank"]').value.trim(),
        government: li.querySelector('input[name="government"]').checked && li.querySelector('select[name="kind"]').value === "讲话"
      };
    });
    return { meeting: meeting, items: items };
  }

  /* The last agenda typed in this browser: the next meeting's form starts from it. */
  var MEMORY = "speechlib.agenda.v1";

  function remember(input) {
    try { window.localStorage.setItem(MEMORY, JSON.stringify(input)); } catch (e) { /* storage off */ }
  }

  function recall() {
    try {
      var data = JSON.parse(window.localStorage.getItem(MEMORY) || "null");
      return data && data.meeting && Array.isArray(data.items) ? data : null;
    } catch (e) { return null; }
  }

  function restore(form, list, kinds, data) {
    MEETING.forEach(function (m) {
      form.querySelector('input[name="' + m[0] + '"]').value = String(data.meeting[m[0]] || "");
    });
    list.replaceChildren();
    data.items.forEach(function (item) {
      var row = itemRow(kinds, list);
      var kind = row.querySelector("select");
      if (kinds.indexOf(item.kind) >= 0) kind.value = item.kind;
      row.querySelector('input[name="speaker"]').value = String(item.speaker || "");
      row.querySelector('input[name="rank"]').value = String(item.rank || "");
      row.querySelector('input[name="government"]').checked = !!item.government;
      kind.dispatchEvent(new Event("change"));
      list.appendChild(row);
    });
    if (!list.children.length) list.appendChild(itemRow(kinds, list));
    renumber(list);
  }

  function apply(result) {
    var D = window.SpeechDraft;
    var d = D.current();
    if (d.pieces.length || d.title) D.newDraft(result.values["会议名称"] ? result.values["会议名称"] + "主持词" : "主持词");
    var pieces = result.pieces.map(function (p) {
      var piece = D.piece("para", p.alts[p.alt].text, { role: p.role, alts: p.alts, alt: p.alt });
      piece.level = 0;  // the host's sentences never carry heading numbers
      piece.text = p.alts[p.alt].text;
      piece.original = piece.text;
      return piece;
    });
    D.mutate(function (draft) { draft.title = result.title; draft.pieces = pieces; });
    D.setValues(Object.assign(D.values(), result.values));
    D.render();
  }

  function mountForm(target, agenda) {
    var box = el("details", "draft-agenda");
    var summary = el("summary", null, "从议程生成主持词");
    box.appendChild(summary);
    var form = el("form", "draft-agenda__form");
    form.setAttribute("aria-label", "会议议程");
    form.appendChild(el("p", "draft-agenda__note", "填会议和议程，生成整篇主持词：开场、出席领导、议程（项数自动数）、每项的衔接和小结、结尾小结和贯彻落实要求。文字取自 data/agenda.yml，有备选表述的段落生成后可在段落下换用。当前稿件已有内容时，生成到新稿件。"));
    var grid = el("div", "draft-agenda__grid");
    MEETING.forEach(function (m) { grid.appendChild(field(m[1], m[0], m[2])); });
    form.appendChild(grid);
    form.appendChild(el("p", "draft-agenda__note", "表单记着本机上次填的会议和议程，改动几处即可用于下一次会议。议程按会上顺序填写。党政主要领导都讲话时：县长的“讲话”勾选“政府主要领导”，县委书记填“主要领导讲话”；生成时县长在前、书记最后。"));
    var list = el("ol", "draft-agenda__items");
    list.setAttribute("aria-label", "议程");
    form.appendChild(list);
    var kinds = agenda.kinds;
    var last = recall();
    if (last) restore(form, list, kinds, last);
    else { list.appendChild(itemRow(kinds, list)); renumber(list); }
    var addBtn = el("button", "draft-btn draft-agenda__add", "添加议程");
    addBtn.type = "button";
    addBtn.addEventListener("click", function () {
      var row = itemRow(kinds, list);
      list.appendChild(row);
      renumber(list);
      row.querySelector("select").focus();
    });
    form.appendChild(addBtn);
    var clear = el("button", "draft-btn draft-agenda__clear", "清空表单");
    clear.type = "button";
    clear.addEventListener("click", function () {
      try { window.localStorage.removeItem(MEMORY); } catch (e) { /* storage off */ }
      restore(form, list, kinds, { meeting: {}, items: [] });
      form.querySelector("input").focus();
    });
    form.appendChild(clear);
    var problem = el("p", "draft-agenda__note draft-agenda__problem");
    problem.setAttribute("role", "alert");
    var go = el("button", "md-button md-button--primary draft-agenda__go", "生成主持词");
    go.type = "submit";
    form.appendChild(el("div", null));
    form.lastChild.appendChild(go);
    form.appendChild(problem);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = read(form);
      var result = build(agenda, input.meeting, input.items);
      problem.textContent = result.problems.join("");
      if (result.problems.length) return;
      remember(input);
      apply(result);
      var note = "已生成主持词：" + result.pieces.length + " 段，" + input.items.length + " 项议程" +
        (result.moved ? "；已把政府主要领导讲话、主要领导讲话排到最后" : "") + "。";
      window.SpeechDraft.announce(note);
      var message = document.querySelector(".draft-message");
      if (message) message.textContent = note;
    });
    box.appendChild(form);
    target.replaceChildren(box);
  }

  document.addEventListener("draft:mounted", function (event) {
    var target = event.detail.mount;
    S.loadData("draft/agenda.js", "draft-agenda").then(function (agenda) {
      if (!agenda) {
        target.replaceChildren(el("p", "draft-agenda__note", "议程数据（draft/agenda.js）未能载入，请刷新页面。"));
        return;
      }
      mountForm(target, agenda);
    });
  });

  window.SpeechAgenda = { build: build, ordered: ordered };
})();
