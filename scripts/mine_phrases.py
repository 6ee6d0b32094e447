#!/usr/bin/env python3
"""Print repeated strings not yet in the glossary: ``speechlib.phrases.mine_cli`` (also ``mine-phrases``)."""

import sys

from speechlib.phrases.mine_cli import main

if __name__ == "__main__":
    sys.exit(main())
