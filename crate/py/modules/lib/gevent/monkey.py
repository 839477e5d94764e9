"""gevent.monkey: replace the blocking parts of the standard library with gevent's cooperative ones.

patch_all() swaps, in the modules everybody imports: socket.socket (and create_connection, …) for
gevent.socket's, time.sleep for gevent.sleep, select.select/poll for gevent.select's (and removes epoll, as
gevent does). Code that then does `import socket` or `from urllib import request` gets non-blocking sockets
that wait in the hub without knowing it. There are no threads, so patch_thread and friends have nothing to do.
"""

import sys

_patched = {}


def _patch_module(module, replacements):
    for name in replacements:
        if not (module.__name__, name) in _patched and hasattr(module, name):
            _patched[(module.__name__, name)] = getattr(module, name)
        setattr(module, name, replacements[name])


def is_module_patched(name):
    for module_name, attribute in _patched:
        if module_name == name:
            return True
    return False


def is_object_patched(module_name, name):
    return (module_name, name) in _patched


def get_original(module_name, item):
    if isinstance(item, str):
        if (module_name, item) in _patched:
            return _patched[(module_name, item)]
        return getattr(sys.modules[module_name], item)
    return [get_original(module_name, name) for name in item]


def patch_socket(dns=True, aggressive=True):
    import socket
    from gevent import socket as green

    _patch_module(
        socket,
        {
            "socket": green.socket,
            "SocketType": green.socket,
            "create_connection": green.create_connection,
        },
    )


def patch_time():
    import time
    from gevent.hub import sleep

    _patch_module(time, {"sleep": sleep})


def patch_select(aggressive=True):
    import select
    import selectors
    from gevent import select as green

    _patch_module(select, {"select": green.select, "poll": green.poll})
    if aggressive and hasattr(select, "epoll"):
        _patched[("select", "epoll")] = select.epoll
        del select.epoll
    _patch_module(selectors, {"DefaultSelector": selectors.SelectSelector})


def patch_thread(*args, **kwargs):
    """No threads in ioplay: nothing to patch."""


def patch_os():
    """No fork in ioplay: nothing to patch."""


def patch_signal():
    """Signals are delivered to the main greenlet already: nothing to patch."""


def patch_ssl():
    """No TLS in ioplay: https URLs are served without it."""


def patch_all(
    socket=True,
    dns=True,
    time=True,
    select=True,
    thread=True,
    os=True,
    ssl=True,
    subprocess=True,
    sys=False,
    aggressive=True,
    Event=True,
    builtins=True,
    signal=True,
    queue=True,
    contextvars=True,
    **kwargs
):
    """Patch everything gevent's patch_all patches that exists in ioplay."""
    if socket:
        patch_socket(dns, aggressive)
    if time:
        patch_time()
    if select:
        patch_select(aggressive)
    return True
