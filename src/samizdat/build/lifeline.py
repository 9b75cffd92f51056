"""A worker process dies when the build that forked it does, however the build ends.

A ``kill -9`` of a build runs no handler and sends the pool no shutdown: without this, its
workers would be reparented to init and live on, each holding the fonts and stylesheets it
loaded. On Linux the kernel does the watching (``prctl(PR_SET_PDEATHSIG)``): it sends the
worker SIGKILL the moment the parent goes, with no thread to run and no delay, even while
the worker is deep in a C library. The kernel's "parent" is the thread that forked, which
is the one running the build; the pool is shut down before that thread returns. Elsewhere
a watchdog thread polls ``os.getppid()``.

SIGKILL, not SIGTERM: a forked worker inherits the build's own SIGTERM handler, and an
orphan has nobody to report to; the ``.part`` file it may leave is cleared by the next build.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5  # the watchdog's delay, where the kernel cannot watch


def tie_to_parent(parent: int) -> None:
    """Make this process die with ``parent``, the process that forked it."""
    if not _kernel_watches():
        threading.Thread(target=_watch, args=(parent,), name="samizdat-lifeline", daemon=True).start()
    if os.getppid() != parent:  # it died between the fork and the line above: no signal will come
        os._exit(1)


def _kernel_watches() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
