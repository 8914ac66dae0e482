"""The batch summary for people: one line per document as it is evaluated, then the spread.

Rows are printed as they come (a streaming table with fixed column widths), so a batch of
any size keeps memory flat; bad documents are explained on stderr. Off a terminal a row
is plain text, made where its file was evaluated (`Columns`, a `wijzer.batch.Render`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijzer import texts
from wijzer.batch import Piece, Record, Summary
from wijzer.errors import Problem
from wijzer.printable import printable_line
from wijzer.ruleset import RuleSet

if TYPE_CHECKING:
    from rich.console import Console

    from wijzer.advice import Advice

_KEYS = ("bestand", "project", "gemeente", "niveau", "plafond", "onbekend", "waarschuwingen")
GAP = "  "


def _widths(total: int) -> dict[str, int]:
    """Column widths for a line of `total` characters; narrow screens drop the gemeente."""
    wide = total >= 100
    fixed = {"niveau": 12, "plafond": 26 if wide else 18, "onbekend": 4, "waarschuwingen": 4}
    columns = 7 if wide else 6
    free = max(24, total - sum(fixed.values()) - len(GAP) * (columns - 1))
    if wide:
        return {
            "bestand": free * 2 // 5,
            "project": free * 2 // 5,
            "gemeente": free - 4 * free // 5,
            **fixed,
        }
    return {"bestand": free // 2, "project": free - free // 2, "gemeente": 0, **fixed}


def _cell(text: str, width: int, left_cut: bool = False) -> str:
    """A cell of one line (what comes from a file is printable), cut to its width."""
    text = printable_line(text)
    if len(text) > width:
        text = ("…" + text[-(width - 1) :]) if left_cut else (text[: width - 1] + "…")
    return text.ljust(width)


def _plain(cells: Iterable[tuple[str, str]]) -> str:
    """A row as plain text. Off a terminal there are no styles to draw (and Rich's print
    costs ~0.4 ms per call: for 10,000 files longer than evaluating them)."""
    return GAP.join(text for text, _ in cells).rstrip() + "\n"


def _line(cells: list[tuple[str, str]], out: Console, styled: bool) -> None:
    """One row of (text, style) cells."""
    if not styled:
        out.file.write(_plain(cells))
        return
    from rich.text import Text

    row = Text(GAP).join(Text(text, style=style) for text, style in cells)
    row.rstrip()
    out.print(row, no_wrap=True, crop=True)


@dataclass(frozen=True)
class Columns:
    """The table's columns and what a row needs of the rule set. Called on a record, it
    renders the plain row (UTF-8) for output off a terminal: a `wijzer.batch.Render`,
    plain data, so it goes to the workers."""

    widths: dict[str, int]
    levels: dict[str, str]
    """Level id -> its name."""
    labels: dict[str, str]
    """Question id -> its short label, for the cap that binds."""

    @classmethod
    def of(cls, rs: RuleSet, width: int) -> Columns:
        widths = _widths(width)
        return cls(
            {k: widths[k] for k in _KEYS if widths[k]},
            {lv.id: lv.naam for lv in rs.niveaus},
            {q.id: q.label().lower() for q in rs.vragen},
        )

    def cells(self, record: Record) -> list[tuple[str, str]]:
        summary = record.summary
        if summary is None:
            cells = {"bestand": record.bestand, "niveau": texts.BATCH_ERROR}
            styles = {"niveau": "bold red"}
        else:
            suffix = f" #{record.document}" if record.document > 1 else ""
            cells = {
                "bestand": record.bestand + suffix,
                "project": summary.project or "",
                "gemeente": summary.gemeente or "",
                "niveau": self.levels.get(summary.levels.niveau, summary.levels.niveau),
                "plafond": _binding_cap(summary, self.labels),
                "onbekend": str(summary.onbekend),
                "waarschuwingen": str(summary.waarschuwingen),
            }
            styles = {"niveau": "bold magenta", "plafond": "yellow"}
        return [
            (_cell(cells.get(k, ""), width, left_cut=k == "bestand"), styles.get(k, ""))
            for k, width in self.widths.items()
        ]

    def __call__(self, record: Record, advice: Advice | None = None) -> bytes:
        return _plain(self.cells(record)).encode()


def _binding_cap(summary: Summary, labels: Mapping[str, str]) -> str:
    if not summary.levels.spanning:
        return "—"
    # The level it holds the advice at is the Niveau column: the answers are what is new.
    held = ", ".join(labels[q] for q in summary.tegenhouders if q in labels)
    return held or str(summary.levels.plafond)


def write_table(
    pieces: Iterable[Piece], out: Console, err: Console, rs: RuleSet, tally: dict[str, int]
) -> None:
    """Print a row per record (errors on `err`), then the distribution of `tally`, which
    the caller fills while the pieces pass (see `wijzer.batch.counting`). Pieces come
    with their rows made (`Columns`) or, for a terminal, with their records."""
    from rich.text import Text

    columns = Columns.of(rs, out.width)
    titles = dict(zip(_KEYS, texts.BATCH_COLUMNS, strict=True))
    styled = out.is_terminal
    out.print(Text(texts.BATCH_LEGEND, style="dim"))  # before the rows: a long batch scrolls
    _line([(_cell(titles[k], w), "bold") for k, w in columns.widths.items()], out, styled)

    def explain(problems: Iterable[Problem]) -> None:
        for problem in problems:
            err.print(Text(f"wijzer: {problem.format()}"), soft_wrap=True)

    for piece in pieces:
        for record in piece.records:
            explain(record.problems)
            _line(columns.cells(record), out, styled)
        start = 0
        for at, problems in piece.bad:  # rows made elsewhere: the problems where they were
            out.file.write(piece.text[start:at].decode())
            explain(problems)
            start = at
        out.file.write(piece.text[start:].decode())
    _distribution(out, tally, rs)


def _distribution(out: Console, tally: dict[str, int], rs: RuleSet) -> None:
    from rich.text import Text

    total = sum(tally.values())
    bad = tally.get("fout", 0)
    out.print()
    out.print(Text(texts.BATCH_DISTRIBUTION, style="bold"))
    widest = max(len(lv.naam) for lv in rs.niveaus)
    biggest = max([tally.get(lv.id, 0) for lv in rs.niveaus] + [1])
    for level in reversed(rs.niveaus):
        count = tally.get(level.id, 0)
        bar = "█" * round(30 * count / biggest)
        line = Text(f"  {level.naam.ljust(widest)}  {texts.number(count).rjust(7)}  ")
        line.append(bar, style="magenta")
        line.rstrip()
        out.print(line, no_wrap=True, crop=True)
    counts = {"ok": total - bad, "total": total, "bad": bad}
    out.print(Text(texts.BATCH_SUMMARY.format(**{k: texts.number(v) for k, v in counts.items()})))
