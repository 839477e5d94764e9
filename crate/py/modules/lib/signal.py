"""signal: handlers, alarm, setitimer and pause, as CPython's `signal` module, over `_ioplay`.

Handlers run in the main greenlet between two instructions, as CPython runs them between bytecodes, and
receive `(signum, frame)` with `frame` None. SIG_DFL and SIG_IGN are the ints 0 and 1 (CPython shows them
as `Handlers.SIG_DFL`/`Handlers.SIG_IGN`).
"""

import _ioplay

SIG_DFL = 0
SIG_IGN = 1
SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGKILL = 9
SIGUSR1 = 10
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
SIGCONT = 18
SIGSTOP = 19
SIGURG = 23
SIGIO = 29
SIGPOLL = SIGIO
NSIG = 65
ITIMER_REAL = 0
ITIMER_VIRTUAL = 1
ITIMER_PROF = 2


class ItimerError(OSError):
    pass


def default_int_handler(signum, frame):
    raise KeyboardInterrupt


# What the process has installed, so getsignal() needs no syscall (CPython keeps the same table).
_handlers = {SIGINT: default_int_handler}


def signal(signalnum, handler):
    """Install `handler` for `signalnum` with sigaction(2); return the previous handler."""
    if not (handler == SIG_DFL or handler == SIG_IGN or callable(handler)):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    if signalnum < 1 or signalnum >= NSIG:
        raise ValueError("signal number out of range")
    if signalnum == SIGKILL or signalnum == SIGSTOP:
        raise OSError(22, "Invalid argument")
    old = _ioplay.sigaction(signalnum, handler)
    previous = _handlers.get(signalnum, old)
    _handlers[signalnum] = handler
    return previous


def getsignal(signalnum):
    return _handlers.get(signalnum, SIG_DFL)


def alarm(seconds):
    return _ioplay.alarm(seconds)


def setitimer(which, seconds, interval=0.0):
    return _ioplay.setitimer(which, float(seconds), float(interval))


def pause():
    _ioplay.pause()


def raise_signal(signalnum):
    _ioplay.kill(_ioplay.getpid(), signalnum)
