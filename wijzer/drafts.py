"""The interview draft: saved after every answer, so an interruption loses nothing.

The draft is an ordinary answer file in the user's data folder (platformdirs; override
with $WIJZER_DATA). It is written atomically. When an interview completes, the draft
becomes `laatste-antwoorden.yaml` beside it, so even unsaved answers stay available.
"""

from __future__ import annotations

import os
from pathlib import Path

from wijzer.answers import Answers, dump_answers
from wijzer.atomic import write_atomic
from wijzer.ruleset import RuleSet

ENV_DATA = "WIJZER_DATA"
DRAFT_NAME = "concept.yaml"
LAST_NAME = "laatste-antwoorden.yaml"
BROKEN_NAME = "concept-onleesbaar.yaml"
_HEADER = (
    "Concept van een onderbroken vraaggesprek van wijzer.\n"
    "Hervat met: wijzer advies --hervat   (of gebruik het als --antwoorden)"
)


def data_dir() -> Path:
    """The folder for drafts: $WIJZER_DATA, else the platform's user data folder."""
    override = os.environ.get(ENV_DATA)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("wijzer", appauthor=False))


class Drafts:
    """Save, load and retire the interview draft."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir()
        self.path = self.folder / DRAFT_NAME
        self.last_path = self.folder / LAST_NAME

    def exists(self) -> bool:
        """Whether an interrupted interview left a draft."""
        return self.path.is_file()

    def save(
        self, rs: RuleSet, answers: Answers, project: str | None, gemeente: str | None
    ) -> None:
        """Write the answers so far (atomically)."""
        write_atomic(self.path, dump_answers(rs, answers, project, gemeente, header=_HEADER))

    def load(self, rs: RuleSet) -> tuple[Answers, str | None, str | None]:
        """The draft's answers (only those given) and metadata; a broken draft is an error."""
        from wijzer.loading import load_answers

        project = load_answers(self.path, rs)
        given = {q: a for q, a in project.antwoorden.items() if q not in project.ontbrekend}
        return given, project.naam, project.gemeente

    def set_aside(self) -> Path:
        """Keep an unreadable draft under another name (never delete what a user typed)."""
        kept = self.folder / BROKEN_NAME
        self.path.replace(kept)
        return kept

    def discard(self) -> None:
        """Start afresh: remove the draft."""
        self.path.unlink(missing_ok=True)

    def finish(self) -> Path | None:
        """The interview is complete: keep its answers as the last ones, remove the draft."""
        if not self.exists():
            return None
        self.path.replace(self.last_path)
        return self.last_path
