"""提法核对 hook: the check page's rule set (``speechlib.check``), validated and written for the browser.

- ``on_config``: compile the rule set from data/ (restricted.yml, check_*.yml, dated_markers.yml,
  phrases.yml); a fault in any of them fails the build with ``data/<file>:<line>: …``.
- ``on_files``: list the page ``check.md`` (its body is the mount point check.js fills) in the nav.
- ``on_post_build``: write ``check/rules.js``, the rule set as a data script, with each set phrase's
  concordance page as the phrase index named it.

Thin on purpose: the lead folds it into the single hook module.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import write_file

from speechlib.check import PAGE, RULES_KEY, RULES_PATH, RulesError, compile_rules, phrase_urls
from speechlib.site import state

try:
    from speechlib.page.datafile import script
except ImportError:  # stand-in until main has the one data-file writer
    import json

    def script(key: str, data) -> str:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"__speechData({json.dumps(key)},{payload});\n"


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
    build = state.get()
    rules = compile_rules(_root(config), phrase_urls=phrase_urls(build.glossary.entries, build.phrase_keys))
    write_file(script(RULES_KEY, rules).encode("utf-8"), str(Path(config.site_dir) / RULES_PATH))
