#!/usr/bin/env python3
"""Rewrite the expectations of the CPython-oracle corpora from a real CPython 3.11.

Usage, from the repository root:

    python3 tests/py/regen.py [--dir tests/py|tests/py_concurrency] [NAME ...]

For every program `NNN_topic.py` (or only the NAMEs given), run it as `PYTHON tests/py/NNN_topic.py`
from the repository root, feeding `NNN_topic.stdin` when present, and write beside it
`NNN_topic.stdout`, `NNN_topic.stderr` (only when non-empty) and `NNN_topic.status` (only when non-zero).

The interpreter is `$IOPLAY_PYTHON`, else `.venv/bin/python` when that venv exists (it has greenlet,
gevent and eventlet), else `python3` -- the same choice the Rust runners make (tests/corpus/mod.rs).
The environment is pinned the same way too: PYTHONHASHSEED=0 so nothing depends on str hashing, TZ=UTC
as the simulated machine's zone, and,
for the concurrency corpus, PYTHONWARNINGS=ignore because eventlet warns on import that it is
deprecated, and warnings are not part of ioplay's subset.

CPython 3.9+ shows the script's absolute path in tracebacks and warnings; the repository root is cut
from both outputs (`/abs/repo/tests/py/x.py` becomes `tests/py/x.py`), so the expectations hold in any
checkout (ioplay shows the same absolute path as CPython).

Concurrency programs are run three times; a program whose output differs between runs is reported
and its expectations are left alone: it depends on timing and must be rewritten. Their contract is
stdout and the exit status only: gevent and eventlet print a failed greenlet's traceback to stderr
with a timestamp, an address and their own source paths, which no other implementation can match, so
no `.stderr` is written for them (tests/py_concurrency.rs does not compare stderr either).
"""

import os
import re
import subprocess
import sys

PROGRAM = re.compile(r"^\d{3}_[a-z0-9_]+\.py$")
TIMEOUT_SECONDS = 60


def oracle_python(root):
    if os.environ.get("IOPLAY_PYTHON"):
        return os.environ["IOPLAY_PYTHON"]
    venv = os.path.join(root, ".venv", "bin", "python")
    return venv if os.path.exists(venv) else "python3"


def oracle_env(corpus_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    # The simulated machine's zone is UTC (`time.localtime`, `mktime`, `datetime.now`).
    env["TZ"] = "UTC"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if corpus_dir.rstrip("/").endswith("py_concurrency"):
        env["PYTHONWARNINGS"] = "ignore"
    return env


def run_once(python, rel_path, stdin_bytes, env, root):
    proc = subprocess.run(
        [python, rel_path],
        input=stdin_bytes,
        capture_output=True,
        cwd=root,
        env=env,
        timeout=TIMEOUT_SECONDS,
    )
    prefix = (root.rstrip("/") + "/").encode()
    return proc.stdout.replace(prefix, b""), proc.stderr.replace(prefix, b""), proc.returncode


def write_or_remove(path, data):
    if data:
        with open(path, "wb") as f:
            f.write(data)
    elif os.path.exists(path):
        os.remove(path)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = sys.argv[1:]
    corpus_dir = "tests/py"
    if args[:1] == ["--dir"]:
        corpus_dir, args = args[1], args[2:]
    wanted = {a[:-3] if a.endswith(".py") else a for a in args}
    python = oracle_python(root)
    env = oracle_env(corpus_dir)
    concurrency = corpus_dir.rstrip("/").endswith("py_concurrency")
    runs = 3 if concurrency else 1
    unstable = []
    names = sorted(f[:-3] for f in os.listdir(os.path.join(root, corpus_dir)) if PROGRAM.match(f))
    for name in names:
        if wanted and name not in wanted:
            continue
        base = os.path.join(root, corpus_dir, name)
        stdin_bytes = b""
        if os.path.exists(base + ".stdin"):
            with open(base + ".stdin", "rb") as f:
                stdin_bytes = f.read()
        rel_path = f"{corpus_dir.rstrip('/')}/{name}.py"
        results = [run_once(python, rel_path, stdin_bytes, env, root) for _ in range(runs)]
        if concurrency:
            results = [(out, b"", status) for out, _, status in results]
        if any(r != results[0] for r in results[1:]):
            unstable.append(name)
            continue
        out, err, status = results[0]
        write_or_remove(base + ".stdout", out)
        write_or_remove(base + ".stderr", err)
        write_or_remove(base + ".status", f"{status}\n".encode() if status else b"")
        print(f"{name}: status {status}, {len(out)} bytes out, {len(err)} bytes err")
    if unstable:
        print("output differs between runs (timing-dependent), not written:", ", ".join(unstable))
        sys.exit(1)


if __name__ == "__main__":
    main()
