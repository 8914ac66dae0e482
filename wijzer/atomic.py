"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wijzer import texts
from wijzer.errors import WijzerError


class WriteError(WijzerError):
    """A file could not be written (exit 1); the old file, if any, is left intact."""


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write all of `content` to `path` atomically."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open_atomic(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside `path`, renamed over it only on success.

    Streaming writers (batch output) use this directly; if anything fails or the block
    raises, the temporary file is removed and `path` keeps its old content.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise WriteError(texts.WRITE_IS_DIR.format(path=path))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(texts.WRITE_FAILED.format(path=path, reason=exc.strerror)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            tmp.chmod(_mode_for(path))
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise WriteError(texts.WRITE_FAILED.format(path=path, reason=exc.strerror)) from None
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
