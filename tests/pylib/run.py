"""Run a Python program on CPython with ioplay's libraries in place of the real ones.

    python3 tests/pylib/run.py PROGRAM.py [ARG ...]

`socket`, `select`, `selectors`, `os`, `errno`, `signal`, `fcntl`, `queue`, `gevent`, `eventlet`, `urllib`,
`http` … are imported from crate/py/modules/lib (every module found there), not from the stdlib or the
venv, and `_ioplay` is this directory's shim over the real kernel. `greenlet`, `time` and `sys` stay
CPython's, as the VM provides them natively. The program runs as `__main__` with its own path in argv[0].
"""

import importlib.machinery
import linecache  # noqa: F401  imported now so tracebacks keep the real os module
import os
import sys
import tokenize  # noqa: F401
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(os.path.dirname(os.path.dirname(HERE)), "crate", "py", "modules", "lib")

sys.path.insert(0, HERE)
import _ioplay  # noqa: E402,F401  the shim binds the real socket/select/os before they are hidden

# Modules the VM provides natively: the runner leaves CPython's.
NATIVE = {"greenlet", "time", "sys", "_ioplay"}


def our_top_level_names():
    names = set()
    for entry in os.listdir(LIB):
        path = os.path.join(LIB, entry)
        if entry.endswith(".py"):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            names.add(entry)
    return names - NATIVE


class OursFirst:
    """A meta-path finder ahead of the built-in and stdlib finders, for the names our library defines."""

    def __init__(self, names):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] not in self.names:
            return None
        search = [LIB] if "." not in fullname else path
        return importlib.machinery.PathFinder.find_spec(fullname, search)


def hide_real_modules(names):
    for loaded in list(sys.modules):
        if loaded.split(".")[0] in names:
            del sys.modules[loaded]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py PROGRAM.py [ARG ...]")
    program = sys.argv[1]
    names = our_top_level_names()
    hide_real_modules(names)
    sys.meta_path.insert(0, OursFirst(names))
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(program))
    with open(program, "rb") as source_file:
        code = compile(source_file.read(), program, "exec")
    main_module = type(sys)("__main__")
    main_module.__file__ = program
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    try:
        exec(code, main_module.__dict__)
    except SystemExit:
        raise
    except BaseException as error:
        # Print the traceback as `python3 PROGRAM.py` would: without this runner's own frames.
        traceback_frames = error.__traceback__
        while traceback_frames is not None and traceback_frames.tb_frame.f_code.co_filename == __file__:
            traceback_frames = traceback_frames.tb_next
        traceback.print_exception(type(error), error, traceback_frames)
        sys.exit(1)


if __name__ == "__main__":
    main()
