"""提法核对：按文库的数据核对讲话稿（.txt、.docx）；逻辑在 speechlib.check.cli。"""
import sys

from speechlib.check.cli import main

if __name__ == "__main__":
    sys.exit(main())
