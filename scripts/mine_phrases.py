#!/usr/bin/env python3
"""Print repeated strings not yet in the glossary: ``speechlib.mine_cli`` (also ``mine-phrases``)."""

import sys

from speechlib.mine_cli import main

if __name__ == "__main__":
    sys.exit(main())
