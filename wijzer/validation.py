"""Turn pydantic validation errors and unknown ids into located Dutch problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from wijzer import texts
from wijzer.errors import MAX_PROBLEMS, InputError, Problem
from wijzer.yamlio import PathKey, YamlDocument


def dotted(path: Sequence[str | int]) -> str:
    """A path as users read it: 'regels[3].als.is'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_GUESS_LENGTH = 100
"""Longer values get no 'bedoelde u': no id is that long, and comparing costs their length
times every candidate's."""


def suggestion(bad: str, valid: Iterable[str]) -> str:
    """'Geldig: a, b, c. Bedoelde u 'b'?' — the valid ids and the nearest one, if any is near."""
    pool = list(valid)
    text = texts.VALID_ARE.format(valid=", ".join(pool)) if len(pool) <= 12 else ""
    bad = str(bad)
    if len(bad) > _GUESS_LENGTH:
        return text
    guess = difflib.get_close_matches(bad, pool, n=1, cutoff=0.6)
    if guess:
        text = f"{text} {texts.DID_YOU_MEAN.format(guess=guess[0])}".strip()
    return text


def type_name(value: Any) -> str:
    """A Dutch name for the type of a received value, with a short rendering of the value."""
    name = texts.TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    if isinstance(value, (dict, list)) or value is None:
        return name
    return f"{name} {_short_repr(value)}"


def shown_value(value: Any) -> str:
    """A scalar from a file as a message quotes it: short, and a number however long."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _short_repr(value)
    return type_name(value)


_HUGE = 4000
"""Bits beyond which an int is described, not printed (Python refuses to print an int of
more than 4,300 digits at all)."""


def _short_repr(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > _HUGE:
        return texts.HUGE_NUMBER.format(digits=int(value.bit_length() * 0.30103) + 1)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def validate(
    model: type[BaseModel], doc: YamlDocument, context: dict[str, Any] | None = None
) -> Any:
    """Validate a document's data against a model; all errors become one InputError."""
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, model)) from None


def problems_from(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    """One located problem per pydantic error (duplicates from union branches dropped)."""
    problems: dict[tuple[PathKey, str], Problem] = {}
    raw = exc.errors(include_url=False)
    # Pydantic reports everything; explaining a few dozen is plenty and keeps this fast.
    errors = [(_clean_loc(e["loc"], doc.data), e) for e in raw[: 2 * MAX_PROBLEMS]]
    for loc, error in errors:
        if error["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other, _ in errors
        ):
            continue  # a list "too short" only because its items failed: those errors say more
        message, hint = _message(error, loc, model)
        key = (loc, message)
        if key not in problems:
            problems[key] = Problem(doc.source, message, doc.line_of(loc), dotted(loc), hint)
    found = list(problems.values())
    if len(raw) > 2 * MAX_PROBLEMS and found:
        found.append(Problem(doc.source, f"… en nog {len(raw) - 2 * MAX_PROBLEMS} meldingen."))
    return found


_UNION_TAGS = frozenset(
    {
        "is",
        "in",
        "bevat",
        "alle",
        "een_van",
        "niet",
        "niveau_vanaf",
        "niveau_hoogstens",
        "niveau_in",
        "str",
        "list[str]",
        "tuple[str, ...]",
        "none",
    }
)


def _clean_loc(loc: Sequence[Any], data: Any) -> PathKey:
    """Drop the union tags pydantic adds to a location, following it through the data."""

    def follow(i: int, node: Any) -> PathKey | None:
        if i == len(loc):
            return ()
        part = loc[i]
        child = _child(node, part)
        if child is not _MISSING:
            rest = follow(i + 1, child)
            if rest is not None:
                return (part, *rest)
        if part in _UNION_TAGS:
            rest = follow(i + 1, node)
            if rest is not None:
                return rest
        return (part,) if i == len(loc) - 1 else None

    return follow(0, data) or tuple(loc)


_MISSING = object()


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part, _MISSING)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING


def _message(error: Any, loc: PathKey, model: type[BaseModel]) -> tuple[str, str]:
    kind = error["type"]
    got = error.get("input")
    if kind == "missing":
        return texts.MISSING_KEY.format(key=loc[-1] if loc else "?"), ""
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        return texts.UNKNOWN_KEY.format(key=key), suggestion(key, _fields_at(model, loc[:-1]))
    if kind in ("string_type", "str_type"):
        return texts.EXPECTED_TEXT.format(got=type_name(got)), ""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return texts.EXPECTED_INT.format(got=type_name(got)), ""
    if kind in ("list_type", "tuple_type"):
        return texts.EXPECTED_LIST.format(got=type_name(got)), ""
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return texts.EXPECTED_MAPPING.format(got=type_name(got)), ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return texts.EXPECTED_CHOICE.format(choices=expected, got=type_name(got)), ""
    if kind == "invalid_condition":
        return error["msg"] + f"; gevonden: {type_name(got)}.", ""
    if kind in ("string_too_long", "too_long") and isinstance(got, str):
        limit = error.get("ctx", {}).get("max_length", "?")
        return texts.TOO_LONG.format(max=limit, got=len(got)), ""
    if kind == "too_short":
        return "deze lijst mag niet leeg zijn.", ""
    if kind == "value_error":
        return texts.INVALID_VALUE.format(
            reason=str(error["msg"]).removeprefix("Value error, ")
        ), ""
    return texts.INVALID_VALUE.format(reason=error["msg"]), ""


def _fields_at(model: type[BaseModel], path: PathKey) -> list[str]:
    """The keys allowed at a path inside a model (best effort, for suggestions)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", {})
    return [f.alias or name for name, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    """The model class inside an annotation such as `tuple[Rule, ...]` or `Level | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
