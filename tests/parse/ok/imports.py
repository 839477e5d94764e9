import os
import os.path
import a.b.c as d
import x, y as z
from m import a
from m import a as b, c
from m.n import (p, q as r,)
from . import s
from .. import t
from .mod import u
from ...pkg.sub import v
from m import *
