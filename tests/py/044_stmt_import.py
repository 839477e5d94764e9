# import, from ... import, and as.
import sys
import time as t
from greenlet import greenlet, getcurrent
from greenlet import GreenletExit as Exit
print(sys.argv[0].endswith("044_stmt_import.py"))
print(callable(t.sleep))
print(greenlet.__name__, callable(getcurrent))
print(issubclass(Exit, BaseException))
import greenlet as gl
print(gl.greenlet is greenlet)
