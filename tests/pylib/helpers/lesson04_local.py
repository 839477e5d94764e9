# The lesson's 04_gevent_monkey_urllib.py, unchanged but for its URLs: the three sites are served by
# helpers/web_server.py on this machine (no internet here), with latencies 0.6 s, 0.2 s and 0.4 s.
import sys
from gevent import monkey
monkey.patch_all()
import gevent
from urllib import request
import time

BASE = 'http://127.0.0.1:%s' % sys.argv[1]

def f(url):
    print('GET: %s' % url)
    resp = request.urlopen(url)
    data = resp.read()
    print('%d bytes received from %s.' % (len(data), url))

start=time.time()

gevent.joinall([
        gevent.spawn(f, BASE + '/itk'),
        gevent.spawn(f, BASE + '/github'),
        gevent.spawn(f, BASE + '/zhihu'),
])

print(time.time()-start)
