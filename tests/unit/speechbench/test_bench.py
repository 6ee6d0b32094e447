"""The whole-site benchmark cannot rot: the generator, one tiny run (project, rebuild, plain Material)
and the report run in every ``make test``. No timing is asserted."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from speechbench import site as site_bench
from speechlib.content.model import load_model

MODEL = load_model(ROOT / "data" / "content_model.yml")


def test_generated_library_is_spread_over_every_meeting_type_and_genre(tmp_path):
    figures = site_bench.make_library(tmp_path / "p", ROOT, 40, seed=7)
    spread = figures["spread"]
    assert set(spread["meeting_type"]) == {e.label for e in MODEL.vocab("meeting_type")}
    assert len(spread["genre"]) >= 4 and sum(spread["genre"].values()) == 40
    assert len([k for k in spread["period"] if k.endswith("0s")]) >= 2
    again = site_bench.make_library(tmp_path / "q", ROOT, 40, seed=7)
    assert again == figures  # deterministic for a seed
    one = sorted((tmp_path / "p" / "docs").glob("*/exemplars/bench-*.md"))[0].read_text(encoding="utf-8")
    assert one == sorted((tmp_path / "q" / "docs").glob("*/exemplars/bench-*.md"))[0].read_text(
        encoding="utf-8"
    )


def test_plain_config_has_no_hooks_no_overrides_and_materials_search(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    plain = site_bench.plain_config(tmp_path).read_text(encoding="utf-8")
    assert "\nhooks:" not in plain and "  - hooks/" not in plain and "custom_dir" not in plain
    assert "plugins:\n  - search:\n      lang: zh" in plain
    assert "markdown_extensions:" in plain and "navigation.prune" in plain


@pytest.mark.parametrize(
    "rel, kind",
    [
        ("index.html", "home"),
        ("phrases/index.html", "phrase index"),
        ("phrases/gao-du-zhong-shi/index.html", "concordance"),
        ("terms/index.html", "terms index"),
        ("terms/she-hui-fu-yang-fei/index.html", "term concordance"),
        ("tuijinhui/index.html", "meeting type"),
        ("tuijinhui/list/2/index.html", "meeting type"),
        ("tuijinhui/exemplars/x/index.html", "exemplar"),
        ("tuijinhui/templates/zhuchici/index.html", "template"),
        ("browse/genres/index.html", "browse"),
        ("404.html", "other"),
    ],
)
def test_page_kind(rel, kind):
    assert site_bench.page_kind(rel) == kind


def test_growth_names_the_page_that_grew_most():
    small = {"all": {"404.html": 100, "phrases/x/index.html": 1000, "only-small.html": 5}}
    large = {"all": {"404.html": 110, "phrases/x/index.html": 3000, "only-large.html": 5}}
    g = site_bench.growth(small, large)
    assert g["common_pages"] == 2 and g["worst"] == ["phrases/x/index.html", 1000, 3000]
    assert g["max_ratio_by_kind"] == {"concordance": 3.0, "other": 1.1}


def test_write_section_keeps_the_other_sections(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n<!-- search-bench:start -->\nsearch\n<!-- search-bench:end -->\n")
    site_bench.write_section(path, f"{site_bench.START}\nfirst\n{site_bench.END}\n")
    site_bench.write_section(path, f"{site_bench.START}\nsecond\n{site_bench.END}\n")
    text = path.read_text()
    assert "second" in text and "first" not in text and "search\n<!-- search-bench:end -->" in text
    assert text.index(site_bench.START) < text.index("search-bench:start")


def test_a_tiny_run_builds_rebuilds_and_reports(tmp_path):
    data = site_bench.run(ROOT, tmp_path, [3], seed=11, search=False)
    size = data["sizes"][0]
    first, rebuild = size["project"]["first"], size["project"]["rebuild"]
    assert rebuild["pages_rendered_again"] == 1  # the edited speech only
    assert {"pipeline.py:on_page_content", "pipeline.py:on_env", "pipeline.py:on_files"} <= set(
        first["hooks_cpu"]
    )
    assert size["material"]["first"]["hooks"] == {}  # plain Material runs no project hook
    assert size["sizes"]["pages"] > size["material_sizes"]["pages"] > 3
    text = site_bench.report(data)
    assert text.startswith(site_bench.START) and text.rstrip().endswith(site_bench.END)
    for label in (
        "hooks add",
        "peak RSS",
        "rebuild",
        "largest page",
        "median page",
        "CPU time per hook event",
        "Growth curve",
        "(bench/growth.png)",
    ):
        assert label in text, label
    assert "| 3 | " in text  # a growth row per size
    json.dumps(site_bench.strip_for_json(data))  # what bench/site.json holds
    try:
        import matplotlib  # noqa: F401  (requirements-bench.txt)
    except ImportError:
        return
    site_bench.plot(data, tmp_path / "growth.png")
    assert (tmp_path / "growth.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_date_check_can_be_given_a_cached_version_and_sees_exemplars_only():
    """The hook passes a cached date check (per page digest) so a serve rebuild checks one page."""
    from speechlib.content.dating import load_markers
    from speechlib.content.model import check_pages, date_problem

    markers = load_markers(ROOT / "data" / "dated_markers.yml", ROOT)
    front = "---\ntitle: 讲话\nkind: exemplar\nmeeting_type: 年度工作会议\ngenre: 讲话\nlevel: 县\n"
    raw = (front + "date: 2024-05-11\nsource: 测试\n---\n\n省计生委对我县工作给予了大力支持。\n").encode()
    seen = []

    def check(page, data):
        seen.append(page.src_uri)
        return date_problem(page, data, markers)

    files = [("nianduhuiyi/exemplars/a.md", raw), ("guide/x.md", b"# x\n")]
    _, warnings = check_pages(files, MODEL, {"guide"}, markers=markers, check_date=check)
    assert seen == ["nianduhuiyi/exemplars/a.md"]
    assert warnings == check_pages(files, MODEL, {"guide"}, markers=markers)[1] and len(warnings) == 1


def test_a_size_measured_on_its_own_joins_the_others():
    from speechbench import site

    old = {"date": "2026-12-01", "sizes": [{"speeches": 200}, {"speeches": 2000}], "search": {"exact": 35}}
    new = {"date": "2026-12-04", "sizes": [{"speeches": 10000}, {"speeches": 2000, "x": 1}], "seconds": 5}
    merged = site.merge(old, new)
    assert [s["speeches"] for s in merged["sizes"]] == [200, 2000, 10000]
    assert merged["sizes"][1] == {"speeches": 2000, "x": 1, "date": "2026-12-04"}  # measured again: replaced
    assert merged["sizes"][0]["date"] == "2026-12-01"
    assert merged["search"] == {"exact": 35}
    # The run's duration is the newest run's, with what it measured (not a sum over every merge).
    assert merged["seconds"] == 5 and site._run_span(merged) == "the latest run (2,000, 10,000 speeches)"
    assert site._run_span(new) == "the whole run"


def test_a_size_measured_again_without_material_keeps_materials_figures():
    from speechbench import site

    plain = {"first": {"cpu_s": 400.0, "wall_s": 410.0}}
    old = {"date": "d1", "sizes": [{"speeches": 10000, "material": plain, "overhead": 0.5}]}
    new = {"date": "d2", "sizes": [{"speeches": 10000, "project": {"first": {"cpu_s": 200.0, "wall_s": 205.0}}}]}
    run = site.merge(old, new)["sizes"][0]
    assert run["material"] == plain and run["material_date"] == "d1"
    assert run["overhead"] == -0.5 and run["overhead_wall"] == -0.5  # against the new build
