# signal: a SIGALRM handler from setitimer and alarm, getsignal.
import signal
import time

fired = []


def on_alarm(signum, frame):
    fired.append(signum)
    print("alarm", signum == signal.SIGALRM)


print(signal.signal(signal.SIGALRM, on_alarm) == signal.SIG_DFL)
print(signal.getsignal(signal.SIGALRM) is on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
signal.pause()
print("after pause", fired)
print(signal.alarm(0))
old = signal.signal(signal.SIGALRM, signal.SIG_IGN)
print(old is on_alarm)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
