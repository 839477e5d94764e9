# select() cannot watch a file descriptor of 1024 or more (FD_SETSIZE): CPython raises ValueError before
# the call, whether that fd is open or not, so the program needs no 1024 open files. poll() has no such
# limit: it asks the kernel, which answers POLLNVAL for an fd that is not open.
import select


class HighFd:
    def fileno(self):
        return 1024


for watched in (1024, HighFd()):
    for sets in (([watched], [], []), ([], [watched], []), ([], [], [watched])):
        try:
            select.select(*sets, 0)
        except ValueError as e:
            print("ValueError:", e)
poller = select.poll()
poller.register(1024, select.POLLIN)
print("poll has no such limit:", poller.poll(0))
print("POLLNVAL:", select.POLLNVAL)
poller.register(HighFd(), select.POLLIN | select.POLLOUT)
print("registered again through fileno():", poller.poll(0))
