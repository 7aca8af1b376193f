"""Parsing workers that die with the build that started them.

spaCy parses with several processes by forking workers (``nlp.pipe(n_process=N)``). A build
ended by ``kill -9`` runs no clean-up, and its workers, orphaned, would go on parsing the
batches already sent to them. ``children_die_with_us()`` makes every process ``multiprocessing``
forks while it is held arrange, first thing in the child, to end with its parent:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the child the moment the
  parent (strictly, the parent's thread that forked it) ends, however it ends;
* everywhere, a watchdog thread that ends the child within ``WATCH_SECONDS`` of its parent
  being gone (its parent PID changes when it is re-parented): the fallback where ``prctl`` is
  missing, and a second guard where it is there.

It works through ``multiprocessing.util.register_after_fork``, whose hooks run in every child
``multiprocessing`` starts by forking (Linux's default start method before Python 3.14, and
what spaCy uses there). Children started by ``spawn`` or ``forkserver`` run no hook of the
parent's; there a worker ends once it has parsed what it was sent and finds the parent's end of
its pipes closed.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["WATCH_SECONDS", "children_die_with_us", "die_with_parent"]

WATCH_SECONDS = 0.5  # how often the watchdog looks for its parent
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class _Parent:
    """What a forked child watches: the PID of the process that forked it. Weak-referenceable,
    as ``register_after_fork`` keeps its hooks only as long as their object lives."""

    __slots__ = ("pid", "__weakref__")

    def __init__(self, pid: int) -> None:
        self.pid = pid


def die_with_parent(parent: int, *, watch: float = WATCH_SECONDS) -> bool:
    """In a child process: make sure it ends when process ``parent`` ends; True when the kernel
    will see to it (Linux ``prctl``), False when only the watchdog will.

    A parent that ended before this ran is noticed at once: the child exits.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            armed = prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # gone before the signal was armed: nothing would send it
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, watch), name="kg-parent-watchdog", daemon=True).start()
    return armed


def _watch(parent: int, every: float) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            os._exit(1)


def _in_child(parent: _Parent) -> None:
    die_with_parent(parent.pid)
    parent.pid = os.getpid()  # a process this child forks in turn dies with the child


@contextmanager
def children_die_with_us() -> Iterator[None]:
    """While the body runs, every process ``multiprocessing`` forks from this one ends with it.

    Examples
    --------
    >>> import multiprocessing
    >>> ctx = multiprocessing.get_context("fork")
    >>> with children_die_with_us():
    ...     child = ctx.Process(target=os.getppid)
    ...     child.start()
    ...     child.join()
    >>> child.exitcode
    0
    """
    from multiprocessing import util

    parent = _Parent(os.getpid())
    util.register_after_fork(parent, _in_child)
    try:
        yield
    finally:
        del parent  # the hook goes with it (register_after_fork holds it weakly)
