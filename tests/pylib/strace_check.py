"""The syscalls, not just the output: strace the lesson's programs through ioplay's libraries and check them.

    .venv/bin/python tests/pylib/strace_check.py

- 05 (selectors), 06 (non-blocking accept) and 07 (select) make the very same sequence of socket, epoll,
  select and ioctl calls through our socket/select/selectors as through CPython's (ports, pointers and
  epoll user data normalised);
- 03: the gevent hub waits in epoll_wait(epfd, [], 64, 2000), then epoll_wait(epfd, [], 64, ~2998), as
  the reference strace shows real gevent (libev) doing;
- 04: the monkey-patched urllib connects non-blocking (EINPROGRESS), waits in the hub's epoll_wait with
  64 events, and the three requests overlap (three connects before the first response is read).
Exit status 1 on any mismatch. Needs strace.
"""

import os
import re
import sys
import tempfile

from compare import HELPERS, LESSON, PYTHON, RUNNER, Proc, run_case

CALLS = (
    "socket,bind,listen,ioctl,accept4,epoll_create1,epoll_ctl,epoll_wait,recvfrom,sendto,connect,"
    "select,pselect6,poll,clock_nanosleep"
)


def trace_run(procs, lifetime, mode):
    """Run the case with the first process straced; return its normalised syscall lines."""
    trace_file = tempfile.mktemp(prefix="ioplay-strace-")
    first = procs[0]
    command = ["strace", "-f", "-qq", "-o", trace_file, "-e", "trace=" + CALLS, PYTHON]
    if mode == "ours":
        command.append(RUNNER)
    command += [first.program, *first.args]
    runner = Proc(first.program, first.delay, first.stdin, True, (), first.name, first.hold_stdin, command, first.port)
    run_case([runner] + procs[1:], mode, lifetime)
    with open(trace_file) as trace:
        lines = trace.read().splitlines()
    os.unlink(trace_file)
    return normalise(lines)


def normalise(lines):
    result = []
    started = False
    for line in lines:
        line = re.sub(r"^\d+ +", "", line)
        # Interpreter start-up is not the program's: begin at its first socket().
        if line.startswith("socket(AF_INET") or line.startswith("epoll_create1"):
            started = True
        if not started or "TCGETS" in line or "resumed>" in line or "unfinished" in line:
            continue
        line = re.sub(r"htons\(\d+\)", "htons(P)", line)
        line = re.sub(r"0x[0-9a-f]+", "ADDR", line)
        line = re.sub(r"u64=\d+", "u64=N", line)
        line = re.sub(r"\s+=", " =", line)
        # Times differ from run to run: an absolute deadline, the time select() had left.
        line = re.sub(r"left \{[^}]*\}", "left T", line)
        if line.startswith("clock_nanosleep("):
            line = re.sub(r"\{tv_sec=\d+, tv_nsec=\d+\}", "{T}", line)
        if "= -1 EINTR" in line:
            continue
        result.append(line)
    return result


def check_same(name, procs, lifetime):
    real = trace_run(procs, lifetime, "real")
    ours = trace_run(procs, lifetime, "ours")
    if real == ours:
        print("same syscalls  %-40s %d calls" % (name, len(real)))
        return True
    print("DIFF syscalls  %s" % name)
    for index in range(max(len(real), len(ours))):
        left = real[index] if index < len(real) else ""
        right = ours[index] if index < len(ours) else ""
        if left != right:
            print("  real: %s\n  ours: %s" % (left, right))
    return False


def check_hub_03():
    calls = trace_run([Proc(os.path.join(LESSON, "03_gevent_sleep.py"))], 15, "ours")
    waits = [line for line in calls if line.startswith("epoll_wait(")]
    timeouts = [int(re.search(r", 64, (-?\d+)\)", line).group(1)) for line in waits]
    # CPython runs the hub slower than libev's C: allow a few ms of the first wait to pass in Python.
    ok = len(timeouts) == 2 and 1995 <= timeouts[0] <= 2000 and 2900 <= timeouts[1] <= 3000
    print("%s hub epoll_wait  03 timeouts %s" % ("good" if ok else "BAD ", timeouts))
    return ok


def check_urllib_04():
    procs = [
        Proc(os.path.join(HELPERS, "lesson04_local.py"), args=("18090",)),
        Proc(os.path.join(HELPERS, "web_server.py"), tested=False, args=("18090",)),
    ]
    # The server must be up first: start the program half a second later.
    procs[0].delay = 0.5
    calls = trace_run(procs, 10, "ours")
    connects = [index for index, line in enumerate(calls) if line.startswith("connect(") and "EINPROGRESS" in line]
    first_read = next(index for index, line in enumerate(calls) if line.startswith("recvfrom(") and "HTTP/1" in line)
    hub_waits = [line for line in calls if line.startswith("epoll_wait(") and ", 64, " in line]
    ok = len(connects) == 3 and connects[-1] < first_read and len(hub_waits) >= 3
    print("%s gevent+urllib   04 non-blocking connects %d, hub waits %d" % ("good" if ok else "BAD ", len(connects), len(hub_waits)))
    return ok


def main():
    results = [
        check_hub_03(),
        check_urllib_04(),
        check_same(
            "05_selectors_echo_server",
            [
                Proc(os.path.join(LESSON, "05_selectors_echo_server.py"), port=1234),
                Proc(os.path.join(HELPERS, "echo_client.py"), delay=0.7, tested=False, args=("1234",)),
            ],
            2.5,
        ),
        check_same(
            "06_nonblocking_server",
            [
                Proc(os.path.join(LESSON, "06_nonblocking_server.py"), port=6667),
                # The server polls accept() every 4 s: a client at 2 s lands 2 s from either poll.
                Proc(os.path.join(LESSON, "06_nonblocking_client.py"), delay=2, tested=False),
            ],
            6,
        ),
        check_same(
            "07_select_chat_server",
            [
                Proc(os.path.join(LESSON, "07_select_chat_server.py"), stdin="a1\na2\n", port=8800),
                Proc(os.path.join(HELPERS, "chat_client_8800.py"), 0.5, "m1\n", False, hold_stdin=True),
                Proc(os.path.join(HELPERS, "chat_client_8800.py"), 1.0, "m2\n", False, hold_stdin=True),
            ],
            3,
        ),
    ]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
