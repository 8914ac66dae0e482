"""The batch summary for people: one line per document as it is evaluated, then the spread.

Rows are printed as they come (a streaming table with fixed column widths), so a batch of
any size keeps memory flat; bad documents are explained on stderr.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from wijzer import texts
from wijzer.batch import Record, Summary
from wijzer.ruleset import RuleSet

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
    if len(text) > width:
        text = ("…" + text[-(width - 1) :]) if left_cut else (text[: width - 1] + "…")
    return text.ljust(width)


def _line(cells: list[tuple[str, str]], out: Console, styled: bool) -> None:
    """One row of (text, style) cells. Off a terminal there are no styles to draw, and
    the plain line is written as is: Rich's print costs ~0.4 ms per call, which for a
    batch of 10,000 files would take longer than evaluating them."""
    if not styled:
        out.file.write(GAP.join(text for text, _ in cells).rstrip() + "\n")
        return
    row = Text(GAP).join(Text(text, style=style) for text, style in cells)
    row.rstrip()
    out.print(row, no_wrap=True, crop=True)


def _binding_cap(summary: Summary, rs: RuleSet) -> str:
    if not summary.spanning:
        return "—"
    labels = ", ".join(
        rs.questions[q].label().lower() for q in summary.tegenhouders if q in rs.questions
    )
    return f"{summary.plafond} ({labels})" if labels else str(summary.plafond)


def write_table(
    records: Iterable[Record], out: Console, err: Console, rs: RuleSet, tally: dict[str, int]
) -> None:
    """Print a row per record (errors on `err`), then the distribution of `tally`, which
    the caller fills while the records pass (see `wijzer.batch.counting`)."""
    widths = _widths(out.width)
    keys = [k for k in _KEYS if widths[k]]
    titles = dict(zip(_KEYS, texts.BATCH_COLUMNS, strict=True))
    styled = out.is_terminal
    _line([(_cell(titles[k], widths[k]), "bold") for k in keys], out, styled)
    names = {lv.id: lv.naam for lv in rs.niveaus}
    for record in records:
        summary = record.summary
        if summary is None:
            cells = {"bestand": record.bestand, "niveau": texts.BATCH_ERROR}
            styles = {"niveau": "bold red"}
            for problem in record.problems:
                err.print(Text(f"wijzer: {problem.format()}"), soft_wrap=True)
        else:
            suffix = f" #{record.document}" if record.document > 1 else ""
            cells = {
                "bestand": record.bestand + suffix,
                "project": summary.project or "",
                "gemeente": summary.gemeente or "",
                "niveau": names.get(summary.niveau, summary.niveau),
                "plafond": _binding_cap(summary, rs),
                "onbekend": str(summary.onbekend),
                "waarschuwingen": str(summary.waarschuwingen),
            }
            styles = {"niveau": "bold magenta", "plafond": "yellow"}
        _line(
            [
                (_cell(cells.get(k, ""), widths[k], left_cut=k == "bestand"), styles.get(k, ""))
                for k in keys
            ],
            out,
            styled,
        )
    out.print(Text(texts.BATCH_LEGEND, style="dim"))
    _distribution(out, tally, rs)


def _distribution(out: Console, tally: dict[str, int], rs: RuleSet) -> None:
    total = sum(tally.values())
    bad = tally.get("fout", 0)
    out.print()
    out.print(Text(texts.BATCH_DISTRIBUTION, style="bold"))
    widest = max(len(lv.naam) for lv in rs.niveaus)
    biggest = max([tally.get(lv.id, 0) for lv in rs.niveaus] + [1])
    for level in reversed(rs.niveaus):
        count = tally.get(level.id, 0)
        bar = "█" * round(30 * count / biggest)
        line = Text(f"  {level.naam.ljust(widest)}  {str(count).rjust(6)}  ")
        line.append(bar, style="magenta")
        line.rstrip()
        out.print(line, no_wrap=True, crop=True)
    out.print(Text(texts.BATCH_SUMMARY.format(ok=total - bad, total=total, bad=bad)))
