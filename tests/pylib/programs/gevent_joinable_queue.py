# JoinableQueue: join() waits until every item is task_done().
import gevent
from gevent.queue import JoinableQueue

jobs = JoinableQueue()


def worker(name):
    while True:
        item = jobs.get()
        print(name, "does", item)
        gevent.sleep(0.001)
        jobs.task_done()


for n in range(2):
    gevent.spawn(worker, "w%d" % n)
for item in range(5):
    jobs.put(item)
jobs.join()
print("all done", jobs.unfinished_tasks, jobs.qsize())
