# Modules are values with attributes.
import sys
import time
import greenlet
print(type(sys).__name__, sys.__name__, time.__name__)
print(hasattr(time, "sleep"), hasattr(time, "nothing_here"))
print(getattr(greenlet, "getcurrent") is greenlet.getcurrent)
mod = sys
print(mod is sys, "sys" in sys.modules)
