"""Writing output: a regular file atomically, a device or pipe directly, never an input.

A regular file (new or existing) is written to a temporary file beside it, flushed to
disk and renamed over it, so a reader sees the old file or the new one, never half of
one. A symbolic link is followed: its target is written that way, beside itself, and the
link stays a link. A character device (/dev/null, /dev/full, a terminal), a FIFO and the
process's own streams (/dev/stdout, /dev/stderr, /dev/fd/N) are written to directly:
renaming over them would replace the device node or the pipe with a regular file. The
folder must exist: a mistyped folder is an error, not created behind the user's back.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

from wijzer import texts
from wijzer.errors import UsageError, WijzerError
from wijzer.printable import is_stdin


class WriteError(WijzerError):
    """A file could not be written (exit 1); the old file, if any, is left intact."""


_OWN_STREAM = re.compile(
    r"/dev/(?:std(?P<name>in|out|err)|fd/(?P<fd>\d+))|/proc/(?P<pid>self|\d+)/fd/(?P<proc>\d+)"
)
_STREAM_FDS = {"in": 0, "out": 1, "err": 2}


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write all of `content` to `path` (atomically where it is a regular file)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open_atomic(path) as handle:
        handle.write(data)


class _Destination(NamedTuple):
    """How a path is written: to one of this process's streams (`fd`), straight into a
    device or FIFO, or atomically as a regular file (`target` resolved)."""

    how: Literal["stream", "device", "file"]
    target: Path
    fd: int = -1


def destination(path: Path) -> _Destination:
    """Where writing `path` goes; a WriteError when it cannot (a folder, a folder that does
    not exist, a block device). Commands call it before they read or compute anything."""
    fd = _own_stream(os.fspath(path))
    if fd is not None:
        return _Destination("stream", path, fd)
    target = Path(os.path.realpath(path))  # a symlink's target, even a dangling one's
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _error(path, exc) from None
    if found is not None:
        mode = found.st_mode
        if stat.S_ISDIR(mode):
            raise WriteError(texts.WRITE_IS_DIR.format(path=path))
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return _Destination("device", target)
        if not stat.S_ISREG(mode):
            raise WriteError(texts.WRITE_NOT_REGULAR.format(path=path))
    if not target.parent.is_dir():
        raise WriteError(texts.WRITE_NO_FOLDER.format(path=path, folder=target.parent))
    return _Destination("file", target)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary handle for writing `path` (see the module docstring for what is written how).

    Streaming writers (batch output) use this directly. For a regular file, if anything
    fails or the block raises, the temporary file is removed and `path` keeps its old
    content; a write error becomes a WriteError.
    """
    how, target, fd = destination(path)
    if how != "file":
        opener = (
            (lambda: os.fdopen(os.dup(fd), "wb"))
            if how == "stream"
            else (lambda: _open_device(target))
        )
        with _direct(path, opener) as handle:
            yield handle
        return
    try:
        handle_fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            tmp.chmod(_mode_for(target))
        tmp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _error(path, exc) from None
        raise


def _own_stream(text: str) -> int | None:
    """The file descriptor of this process that a name leads to — /dev/stdin, /dev/stdout,
    /dev/stderr, /dev/fd/N, /proc/self/fd/N — however it is spelled (`/dev/../dev/stdout`)
    and through any symbolic links on the way; else None. The links are followed one at a
    time: resolved all the way, /dev/stdout names whatever file stdout is, which would then
    be replaced instead of written to."""
    # os.path, not pathlib: Path.resolve would follow all links at once, which is just
    # what must not happen here, and Path keeps the '..' that normpath folds.
    path = text
    for _ in range(40):  # as many links as the system follows
        path = os.path.abspath(path)  # noqa: PTH100
        match = _OWN_STREAM.fullmatch(path)
        if match:
            name, fd, pid, proc = match.group("name", "fd", "pid", "proc")
            if pid is not None and pid != "self" and int(pid) != os.getpid():
                return None  # another process's streams are files like any other
            return _STREAM_FDS[name] if name else int(fd or proc)
        try:
            target = os.readlink(path)  # noqa: PTH115
        except OSError:  # not a link (or not there): no stream of ours
            return None
        path = os.path.join(os.path.dirname(path), target)  # noqa: PTH118, PTH120
    return None


def _open_device(target: Path) -> BinaryIO:
    """A character device or FIFO, opened for writing without waiting: a FIFO that nobody
    reads is an error at once (ENXIO), not a hang; writes then block as usual."""
    fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "wb")


@contextlib.contextmanager
def _direct(path: Path, opener: Callable[[], BinaryIO]) -> Iterator[BinaryIO]:
    """Write straight into a stream or device: there is no old content to keep."""
    import sys

    sys.stdout.flush()  # what was printed before comes first
    try:
        handle = opener()
    except OSError as exc:
        raise _error(path, exc, direct=True) from None
    try:
        with handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise _error(path, exc, direct=True) from None


def _error(path: Path, exc: OSError, direct: bool = False) -> WriteError:
    template = texts.WRITE_FAILED_DIRECT if direct else texts.WRITE_FAILED
    return WriteError(template.format(path=path, reason=texts.os_reason(exc)))


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_input_as_output(output: Path, inputs: Iterable[str | Path]) -> None:
    """A UsageError when `output` is one of `inputs` (the same file by any name, '-' for
    standard input included): writing it would replace what is being read. Checked
    before anything is read."""
    fd = _own_stream(os.fspath(output))
    if fd == 0:
        raise UsageError(texts.OUTPUT_IS_INPUT.format(path=output, source=texts.STDIN_NAME))
    try:
        out = os.fstat(fd) if fd is not None else output.stat()
    except OSError:
        return  # it does not exist (yet): it cannot be an input
    if not stat.S_ISREG(out.st_mode):
        return  # a device or pipe is written to directly and replaces nothing
    for name in inputs:
        try:
            found = os.fstat(0) if is_stdin(name) else Path(name).stat()
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (out.st_dev, out.st_ino):
            source = texts.STDIN_NAME if is_stdin(name) else name
            raise UsageError(texts.OUTPUT_IS_INPUT.format(path=output, source=source))


def refuse_existing(path: Path) -> None:
    """For commands that only make new files: a UsageError when `path` exists (wijzer
    overwrites nothing it was not told to), a WriteError when it could not be written."""
    if os.path.lexists(path):
        raise UsageError(texts.NEW_EXISTS.format(path=path))
    destination(path)
