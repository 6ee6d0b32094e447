"""把指向已改动范文段落的链接改为新锚点，并登记全部段落链接（逻辑在 speechlib.site.links）。"""

import sys

from speechlib.site.links import main

if __name__ == "__main__":
    sys.exit(main())
