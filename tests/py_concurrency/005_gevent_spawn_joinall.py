# gevent.spawn and joinall: greenlets run when the main greenlet yields.
import gevent


def task(name):
    print("start", name)
    gevent.sleep(0)
    print("end", name)
    return name * 2


jobs = [gevent.spawn(task, n) for n in ("a", "b", "c")]
print("spawned, nothing ran yet")
gevent.joinall(jobs)
print([job.value for job in jobs])
print(all(job.successful() for job in jobs), all(job.ready() for job in jobs))
