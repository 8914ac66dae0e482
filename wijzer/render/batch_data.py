"""Batch records as data for scripts: JSON (an array), JSON Lines, CSV or YAML, streamed.

Each writer takes an iterator of records and writes as they come, so memory stays flat.
A record is the advice's JSON form (docs/json.md) plus `bestand`, `document` and
`status`; a bad document has `status: fout` and `fouten` (file, line, path, message).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from wijzer.batch import Record

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


def as_json(record: Record) -> str:
    """One record as a compact JSON object (the advice's own JSON, with three keys in front)."""
    head = json.dumps(
        {
            "bestand": record.bestand,
            "document": record.document,
            "status": "ok" if record.ok else "fout",
        },
        ensure_ascii=False,
    )
    if record.advice_json is not None:
        return head[:-1] + ", " + record.advice_json[1:]
    fouten = [
        {
            "bestand": p.source,
            "regel": p.line,
            "pad": p.path,
            "melding": f"{p.message} {p.hint}".strip(),
        }
        for p in record.problems
    ]
    return head[:-1] + ", " + json.dumps({"fouten": fouten}, ensure_ascii=False)[1:]


def as_data(record: Record) -> dict[str, Any]:
    """One record as plain data."""
    data: dict[str, Any] = json.loads(as_json(record))
    return data


def write_json(records: Iterable[Record], out: IO[str]) -> None:
    """A JSON array, one record per element, written element by element."""
    out.write("[")
    for i, record in enumerate(records):
        out.write(",\n" if i else "\n")
        out.write(as_json(record))
    out.write("\n]\n")


def write_jsonl(records: Iterable[Record], out: IO[str]) -> None:
    """One JSON object per line."""
    for record in records:
        out.write(as_json(record) + "\n")


def write_yaml(records: Iterable[Record], out: IO[str]) -> None:
    """A multi-document YAML stream, one document per record."""
    import yaml

    for record in records:
        out.write("---\n")
        out.write(yaml.safe_dump(as_data(record), allow_unicode=True, sort_keys=False, width=100))


def csv_row(record: Record) -> dict[str, Any]:
    """The flat CSV view of a record (lists joined with ';')."""
    head = {"bestand": record.bestand, "document": record.document}
    summary = record.summary
    if summary is None:
        messages = "; ".join(
            (f"regel {p.line}: " if p.line else "") + f"{p.message} {p.hint}".strip()
            for p in record.problems
        )
        return {**head, "status": "fout", "fouten": messages}
    return {
        **head,
        "status": "ok",
        "project": summary.project or "",
        "gemeente": summary.gemeente or "",
        "niveau": summary.niveau,
        "ambitie": summary.ambitie,
        "plafond": summary.plafond or "",
        "bodem": summary.bodem or "",
        "spanning": "ja" if summary.spanning else "nee",
        "onbekend": summary.onbekend,
        "waarschuwingen": summary.waarschuwingen,
        "bepalend": ";".join(summary.bepalend),
        "regelset_hash": summary.hash,
        "fouten": "",
    }


def write_csv(records: Iterable[Record], out: IO[str]) -> None:
    """CSV with a header row; see CSV_COLUMNS."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))


WRITERS = {"json": write_json, "jsonl": write_jsonl, "yaml": write_yaml, "csv": write_csv}
