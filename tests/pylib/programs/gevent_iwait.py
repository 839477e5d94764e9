# iwait yields greenlets in the order they finish; wait(count=…) stops early.
import gevent


def nap(seconds):
    gevent.sleep(seconds)
    return seconds


greenlets = [gevent.spawn(nap, s) for s in (0.03, 0.01, 0.02)]
for finished in gevent.iwait(greenlets):
    print("finished", finished.value)
first_two = gevent.wait([gevent.spawn(nap, s) for s in (0.02, 0.01, 0.03)], count=2)
print([g.value for g in first_two])
print(gevent.wait([gevent.spawn(nap, 0.5)], timeout=0.01))
