"""eventlet.patcher: monkey_patch, over gevent.monkey's patches."""

from gevent import monkey as _monkey


def monkey_patch(**on):
    """Patch socket, select and time (every module, unless some are named with True)."""
    selected = [name for name in on if on[name]]
    if not selected:
        selected = ["socket", "select", "time"]
    if "socket" in selected:
        _monkey.patch_socket()
    if "select" in selected:
        _monkey.patch_select()
    if "time" in selected:
        _monkey.patch_time()


def is_monkey_patched(module):
    name = module if isinstance(module, str) else module.__name__
    return _monkey.is_module_patched(name)
