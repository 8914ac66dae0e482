"""Which files a batch reads: the names given, folders walked, globs expanded, and links.

A folder gives its `*.yaml`/`*.yml` files, recursively and sorted; a glob its matches,
sorted. What is found by walking a folder or expanding a glob stays inside it: a link to
a file outside it is reported, not followed; a link to a folder is not walked; and when
the file is read, it is opened without following a link and checked to be where it was
found (`Found`), so a file swapped for a link between listing and reading is not
followed either. A folder that cannot be listed is reported, never skipped in silence.
Names given one by one are read as given.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Any

from wijzer import texts
from wijzer.printable import STDIN, shown_path
from wijzer.yamlio import source_name

YAML_SUFFIXES = (".yaml", ".yml")


class Found(str):
    """A file found by walking a folder or expanding a glob: `target` is what to open (the
    file itself, or where a link inside `base` leads), and it must stay within `base`.
    (A str, the name as found, so it travels to the workers like any name.)"""

    target: str
    base: str

    def __new__(cls, name: str, base: str, target: str | None = None) -> Found:
        found = super().__new__(cls, name)
        found.target, found.base = target or name, base
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (Found, (str(self), self.base, self.target))


class Skipped(str):
    """A name found in a folder that is not read: the record reports `reason` instead."""

    source: str
    reason: str

    def __new__(cls, name: str, reason: str) -> Skipped:
        skipped = super().__new__(cls, name)
        skipped.source, skipped.reason = source_name(name), reason
        return skipped

    def __reduce__(self) -> tuple[Any, ...]:
        return (Skipped, (str(self), self.reason))


def expand(paths: Sequence[str]) -> Iterator[str]:
    """Files in a stable order: a folder gives its *.yaml/*.yml files (recursively, sorted),
    a glob its matches (sorted), '-' standard input; anything else is passed on as given
    (reading it then says what is wrong)."""
    for given in paths:
        if given == STDIN:
            yield STDIN
        elif _is_dir(given):
            yield from _folder(given, os.path.realpath(given))
        elif not os.path.lexists(given) and glob.has_magic(given):
            yield from _glob(given)
        else:
            yield given


def unmatched(paths: Sequence[str]) -> list[str]:
    """The given paths that name nothing: no file or folder, and no glob match."""
    return [
        given
        for given in paths
        if given != STDIN
        and not os.path.lexists(given)
        and not (glob.has_magic(given) and glob.glob(given, recursive=True))  # noqa: PTH207
    ]


def _is_dir(name: str) -> bool:
    return os.path.isdir(name)  # noqa: PTH112 - unlike Path.is_dir, it never raises


def _glob(pattern: str) -> Iterator[str]:
    """A glob's matches, within the folder its literal part names. A `**` pattern lists
    everything below itself, so it takes the answer files among its matches and walks no
    folder (which would give each file twice)."""
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 - a user's pattern
    if not matches:
        yield pattern  # reading it says that nothing is there
        return
    base = os.path.realpath(_literal_folder(pattern))
    recursive = "**" in pattern
    seen: set[str] = set()
    for match in matches:
        if _is_dir(match):
            if recursive or os.path.islink(match):  # noqa: PTH114
                continue
            names: Iterator[str] = _folder(match, base)
        elif recursive and not match.endswith(YAML_SUFFIXES):
            continue
        else:
            names = iter((_kept(match, base),))
        for name in names:
            if name not in seen:
                seen.add(name)
                yield name


def _literal_folder(pattern: str) -> str:
    """The folder a glob starts from: its parts before the first one with a wildcard."""
    parts = PurePath(pattern).parts
    literal = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        literal.append(part)
    return os.path.join(*literal) if literal else os.curdir  # noqa: PTH118


def _folder(folder: str, base: str) -> Iterator[str]:
    """A folder's answer files, sorted, each kept within `base`."""
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        while problems:
            yield _unlisted(problems.pop(0), root)
        dirs.sort()
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                path = os.path.join(root, name)  # noqa: PTH118 - per file: plain strings are cheaper
                yield _kept(path, base)
    while problems:
        yield _unlisted(problems.pop(0), folder)


def _kept(path: str, base: str) -> str:
    """A file found within `base`: to be read there; a link to a file outside, Skipped."""
    if not os.path.islink(path):  # noqa: PTH114
        return Found(path, base)
    target = os.path.realpath(path)
    if os.path.commonpath((target, base)) == base:
        return Found(path, base, target)
    return Skipped(path, texts.LINK_OUTSIDE.format(folder=shown_path(base)))


def _unlisted(exc: OSError, folder: str) -> Skipped:
    """A folder whose files could not be listed, as a record of its own."""
    if isinstance(exc, PermissionError):
        reason = texts.FOLDER_NOT_READABLE
    else:
        reason = texts.FILE_OS_ERROR.format(reason=texts.os_reason(exc))
    return Skipped(os.fsdecode(exc.filename or folder), reason)
