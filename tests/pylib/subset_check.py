"""Check that the library keeps to issue 4's Python subset, with CPython's own parser.

    python3 tests/pylib/subset_check.py

For every file of crate/py/modules/lib: no syntax outside the subset (async, await, walrus, match,
except*, …), no builtin outside issue 4's list, no dunder method beyond the ones lessons use (plus the
few listed in EXTRA_DUNDERS, which the VM must support for these libraries), and imports only of the
library's own modules and the VM's native ones. Prints each violation; exit status 1 if any.
"""

import ast
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(os.path.dirname(os.path.dirname(HERE)), "crate", "py", "modules", "lib")

BUILTINS = set(
    """print input len repr str bytes bytearray int float bool list tuple dict set frozenset range enumerate zip
    map filter sorted reversed min max sum abs round divmod pow isinstance issubclass hasattr getattr setattr id
    type iter next callable hash ord chr hex oct bin format any all vars dir object super exit slice open
    property staticmethod classmethod None True False NotImplemented __name__
    BaseException Exception StopIteration GeneratorExit KeyboardInterrupt SystemExit ZeroDivisionError
    OverflowError IndexError KeyError NameError UnboundLocalError TypeError ValueError AttributeError
    RuntimeError RecursionError NotImplementedError AssertionError EOFError MemoryError ImportError
    ModuleNotFoundError UnicodeDecodeError OSError BlockingIOError ConnectionError ConnectionRefusedError
    ConnectionResetError BrokenPipeError TimeoutError InterruptedError""".split()
)

DUNDERS = set(
    """__init__ __str__ __repr__ __eq__ __lt__ __hash__ __len__ __iter__ __next__ __getitem__ __setitem__
    __contains__ __call__ __enter__ __exit__""".split()
)
# Beyond issue 4's list, and used here: the VM must support them (README.md says so).
EXTRA_DUNDERS = {"__bool__", "__new__", "__init_subclass__"}  # the last two for enum.py
# CPython's own modules rewritten in std/ (collections, functools, …) give user programs the operators
# CPython's have; tests/py/40x_std_*.py prove the VM dispatches each of them.
STD_DUNDERS = {"__delitem__", "__reversed__", "__add__", "__iadd__", "__sub__", "__or__", "__and__",
               "__gt__", "__le__", "__ge__", "__missing__", "__setattr__", "__delattr__",
               # datetime's arithmetic and format(); tests/py/424_mod_datetime*.py use each.
               "__radd__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__floordiv__", "__mod__",
               "__neg__", "__pos__", "__abs__", "__format__",
               # called by std/copy.py (not by the VM): datetime.timezone.utc survives a copy.
               "__copy__", "__deepcopy__"}
STD_BUILTINS = {"delattr"}

NATIVE_MODULES = {"_ioplay", "_time", "greenlet", "sys"}

FORBIDDEN_NODES = {
    "AsyncFunctionDef": "async def",
    "AsyncFor": "async for",
    "AsyncWith": "async with",
    "Await": "await",
    "NamedExpr": "the walrus operator",
    "Match": "match",
    "TryStar": "except*",
}


def library_modules():
    names = set()
    for directory, _, files in os.walk(LIB):
        for name in files:
            if name.endswith(".py"):
                relative = os.path.relpath(os.path.join(directory, name), LIB)[:-3].replace(os.sep, ".")
                # std/ holds top-level modules (`time`, `collections`), not a package.
                relative = relative[len("std."):] if relative.startswith("std.") else relative
                names.add(relative[: -len(".__init__")] if relative.endswith(".__init__") else relative)
    return names


def defined_names(tree):
    """Every name the module binds anywhere (assignments, defs, classes, imports, parameters, handlers)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def check_file(path, modules):
    problems = []
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    defined = defined_names(tree)
    for node in ast.walk(tree):
        where = "%s:%s" % (os.path.relpath(path, LIB), getattr(node, "lineno", "?"))
        kind = type(node).__name__
        if kind in FORBIDDEN_NODES:
            problems.append("%s: %s is not in the subset" % (where, FORBIDDEN_NODES[kind]))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            std_names = STD_BUILTINS if where.startswith("std" + os.sep) else set()
            if node.id not in defined and node.id not in BUILTINS and node.id not in std_names:
                problems.append("%s: builtin %r is not in issue 4's list" % (where, node.id))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("__") and node.name.endswith("__"):
            allowed = DUNDERS | EXTRA_DUNDERS | (STD_DUNDERS if where.startswith("std" + os.sep) else set())
            if node.name not in allowed:
                problems.append("%s: dunder %s is not in the subset" % (where, node.name))
        if isinstance(node, ast.ClassDef) and node.keywords:
            problems.append("%s: class keywords (metaclass) are not in the subset" % where)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name not in modules and alias.name not in NATIVE_MODULES:
                    problems.append("%s: import of %s" % (where, alias.name))
        if isinstance(node, ast.ImportFrom):
            if node.level or (node.module not in modules and node.module not in NATIVE_MODULES):
                problems.append("%s: from %s import" % (where, node.module))
            for alias in node.names:
                if alias.name == "*":
                    problems.append("%s: star import" % where)
    return problems


def main():
    modules = library_modules()
    problems = []
    count = 0
    for directory, _, files in sorted(os.walk(LIB)):
        for name in sorted(files):
            if name.endswith(".py"):
                count += 1
                problems += check_file(os.path.join(directory, name), modules)
    for problem in problems:
        print(problem)
    print("%d files, %d problems" % (count, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
