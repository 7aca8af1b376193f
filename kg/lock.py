"""The output folder's safety: one build at a time, leftovers of killed builds, atomic swaps.

``output_lock(out)`` holds an exclusive lock on ``.NAME.lock`` beside the output folder for the
whole build, so a second build of the same output fails at once with a clear message instead of
interleaving its files with the first one's. The lock is an ``flock`` on that file (what pip's
and Git LFS's lock helpers fall back to on POSIX): the kernel drops it when its process ends,
however it ends, so a build killed with ``kill -9`` never leaves a lock that blocks the next
one. The file holds the holder's PID and start time, for the message and for spotting the
leftovers of a build that did not finish.

``check_output(out)`` refuses to replace a file, or a folder holding other things than a kg
build; ``clean_leftovers(out)`` removes the temporary folders a killed build left beside ``out``
(and puts the previous output back if a build died in the middle of a non-atomic swap);
``exchange(a, b)`` swaps two folders in one step where the system can (Linux ``renameat2``).

``exit_on_terminate()`` turns SIGTERM into ``SystemExit(143)`` while a build runs, so the clean-up
a Ctrl-C already gets (``finally`` blocks removing the temporary folder) runs for ``kill`` too.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp()) / "output"
>>> with output_lock(out) as held:
...     held.name, held.read_text().split()[0] == str(os.getpid())
('.output.lock', True)
>>> held.exists()   # removed when the build ends
False
"""
from __future__ import annotations

import ctypes
import datetime
import errno
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from kg.errors import BuildLockedError, OutputError

__all__ = ["check_output", "clean_leftovers", "exchange", "exit_on_terminate", "leftover_prefixes", "lock_path",
           "output_lock", "read_holder", "remove_tree", "sync_folder", "sync_tree"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; fall back to an exclusive create
    fcntl = None  # type: ignore[assignment]

# Locks this process holds, by lock file: a build that locks its output and then calls
# ``write_output`` (which locks it too) must not wait on itself.
_HELD: dict[Path, int] = {}
_HELD_GUARD = threading.Lock()
POLL_SECONDS = 0.1


def lock_path(out: str | os.PathLike[str]) -> Path:
    """The lock file of output folder ``out``: ``.NAME.lock`` in the same parent folder.

    It lives beside the folder, not in it, because a build replaces the folder whole.
    """
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.lock"


def read_holder(path: Path) -> str:
    """Who holds (or last held) the lock at ``path``: ``PID 123 since 2024-05-01T10:00:00``."""
    try:
        fields = path.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return "unknown"
    if not fields:
        return "unknown"
    return f"PID {fields[0]}" + (f" since {fields[1]}" if len(fields) > 1 else "")


@contextmanager
def output_lock(out: str | os.PathLike[str], *, wait: float = 0.0) -> Iterator[Path]:
    """Hold the lock of output folder ``out`` for the body of the ``with``; yield the lock file.

    Parameters
    ----------
    out
        The output folder (it need not exist yet; its parent is created).
    wait
        Seconds to wait for another build to finish before giving up (0: give up at once).

    Raises
    ------
    BuildLockedError
        Another live process holds the lock, naming its PID.
    OutputError
        The lock file cannot be created (the parent is not a folder, or not writable).
    """
    path = lock_path(out)
    with _HELD_GUARD:
        if path in _HELD:
            _HELD[path] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            with _HELD_GUARD:
                _HELD[path] -= 1
        return
    fd = _acquire(path, Path(out), wait)
    with _HELD_GUARD:
        _HELD[path] = 1
    try:
        yield path
    finally:
        with _HELD_GUARD:
            del _HELD[path]
        _release(path, fd)


def _acquire(path: Path, out: Path, wait: float) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(p for p in path.parents if os.path.lexists(p))
        raise OutputError("a file is in the way of the output folder; choose another --out",
                          path=str(blocker)) from None
    except OSError as exc:
        raise OutputError(f"cannot create the output's folder ({exc.strerror or exc}); choose another --out",
                          path=str(path.parent)) from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | (0 if fcntl else os.O_EXCL), 0o644)
        except FileExistsError:  # pragma: no cover - only without fcntl
            fd = -1
        except OSError as exc:
            raise OutputError(f"cannot write here ({exc.strerror or exc}); choose another --out",
                              path=str(path.parent)) from None
        if fd >= 0 and _try_lock(fd, path):
            break
        if fd >= 0:
            os.close(fd)
        if time.monotonic() >= deadline:
            raise BuildLockedError(
                f"another build ({read_holder(path)}) is writing this output; wait for it to finish or "
                f"choose another --out (if no build is running, remove {path.name})",
                path=str(out))
        time.sleep(POLL_SECONDS)
    os.ftruncate(fd, 0)
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    os.write(fd, f"{os.getpid()} {stamp}\n".encode())
    return fd


def _try_lock(fd: int, path: Path) -> bool:
    """Lock ``fd`` without waiting; False when another process holds it.

    A holder unlinks the file as it lets go, so a lock won on a file that is no longer at
    ``path`` is a lock on nothing: let go and try again with a fresh file.
    """
    if fcntl is None:  # pragma: no cover - the exclusive create was the lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    try:
        same = os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        same = False
    if not same:
        fcntl.flock(fd, fcntl.LOCK_UN)
    return same


def _release(path: Path, fd: int) -> None:
    try:
        path.unlink()  # before letting go, so a waiting process sees the file gone (see _try_lock)
    except OSError:
        pass
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@contextmanager
def exit_on_terminate() -> Iterator[None]:
    """While the body runs, SIGTERM raises ``SystemExit(143)`` so ``finally`` blocks clean up.

    Only in the main thread, and only when SIGTERM still has its default action: a program that
    handles SIGTERM itself keeps its handler.
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
        sys.stderr.flush()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


# Files whose presence marks a folder as a kg build (anything else is not ours to replace).
OUTPUT_MARKERS = ("report.json", "graph.trig")


def check_output(out: str | os.PathLike[str]) -> None:
    """Raise ``OutputError`` unless ``out`` is missing, an empty folder, or a previous kg build.

    A build replaces its output folder whole, so ``--out ~/Documents`` must not get that far.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError("the output path is a file, not a folder; choose another --out", path=str(out))
    if not out.is_dir():
        return
    try:
        with os.scandir(out) as entries:
            names = {entry.name for entry in entries}
    except OSError as exc:
        raise OutputError(f"cannot read the output folder ({exc.strerror or exc}); choose another --out",
                          path=str(out)) from None
    if names and not names & set(OUTPUT_MARKERS):
        raise OutputError("the output folder holds other files and is not a kg build; a build replaces its "
                          "output folder whole, so choose a new or empty --out", path=str(out))


def leftover_prefixes(out: str | os.PathLike[str]) -> tuple[str, str]:
    """Name prefixes of the temporary folders a build of ``out`` makes beside it: new, and old."""
    name = Path(os.path.abspath(out)).name
    return f".{name}.tmp-", f".{name}.old-"


def clean_leftovers(out: str | os.PathLike[str]) -> list[Path]:
    """Remove what killed builds of ``out`` left beside it; call it holding the output's lock.

    A build writes into ``.NAME.tmp-*`` and, where folders cannot be exchanged atomically, renames
    the previous output to ``.NAME.old-*`` for an instant before the new one takes its place. If
    ``out`` is missing and an ``.old-`` folder is there, a build died in that instant: the old
    folder (whole: it is only removed after the new one is in place) goes back to ``out``.
    Returns the paths removed.
    """
    out = Path(os.path.abspath(out))
    new_prefix, old_prefix = leftover_prefixes(out)
    try:
        with os.scandir(out.parent) as entries:
            found = sorted(Path(e.path) for e in entries if e.name.startswith((new_prefix, old_prefix)))
    except OSError:
        return []
    if not os.path.lexists(out):
        olds = [p for p in found if p.name.startswith(old_prefix) and p.is_dir() and not p.is_symlink()]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out)
            found.remove(newest)
    for path in found:
        remove_tree(path)
    return found


def remove_tree(path: Path) -> None:
    """Remove a folder and what it holds, or a file or link (never what a link points to)."""
    if path.is_symlink() or not path.is_dir():
        try:
            path.unlink()
        except OSError:
            pass
    else:
        shutil.rmtree(path, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap paths ``a`` and ``b`` (both existing) in one atomic step; False where that is not
    possible (not Linux, an old kernel or C library, a file system without it), so the caller
    falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def sync_tree(folder: Path) -> None:
    """Flush every file under ``folder`` and the folder itself to disk (so a swap that survives a
    power cut never points at files still only in memory). Best effort: a file system that cannot
    sync is not an error."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            sync_folder(Path(root) / name)
        sync_folder(Path(root))


def sync_folder(path: Path) -> None:
    """Flush one file or folder entry to disk, best effort."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
