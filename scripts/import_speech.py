#!/usr/bin/env python3
"""Import speeches from damaged text into exemplar pages: ``speechlib.importer.cli`` (also the
``import-speech`` command of the project's package)."""

import sys

from speechlib.importer.cli import main

if __name__ == "__main__":
    sys.exit(main())
