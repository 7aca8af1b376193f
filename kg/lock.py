"""The output folder's safety: one build at a time, leftovers of killed builds, atomic swaps.

``output_lock(out)`` holds an exclusive lock on ``.NAME.lock`` beside the output folder for the
whole build, so a second build of the same output fails at once with a clear message instead of
interleaving its files with the first one's. The lock is an ``flock`` on that file (what pip's
and Git LFS's lock helpers fall back to on POSIX): the kernel drops it when its process ends,
however it ends, so a build killed with ``kill -9`` never leaves a lock that blocks the next
one. The file holds the holder's PID and start time, for the message and for spotting the
leftovers of a build that did not finish.

``check_output(out)`` refuses to replace a file, or a folder holding anything kg did not write
(``write_marker`` leaves a marker naming what a build wrote); ``clean_leftovers(out)`` removes the temporary folders a killed build left beside ``out``
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
import json
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

__all__ = ["MARKER", "check_output", "clean_leftovers", "exchange", "exit_on_terminate", "give_user_mode",
           "leftover_prefixes", "lock_path", "output_lock", "read_holder", "remove_tree", "sync_folder", "sync_tree",
           "umask", "write_marker"]

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


# The file every output folder kg writes holds, naming what the build put there.
MARKER = ".kg-output"
MARKER_FORMAT = 1
# What builds wrote before they left a marker: a folder holding these names and nothing else is ours.
LEGACY_ENTRIES = frozenset({"graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json", "store"})
LEGACY_REQUIRED = frozenset({"graph.trig", "report.json"})
# What a file manager drops into any folder it shows; a build may remove them with the folder.
LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def write_marker(folder: str | os.PathLike[str]) -> Path:
    """Mark ``folder``, a build's output about to be swapped in, as written by kg: a small JSON
    file naming every entry the build put there. ``check_output`` lets a build replace only a
    folder so marked (or one an earlier kg wrote before markers, see ``check_output``).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "graph.ttl").write_text("")
    >>> json.loads(write_marker(folder).read_text())["entries"]
    ['.kg-output', 'graph.ttl']
    >>> check_output(folder)   # ours: a build may replace it
    """
    folder = Path(folder)
    with os.scandir(folder) as entries:
        names = sorted({entry.name for entry in entries} | {MARKER})
    body = {"written_by": "kg build", "format": MARKER_FORMAT, "entries": names,
            "note": "kg replaces this folder whole on the next build into it; keep nothing else here"}
    path = folder / MARKER
    path.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    return path


def _marked_entries(out: Path) -> frozenset[str] | None:
    """The entries the marker in ``out`` names, or None when ``out`` holds no marker of kg's."""
    path = out / MARKER
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
            return None
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("written_by") != "kg build":
        return None
    entries = body.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        return None
    return frozenset(entries) | {MARKER}


def check_output(out: str | os.PathLike[str]) -> None:
    """Raise ``OutputError`` unless ``out`` is missing, an empty folder, or a folder kg wrote.

    A build replaces its output folder whole, so it must never replace a folder that holds
    anything kg did not write there: ``--out ~/Documents``, or a project folder that happens
    to hold a ``report.json``, is refused before any work and left as it was.

    A folder kg wrote holds the marker ``write_marker`` leaves (``.kg-output``) and only the
    entries it names. A folder written before markers existed is kg's when it holds
    ``graph.trig`` and ``report.json`` and nothing but the names builds have always written
    (``LEGACY_ENTRIES``). Either way, what file managers drop into folders (``.DS_Store``) may
    be there too. Everything else is refused, naming what kg did not write.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_output(folder / "new")     # missing: fine
    >>> check_output(folder)             # empty: fine
    >>> for name in ("report.json", "thesis.txt"):
    ...     _ = (folder / name).write_text("{}")
    >>> check_output(folder)
    Traceback (most recent call last):
    ...
    kg.errors.OutputError: ...: the output folder is not a kg build: it holds thesis.txt, which kg did not write, ...
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError("the output path is a file, not a folder; choose another --out", path=str(out))
    if not out.is_dir():
        return
    try:
        with os.scandir(out) as scan:
            entries = {entry.name: entry.is_dir(follow_symlinks=False) for entry in scan}
    except OSError as exc:
        raise OutputError(f"cannot read the output folder ({exc.strerror or exc}); choose another --out",
                          path=str(out)) from None
    names = set(entries) - LITTER
    if not names:
        return
    marked = _marked_entries(out)
    if marked is not None:
        foreign = sorted(names - marked)
        if not foreign:
            return
        raise OutputError(f"the output folder was written by kg but now also holds {_listing(foreign, entries)}, "
                          "which a build would delete with the folder; nothing was touched: move "
                          f"{'it' if len(foreign) == 1 else 'them'} elsewhere or choose another --out", path=str(out))
    foreign = sorted(names - LEGACY_ENTRIES)
    if not foreign and LEGACY_REQUIRED <= names and not any(entries[n] for n in LEGACY_REQUIRED) \
            and entries.get("store", True):
        return  # an output of a kg from before markers
    what = _listing(foreign, entries) if foreign else f"no {MARKER} marker and not every file a build writes"
    raise OutputError(f"the output folder is not a kg build: it holds {what}, which kg did not write, and a "
                      "build replaces its output folder whole; nothing in it was touched: choose a new or empty "
                      "--out", path=str(out))


def _listing(names: list[str], entries: dict[str, bool], shown: int = 3) -> str:
    """``src/, thesis.txt and 2 more``: the first names, folders marked with a slash.

    Examples
    --------
    >>> _listing(["src", "thesis.txt"], {"src": True, "thesis.txt": False})
    'src/ and thesis.txt'
    >>> _listing(list("abcde"), {})
    'a, b, c and 2 more'
    """
    words = [name + ("/" if entries.get(name) else "") for name in names[:shown]]
    if len(names) > shown:
        words.append(f"{len(names) - shown} more")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def umask() -> int:
    """This process's umask, read without changing it where the system allows (Linux's
    ``/proc/self/status``); elsewhere set and restored at once, as Python offers no other way.

    Examples
    --------
    >>> 0 <= umask() <= 0o777
    True
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _HELD_GUARD:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def give_user_mode(folder: str | os.PathLike[str]) -> None:
    """Give ``folder`` the mode a folder made with ``mkdir`` gets: 0777 less the umask.

    ``tempfile.mkdtemp`` makes its folder 0700 whatever the umask; a build's output is made that
    way and then swapped in, so without this every output would be private to its owner.
    """
    os.chmod(folder, 0o777 & ~umask())


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
