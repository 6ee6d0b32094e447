"""The build's data files for the browser: one format, one writer.

Every file the front end loads on demand (a meeting type's listing, a phrase's concordance lines, the
search index parts, the 提法核对 rule set) is a classic script::

    __speechData("tuijinhui",{"facets":{…},"rows":[…]});

``docs/assets/js/core.js`` (``SpeechSite.loadData(url, key)``) fetches it over HTTP and reads the JSON
between the first comma and the last parenthesis, or, from ``file://`` where browsers refuse
``fetch()``, runs it as a script whose call hands the data over. ``key`` tells concurrent loads apart.
"""

from __future__ import annotations

import json
from typing import Any

CALLBACK = "__speechData"


def script(key: str, data: Any) -> str:
    """The data file for ``data`` under ``key``: compact JSON, Chinese kept as is."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{CALLBACK}({json.dumps(key, ensure_ascii=False)},{body});\n"


def read(content: str) -> tuple[str, Any]:
    """``(key, data)`` of a data file written by :func:`script` (tests, benchmarks)."""
    head, _, rest = content.partition(",")
    if not head.startswith(CALLBACK + "("):
        raise ValueError("not a data file: it must start with " + CALLBACK + "(")
    return json.loads(head[len(CALLBACK) + 1 :]), json.loads(rest[: rest.rindex(")")])
