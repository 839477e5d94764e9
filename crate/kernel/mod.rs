//! The simulated Linux kernel: fd tables, sockets, wait queues, `select`/`poll`/`epoll`, signals, aio, timers.
