"""提法核对基准：语料上的准确率、召回率，两引擎一致性，一万字文稿的耗时；逻辑在 speechbench.check。"""
import sys

from speechbench.check import main

if __name__ == "__main__":
    sys.exit(main())
