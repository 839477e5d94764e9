"""Differential test: each program's output through ioplay's libraries (run.py, on the _ioplay shim) must
equal its output through CPython's real socket/select/selectors and the real gevent, eventlet, greenlet.

    .venv/bin/python tests/pylib/compare.py [NAME_FILTER ...]

Cases: every `programs/*.py` (self-contained: servers and clients in one process), `ioplay_only/*.py`
(ioplay's own aio module, against a reviewed `.stdout`, as CPython has no aio), and the lesson's
programs of crate/scenarios/programs with the processes they need (clients, stdin, a local web server for
04, whose real URLs cannot be reached here). Output is compared line by line after normalising what a
real run cannot repeat: ephemeral ports, and elapsed-time floats (rounded to 0.1 s). Exit status 1 if any
case differs; the differences are printed.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LESSON = os.path.join(ROOT, "crate", "scenarios", "programs")
PROGRAMS = os.path.join(HERE, "programs")
HELPERS = os.path.join(HERE, "helpers")
PYTHON = sys.executable
RUNNER = os.path.join(HERE, "run.py")


def command(mode, program, args=()):
    """How to run `program` with the real libraries ('real') or with ours ('ours')."""
    if mode == "ours":
        return [PYTHON, RUNNER, program, *args]
    return [PYTHON, program, *args]


def normalise(text):
    text = re.sub(r"\('127\.0\.0\.1', \d{4,5}\)", "('127.0.0.1', PORT)", text)
    lines = []
    for line in text.splitlines():
        if re.fullmatch(r"-?\d+\.\d+(e-?\d+)?", line):
            line = Elapsed(float(line))
        lines.append(line)
    return lines


class Elapsed(float):
    """A line that is only a float (an elapsed time): equal to another within 0.15 s of real time."""

    def __eq__(self, other):
        return isinstance(other, float) and abs(self - other) <= 0.15

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return "%.3f" % self


def last_exception_line(stderr):
    """The `Type: message` line of the last traceback on stderr (frames differ between libraries)."""
    found = ""
    for line in stderr.splitlines():
        if re.match(r"[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Timeout)\b", line):
            found = line
    return found


class Proc:
    """One process of a case: a program, its start delay, stdin, and whether it runs in the tested mode."""

    def __init__(
        self, program, delay=0.0, stdin="", tested=True, args=(), name=None, hold_stdin=False, command=None, port=None
    ):
        self.hold_stdin = hold_stdin
        self.port = port
        self.command = command
        self.program = program
        self.delay = delay
        self.stdin = stdin
        self.tested = tested
        self.args = args
        self.name = name or os.path.basename(program)


def wait_until_port_is_free(port, limit=70):
    """The lesson's servers bind without SO_REUSEADDR: wait out a TIME_WAIT left by the previous run."""
    for _ in range(limit * 2):
        probe = socket.socket()
        try:
            probe.bind(("127.0.0.1", port))
            return
        except OSError:
            time.sleep(0.5)
        finally:
            probe.close()


def run_case(procs, mode, lifetime):
    """Start each process after its delay; stop everyone still running after `lifetime` seconds.
    Returns {name: (normalised stdout lines, last stderr line, exit status)} for the tested processes."""
    for proc in procs:
        if proc.port:
            wait_until_port_is_free(proc.port)
    started = []
    begin = time.monotonic()
    for proc in sorted(procs, key=lambda p: p.delay):
        pause = proc.delay - (time.monotonic() - begin)
        if pause > 0:
            time.sleep(pause)
        run_mode = mode if proc.tested else "real"
        out = tempfile.TemporaryFile()
        err = tempfile.TemporaryFile()
        child = subprocess.Popen(
            proc.command or command(run_mode, proc.program, proc.args),
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            cwd=os.path.dirname(proc.program),
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
            start_new_session=True,
        )
        child.stdin.write(proc.stdin.encode())
        child.stdin.flush()
        if not proc.hold_stdin:
            child.stdin.close()
        started.append((proc, child, out, err))
    deadline = begin + lifetime
    # Stop the last started first (clients before servers), so that servers see their clients leave
    # and the servers' ports are not left in TIME_WAIT for the next run.
    for proc, child, out, err in reversed(started):
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            # The whole session: a process run under strace must die with strace.
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            time.sleep(0.2)
    results = {}
    for proc, child, out, err in started:
        if not proc.tested:
            continue
        out.seek(0)
        err.seek(0)
        last_error = last_exception_line(err.read().decode(errors="replace"))
        status = child.returncode if child.returncode >= 0 else "killed"
        results[proc.name] = (normalise(out.read().decode(errors="replace")), last_error, status)
    return results


def lesson(name):
    return os.path.join(LESSON, name)


def helper(name):
    return os.path.join(HELPERS, name)


def lesson_cases():
    """(name, procs, lifetime) for the lesson's programs."""
    return [
        ("lesson/01_yield_producer_consumer", [Proc(lesson("01_yield_producer_consumer.py"))], 20),
        ("lesson/02_greenlet_switch", [Proc(lesson("02_greenlet_switch.py"))], 10),
        ("lesson/03_gevent_sleep", [Proc(lesson("03_gevent_sleep.py"))], 15),
        (
            "lesson/04_gevent_monkey_urllib",
            [
                Proc(helper("web_server.py"), tested=False, args=("18080",)),
                Proc(helper("lesson04_local.py"), delay=0.5, args=("18080",)),
            ],
            10,
        ),
        (
            "lesson/05_selectors_echo_server",
            [
                Proc(lesson("05_selectors_echo_server.py"), port=1234),
                Proc(helper("echo_client.py"), delay=0.5, tested=False, args=("1234",)),
            ],
            2.5,
        ),
        (
            "lesson/06_nonblocking_server+client",
            [
                Proc(lesson("06_nonblocking_server.py"), port=6667),
                # The server polls accept() every 4 s: a client at 6 s lands 2 s from either poll.
                Proc(lesson("06_nonblocking_client.py"), delay=6),
            ],
            11,
        ),
        (
            "lesson/07_select_chat_client_as_written",
            [Proc(lesson("07_select_chat_client.py"), stdin="hi\n")],
            5,
        ),
        (
            "lesson/07_select_chat_server+3_clients",
            [
                Proc(lesson("07_select_chat_server.py"), stdin="a1\na2\na3\n", port=8800),
                Proc(helper("chat_client_8800.py"), delay=0.5, stdin="m1\n", name="client1", hold_stdin=True),
                Proc(helper("chat_client_8800.py"), delay=1.0, stdin="m2\n", name="client2", hold_stdin=True),
                Proc(helper("chat_client_8800.py"), delay=1.5, stdin="m3\n", name="client3", hold_stdin=True),
            ],
            3.5,
        ),
    ]
    # The clients keep their stdin open (they wait in input() as in the reference run): a client that
    # exits would make CPython garbage-collect the server's socket and reuse its fd, which ioplay,
    # without refcounting, does not do (sockets close on close() or `with`).


def program_cases():
    cases = []
    for entry in sorted(os.listdir(PROGRAMS)):
        if entry.endswith(".py"):
            cases.append(("programs/" + entry[:-3], [Proc(os.path.join(PROGRAMS, entry))], 20))
    return cases


def ioplay_only_cases():
    """Programs of ioplay's own modules (aio), which CPython lacks: checked against a reviewed .stdout file."""
    directory = os.path.join(HERE, "ioplay_only")
    cases = []
    for entry in sorted(os.listdir(directory)):
        if entry.endswith(".py"):
            with open(os.path.join(directory, entry[:-3] + ".stdout"), encoding="utf-8") as expected:
                cases.append(("ioplay_only/" + entry[:-3], os.path.join(directory, entry), expected.read()))
    return cases


def main():
    filters = sys.argv[1:]
    failures = 0
    passed = 0
    for name, program, expected in ioplay_only_cases():
        if filters and not any(f in name for f in filters):
            continue
        ours = run_case([Proc(program)], "ours", 20)[os.path.basename(program)]
        if ours == (normalise(expected), "", 0):
            passed += 1
            print("same  %-48s (expected output)" % name)
        else:
            failures += 1
            print("DIFF  %s\n  expected: %r\n  ours:     %r" % (name, normalise(expected), ours))
    for name, procs, lifetime in program_cases() + lesson_cases():
        if filters and not any(f in name for f in filters):
            continue
        began = time.monotonic()
        real = run_case(procs, "real", lifetime)
        ours = run_case(procs, "ours", lifetime)
        took = time.monotonic() - began
        if real == ours:
            passed += 1
            print("same  %-48s %5.1fs" % (name, took))
            continue
        failures += 1
        print("DIFF  %s" % name)
        for proc_name in real:
            if real[proc_name] != ours.get(proc_name):
                print("  %s real: %r" % (proc_name, real[proc_name]))
                print("  %s ours: %r" % (proc_name, ours.get(proc_name)))
    print("%d same, %d different" % (passed, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
