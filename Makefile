# Two commands for a new machine: `make serve` runs the site, `make test` runs every test.
# Each sets up what it needs (a .venv with the pinned packages; the browser for the tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench browser clean offline bench-search bench-peers links

# The pinned packages, then the project's own package (hooks/speechlib, see pyproject.toml) installed
# editable on top of them, so hooks, scripts and tests import it without any path edits.
$(BIN)/mkdocs: requirements.txt pyproject.toml
	@echo "建立 $(VENV)：安装 requirements.txt 中锁定版本的依赖（首次约一分钟）"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(BIN)/mkdocs
	@echo "安装 requirements-dev.txt 中的测试依赖"
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

# Links to exemplar paragraphs after an edit: rewrite them to the paragraphs' new anchors and record
# every linked paragraph's text in data/paragraph_links.yml (speechlib.site.links; prints each change).
links: $(BIN)/mkdocs
	$(BIN)/python scripts/fix_links.py

# Debian's chromium for the browser tests (Playwright cannot download its own browser here), a CJK
# font so that test screenshots show Chinese text instead of empty boxes, and LibreOffice Writer with
# poppler-utils: the Word test opens the browser-made .docx files in LibreOffice and reads the PDF.
BROWSER_PACKAGES := chromium fonts-wqy-microhei libreoffice-writer-nogui poppler-utils
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy || [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftotext ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "用 apt-get 安装测试所需的 chromium、中文字体、LibreOffice Writer 和 poppler-utils（首次约 2–5 分钟）"; \
			(apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null 2>&1 \
			 || (apt-get update -q >/dev/null && apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null)) \
			&& echo "已安装 chromium、中文字体、LibreOffice Writer 和 poppler-utils"; \
		elif [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/soffice ]; then \
			echo "浏览器测试需要 Debian 的 chromium 和 LibreOffice：请运行 'sudo apt-get install -y $(BROWSER_PACKAGES)'（或以 root 运行 make test）。" >&2; exit 1; \
		fi; \
	fi

test: $(VENV)/.dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests

# The whole site at 200 and 2,000 generated speeches, beside plain Material: build time and memory,
# each hook's share, a serve-style rebuild, page sizes, search (scripts/bench.py; about an hour).
# Writes the site-bench section of BENCHMARKS.md, bench/site.json and the growth curves
# bench/growth.png. The 10,000-speech run is opt-in: make bench SIZES=200,2000,10000
SIZES ?= 200,2000
bench: $(VENV)/.dev browser
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-bench.txt
	$(BIN)/python scripts/bench.py --sizes $(SIZES)
	$(BIN)/python scripts/bench_browser.py

clean:
	rm -rf site .pytest_cache .hypothesis

# A copy of the site that also works opened from disk (file://), search included: pages link to
# .html files instead of folders, and the search loads its index parts as scripts (see README).
offline: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict --no-directory-urls -d offline
	@echo "离线版在 offline/：用浏览器打开 offline/index.html，或把整个文件夹复制到任何电脑或共享盘。"

# Search on a generated 2,000-speech library: bytes per query, time to first results and exact
# counts in headless Chromium; writes BENCHMARKS.md (search section) and bench/search-2000.json.
bench-search: $(VENV)/.dev browser
	$(BIN)/python scripts/bench_search.py --speeches 2000

# The same, beside Pagefind 1.5.2 (requirements-bench.txt), plain Material's lunr index and Zensical
# 0.0.73 (requirements-peers.txt: installed here only), each building or indexing the same pages.
bench-peers: $(VENV)/.dev browser
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-bench.txt -r requirements-peers.txt
	$(BIN)/python scripts/bench_search.py --speeches 2000 --peers
