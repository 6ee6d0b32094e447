"""提法核对 hook: the check page's rule set (``speechlib.check``), validated and written for the browser.

- ``on_config``: compile the rule set from data/ (restricted.yml, check_*.yml, dated_markers.yml,
  phrases.yml); a fault in any of them fails the build with ``data/<file>:<line>: …``.
- ``on_files``: list the page ``check.md`` (its body is the mount point check.js fills) in the nav.
- ``on_post_build``: write ``check/rules.js`` (``speechlib.page.datafile``), with each set phrase's
  concordance page as the phrase index names it.

Thin on purpose: the lead folds it into the pipeline (hooks/pipeline.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import write_file

from speechlib.check import PAGE, RULES_KEY, RULES_PATH, RulesError, compile_rules, phrase_urls
from speechlib.content import datafiles
from speechlib.content.glossary import load_glossary
from speechlib.page.datafile import script
from speechlib.phrases.index import assign_slugs


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        compile_rules(_root(config))
    except RulesError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(PAGE) and config.nav is not None:
        config.nav.append({"提法核对": PAGE})
    return files


def on_post_build(config: MkDocsConfig) -> None:
    root = _root(config)
    # The concordance pages' slugs, made as the phrase index makes them.
    entries = load_glossary(datafiles.path(root, "phrases"), root).entries
    urls = phrase_urls(entries, assign_slugs([e.text for e in entries]))
    rules = compile_rules(root, phrase_urls=urls)
    write_file(script(RULES_KEY, rules).encode("utf-8"), str(Path(config.site_dir) / RULES_PATH))
