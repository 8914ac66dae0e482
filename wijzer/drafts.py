"""Interview drafts: one per interview, saved after every answer, so nothing is lost.

Drafts live in the user's data folder (platformdirs; $WIJZER_DATA overrides). Each
interview writes its own draft, `concept-<date>-<time>-<pid>.yaml`, an ordinary answer
file written atomically, and holds an advisory lock on a lock file beside it for as long
as it runs. So a second interview at the same time never offers, resumes, overwrites or
removes a draft that is in use. A draft that no longer reads (or a folder where a draft
should be) is renamed aside under a name of its own, never onto another one. When an
interview completes, its answers are written to `laatste-antwoorden.yaml` and its draft
is removed.

Locks are `flock` on POSIX and `msvcrt.locking` on Windows; both end with the process,
so a crashed interview leaves a draft that the next one can resume.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wijzer import texts
from wijzer.answers import Answers, dump_answers
from wijzer.atomic import write_atomic
from wijzer.errors import InputError, WijzerError
from wijzer.ruleset import RuleSet

ENV_DATA = "WIJZER_DATA"
DRAFT_PREFIX = "concept"
LAST_NAME = "laatste-antwoorden.yaml"
ASIDE_PREFIX = "concept-onleesbaar"
_DRAFT_NAME = re.compile(r"concept(?:-[0-9][0-9-]*)?\.yaml")
"""Drafts: `concept.yaml` (written by earlier versions) and `concept-<stamp>.yaml`."""


def data_dir() -> Path:
    """The folder for drafts: $WIJZER_DATA, else the platform's user data folder."""
    override = os.environ.get(ENV_DATA)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("wijzer", appauthor=False))


class DraftFolderError(WijzerError):
    """The data folder cannot hold drafts (exit 1, before anything is asked)."""


@dataclass(frozen=True)
class Draft:
    """A draft that an interview can resume."""

    path: Path
    answers: Answers
    project: str | None
    gemeente: str | None
    saved: dt.datetime


class _Lock:
    """An advisory lock on a file beside a draft, held while an interview uses it."""

    def __init__(self, draft: Path) -> None:
        self.path = draft.with_name(f".{draft.name}.lock")
        self.fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True  # no lock file possible (a read-only folder): nothing can change
        try:
            _lock(fd)
            # The holder before us may have removed the file as it let go: then this
            # lock is on a file nobody else will find, and the draft may be taken.
            held, named = os.fstat(fd), self.path.stat()
            if (held.st_dev, held.st_ino) != (named.st_dev, named.st_ino):
                raise BlockingIOError
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        """Give the lock up and remove its file (a lock file never holds anything)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = None


def _lock(fd: int) -> None:
    """Lock a file without waiting (OSError when another process holds it)."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


_HEADER = (
    "Concept van een onderbroken vraaggesprek van wijzer.\n"
    "Hervat met: wijzer advies --hervat   (of gebruik het als --antwoorden)"
)
_LAST_HEADER = (
    "De antwoorden van het laatst afgeronde vraaggesprek van wijzer ({when}).\n"
    "Opnieuw bekijken: wijzer advies --antwoorden {path}"
)


class Drafts:
    """This interview's draft, and the drafts earlier interviews left behind."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir()
        self.last_path = self.folder / LAST_NAME
        self.path: Path | None = None
        """This interview's draft, once it has one."""
        self.saved = False
        """Whether this interview's draft holds everything given so far."""
        self.finished: Path | None = None
        """Where this interview's final answers were kept, once it completed."""
        self._lock: _Lock | None = None
        self._last: bytes | None = None
        """What this interview wrote to `laatste-antwoorden.yaml`, once it did."""

    def prepare(self) -> None:
        """Make sure the data folder can hold drafts, before anything is asked."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise DraftFolderError(texts.DRAFT_FOLDER_FILE.format(folder=self.folder)) from None
        except OSError as exc:
            raise DraftFolderError(
                texts.DRAFT_FOLDER_UNUSABLE.format(folder=self.folder, reason=texts.os_reason(exc))
            ) from None
        if not os.access(self.folder, os.W_OK | os.X_OK):
            reason = texts.OS_REASONS["EACCES"]
            raise DraftFolderError(
                texts.DRAFT_FOLDER_UNUSABLE.format(folder=self.folder, reason=reason)
            )

    # --- drafts left by earlier interviews -------------------------------------------------
    def resumable(self, rs: RuleSet) -> tuple[list[Draft], list[str]]:
        """The drafts no running interview uses, newest first, and a message for each
        unreadable one (which is set aside)."""
        found: list[Draft] = []
        notes: list[str] = []
        for path in self._candidates():
            lock = _Lock(path)
            if not lock.acquire():
                continue  # another interview is using it
            try:
                found.append(self._read(path, rs))
            except InputError as exc:
                notes.append(self._set_aside(path, exc.problems[0].format()))
            finally:
                lock.release()
        found.sort(key=lambda d: d.saved, reverse=True)
        return found, notes

    def _candidates(self) -> Iterator[Path]:
        try:
            paths = sorted(self.folder.iterdir())
        except OSError:
            return
        for path in paths:
            if _DRAFT_NAME.fullmatch(path.name):
                yield path

    def _read(self, path: Path, rs: RuleSet) -> Draft:
        from wijzer.loading import load_answers

        try:
            saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except (OSError, ValueError, OverflowError):
            saved = dt.datetime.now()
        project = load_answers(path, rs)  # a folder or device here is an InputError too
        given = {q: a for q, a in project.antwoorden.items() if q not in project.ontbrekend}
        return Draft(path, given, project.naam, project.gemeente, saved)

    def _set_aside(self, path: Path, reason: str) -> str:
        """Rename an unreadable draft to a name of its own; a message that says where."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1, 1000):
            suffix = "" if number == 1 else f"-{number}"
            kept = path.with_name(f"{ASIDE_PREFIX}-{stamp}{suffix}.yaml")
            try:
                if os.path.lexists(kept):
                    continue
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.link(path, kept)  # never onto an existing file: fails if it appeared
                    path.unlink()
                else:
                    path.rename(kept)  # a folder or other odd entry
            except FileExistsError:
                continue
            except OSError as exc:
                return texts.DRAFT_BROKEN_KEPT.format(
                    path=path, reason=reason, why=texts.os_reason(exc)
                )
            return texts.DRAFT_BROKEN.format(path=kept, reason=reason)
        return texts.DRAFT_BROKEN_KEPT.format(path=path, reason=reason, why="")

    def adopt(self, draft: Draft) -> bool:
        """Continue in an earlier draft; False if another interview took it meanwhile."""
        lock = _Lock(draft.path)
        if not lock.acquire():
            return False
        self._release()
        self._lock, self.path, self.saved = lock, draft.path, True
        return True

    def discard(self, drafts: list[Draft]) -> None:
        """Start afresh: remove the drafts the user chose not to resume (unless in use)."""
        for draft in drafts:
            lock = _Lock(draft.path)
            if lock.acquire():
                with contextlib.suppress(OSError):
                    draft.path.unlink()
                lock.release()

    # --- this interview's draft -------------------------------------------------------------
    def save(
        self, rs: RuleSet, answers: Answers, project: str | None, gemeente: str | None
    ) -> None:
        """Write the answers so far (atomically); a WriteError leaves the last draft."""
        if self.path is None:
            self._claim_new()
        assert self.path is not None
        self.saved = False
        write_atomic(self.path, dump_answers(rs, answers, project, gemeente, header=_HEADER))
        self.saved = True

    def _claim_new(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1000):
            suffix = f"-{number}" if number else ""
            path = self.folder / f"{DRAFT_PREFIX}-{stamp}-{os.getpid()}{suffix}.yaml"
            lock = _Lock(path)
            if os.path.lexists(path) or not lock.acquire():
                continue
            self._lock, self.path = lock, path
            return
        raise DraftFolderError(texts.DRAFT_FOLDER_FULL.format(folder=self.folder))

    def finish(
        self, rs: RuleSet, answers: Answers, project: str | None, gemeente: str | None
    ) -> None:
        """The interview is complete: its draft gets the final answers, and so does
        `laatste-antwoorden.yaml`. The draft stays until `settle`: another interview may
        finish in between and write its own answers there."""
        with contextlib.suppress(WijzerError):
            self.save(rs, answers, project, gemeente)
        header = _LAST_HEADER.format(when=texts.moment(dt.datetime.now()), path=self.last_path)
        text = dump_answers(rs, answers, project, gemeente, header).encode("utf-8")
        try:
            write_atomic(self.last_path, text)
        except WijzerError:
            return
        self._last = text

    def settle(self, kept_elsewhere: bool = False) -> Path | None:
        """The interview ends well: where its answers stay. `laatste-antwoorden.yaml` if it
        still holds them (the draft is then removed), else the draft, which is kept —
        unless the user saved the answers in a file of their own (`kept_elsewhere`)."""
        try:
            holds = self._last is not None and self.last_path.read_bytes() == self._last
        except OSError:
            holds = False
        if not holds and not kept_elsewhere:
            return self.path
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._release()
        self.path = None
        self.finished = self.last_path if holds else None
        return self.finished

    def close(self) -> None:
        """The interview ends (interrupted or not): let go of the draft; it stays."""
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
