"""eventlet.green: cooperative versions of standard modules (ioplay ships socket)."""
