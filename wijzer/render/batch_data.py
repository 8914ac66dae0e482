"""Batch records as data for scripts: JSON (an array), JSON Lines, CSV or YAML, streamed.

Each record is rendered to bytes where it is evaluated (see `wijzer.batch.Settings`), and
`write` puts them out as they come, so memory stays flat.
A record is the advice's JSON form (docs/json.md) plus `bestand`, `document` and
`status`; a bad document has `status: fout` and `fouten` (file, line, path, message).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any, NamedTuple

from wijzer.advice import Advice
from wijzer.batch import Piece, Record, Render
from wijzer.printable import printable_line
from wijzer.render.data import AdviceJson

CSV_COLUMNS = (
    "bestand",
    "document",
    "status",
    "project",
    "gemeente",
    "niveau",
    "ambitie",
    "plafond",
    "bodem",
    "spanning",
    "onbekend",
    "waarschuwingen",
    "bepalend",
    "regelset_hash",
    "fouten",
)


def _json_bytes(record: Record, advice: Advice | None, advice_json: AdviceJson) -> bytes:
    head = json.dumps(
        {
            "bestand": record.bestand,
            "document": record.document,
            "status": "ok" if advice is not None else "fout",
        },
        ensure_ascii=False,
    ).encode()
    if advice is not None:
        return head[:-1] + b", " + advice_json(advice)[1:]
    fouten = [
        {
            "bestand": p.source,
            "regel": p.line,
            "pad": p.path,
            "melding": printable_line(f"{p.message} {p.hint}".strip()),
        }
        for p in record.problems
    ]
    return head[:-1] + b", " + json.dumps({"fouten": fouten}, ensure_ascii=False).encode()[1:]


class JsonRecord:
    """A record as JSON (a `wijzer.batch.Render`), followed by `end`; each keeps the JSON
    of the advice parts it wrote (see `AdviceJson`)."""

    def __init__(self, end: bytes = b"") -> None:
        self.end = end
        self.advice_json = AdviceJson()

    def __reduce__(self) -> tuple[type[JsonRecord], tuple[bytes]]:
        return (type(self), (self.end,))

    def __call__(self, record: Record, advice: Advice | None) -> bytes:
        return _json_bytes(record, advice, self.advice_json) + self.end


class YamlRecord(JsonRecord):
    """A record as a YAML document: the same data as its JSON."""

    def __call__(self, record: Record, advice: Advice | None) -> bytes:
        import yaml

        data = json.loads(_json_bytes(record, advice, self.advice_json))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        return b"---\n" + text.encode()


def csv_row(record: Record) -> dict[str, Any]:
    """The flat CSV view of a record (lists joined with ';'). Each record is one line, so
    that no value can add a row for a reader that goes by lines: the free-text cells are
    printable, with line breaks escaped."""
    head = {"bestand": printable_line(record.bestand), "document": record.document}
    summary = record.summary
    if summary is None:
        messages = "; ".join(
            (f"regel {p.line}: " if p.line else "") + f"{p.message} {p.hint}".strip()
            for p in record.problems
        )
        return {**head, "status": "fout", "fouten": printable_line(messages)}
    return {
        **head,
        "status": "ok",
        "project": printable_line(summary.project or ""),
        "gemeente": printable_line(summary.gemeente or ""),
        "niveau": summary.levels.niveau,
        "ambitie": summary.levels.ambitie,
        "plafond": summary.levels.plafond or "",
        "bodem": summary.levels.bodem or "",
        "spanning": "ja" if summary.levels.spanning else "nee",
        "onbekend": summary.onbekend,
        "waarschuwingen": summary.waarschuwingen,
        "bepalend": printable_line(";".join(summary.bepalend)),
        "regelset_hash": summary.hash,
        "fouten": "",
    }


def _csv_line(row: Mapping[str, Any]) -> bytes:
    line = io.StringIO()
    csv.DictWriter(line, fieldnames=CSV_COLUMNS, lineterminator="\n").writerow(row)
    return line.getvalue().encode()


def _csv_bytes(record: Record, advice: Advice | None) -> bytes:
    return _csv_line(csv_row(record))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (an answer file's project name too)."""


def _excel_line(row: Mapping[str, Any]) -> bytes:
    """A row as Dutch Excel opens it: `;` between cells, CRLF, and text that would start a
    formula kept as text (a leading apostrophe)."""
    safe = {
        k: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v
        for k, v in row.items()
    }
    line = io.StringIO()
    csv.DictWriter(line, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n").writerow(
        safe
    )
    return line.getvalue().encode()


def _excel_bytes(record: Record, advice: Advice | None) -> bytes:
    return _excel_line(csv_row(record))


class DataFormat(NamedTuple):
    """How records are written in a data format: each record's bytes (made where it is
    evaluated, see `wijzer.batch.Settings.render`), and what goes around them."""

    render: Render
    full: bool
    """Whether a record needs the full advice (or only its summary)."""
    head: bytes = b""
    first: bytes = b""
    """Before the first record."""
    between: bytes = b""
    tail: bytes = b""


def data_format(name: str) -> DataFormat:
    """The data format of this name (`json`, `jsonl`, `yaml`, `csv` or `csv-excel`), with
    renderers of its own: what they keep lives as long as the batch."""
    if name == "json":
        return DataFormat(
            JsonRecord(), full=True, head=b"[", first=b"\n", between=b",\n", tail=b"\n]\n"
        )
    if name == "jsonl":
        return DataFormat(JsonRecord(b"\n"), full=True)
    if name == "yaml":
        return DataFormat(YamlRecord(), full=True)
    if name == "csv-excel":  # UTF-8 with a BOM, so that Excel reads the accents right
        head = b"\xef\xbb\xbf" + _excel_line({c: c for c in CSV_COLUMNS})
        return DataFormat(_excel_bytes, full=False, head=head)
    return DataFormat(_csv_bytes, full=False, head=_csv_line({c: c for c in CSV_COLUMNS}))


def write(pieces: Iterable[Piece], data_format: DataFormat, out: IO[bytes]) -> None:
    """Write rendered records as they come, so memory stays flat."""
    out.write(data_format.head)
    for i, piece in enumerate(pieces):
        out.write(data_format.between if i else data_format.first)
        out.write(piece.text)
    out.write(data_format.tail)
