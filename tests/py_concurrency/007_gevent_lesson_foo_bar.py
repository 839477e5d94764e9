# The lesson's gevent example without timing output: foo and bar interleave by their sleeps.
import gevent


def foo():
    print('Running in foo')
    gevent.sleep(0.2)
    print('Explicit context switch to foo again')


def bar():
    print('Explicit context to bar')
    gevent.sleep(0.1)
    print('Implicit context switch back to bar')


gevent.joinall([gevent.spawn(foo), gevent.spawn(bar)])
