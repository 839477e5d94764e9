# joinall(raise_error=True) re-raises the first failure; timeouts return the finished ones.
import gevent


def fail():
    raise KeyError("boom")


def slow():
    gevent.sleep(0.5)


try:
    gevent.joinall([gevent.spawn(fail)], raise_error=True)
except KeyError as e:
    print("joinall raised", repr(e))
quick = gevent.spawn(lambda: "quick")
sluggish = gevent.spawn(slow)
finished = gevent.joinall([quick, sluggish], timeout=0.05)
print(len(finished), finished[0] is quick, sluggish.ready())
sluggish.kill()
