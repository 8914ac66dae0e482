"""An advice as data for scripts: JSON (the documented contract) or YAML.

`to_json` and `to_yaml` give one advice, readable; `AdviceJson` gives the compact JSON of
many (a batch), put together from the JSON of their shared parts.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json as compact_json

from wijzer.advice import Advice
from wijzer.memo import Memo
from wijzer.ruleset import RuleSet

PARTS_KEPT = 8192
"""How many parts' JSON an `AdviceJson` keeps before it starts afresh."""


def as_dict(advice: Advice) -> dict[str, Any]:
    """The advice as plain JSON-compatible data (keys documented in docs/json.md)."""
    return advice.model_dump(mode="json")


def pretty_json(data: object) -> str:
    """Pretty, stable JSON (UTF-8 characters kept readable), ending with a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json(advice: Advice) -> str:
    """An advice as pretty JSON."""
    return pretty_json(as_dict(advice))


def levels_json(rs: RuleSet) -> str:
    """The participation ladder (`wijzer niveaus -f json`): every level, lowest first."""
    return pretty_json([level.model_dump(mode="json") for level in rs.niveaus])


def to_yaml(advice: Advice) -> str:
    """The same data as YAML."""
    import yaml

    return str(yaml.safe_dump(as_dict(advice), allow_unicode=True, sort_keys=False, width=100))


_KEYS = tuple((name, compact_json(name) + b":") for name in Advice.model_fields)


class AdviceJson:
    """Advice to compact JSON (`advice.model_dump_json()`, UTF-8), byte for byte, put
    together from the JSON of its parts.

    Reasons, tips, what-ifs, change sets and groups are immutable objects shared between
    projects (see `wijzer.compiled`), so each one's JSON is made once and kept here, by
    the part's id (the part is held, so its id cannot be reused while it is kept); a batch
    then copies bytes instead of serialising the same texts for every project. Each batch
    (each worker) has its own: pickled, it starts empty.
    """

    def __init__(self) -> None:
        self._kept: Memo[int, tuple[BaseModel, bytes]] = Memo(PARTS_KEPT)

    def __reduce__(self) -> tuple[type[AdviceJson], tuple[()]]:
        return (AdviceJson, ())

    def __call__(self, advice: Advice) -> bytes:
        out = []
        part = self._part
        for name, key in _KEYS:
            value = getattr(advice, name)
            if isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
                out.append(key + b"[" + b",".join(map(part, value)) + b"]")
            elif isinstance(value, BaseModel):
                out.append(key + part(value))
            else:
                out.append(key + compact_json(value))
        return b"{" + b",".join(out) + b"}"

    def _part(self, part: BaseModel) -> bytes:
        found = self._kept.get(id(part))
        if found is not None and found[0] is part:
            return found[1]
        return self._kept.put(id(part), (part, compact_json(part)))[1]
