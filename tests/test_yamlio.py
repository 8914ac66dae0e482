"""The safe YAML reader: data, line numbers, limits and hostile documents."""

from __future__ import annotations

import pytest

from wijzer.errors import InputError
from wijzer.yamlio import Limits, decode, parse


def one(text: str, limits: Limits | None = None) -> object:
    docs = parse(text, "t.yaml", limits or Limits())
    assert len(docs) == 1
    return docs[0]


def error_of(text: str, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        parse(text, "t.yaml", limits or Limits())
    return str(info.value)


def test_scalars_resolve_like_safe_load() -> None:
    doc = one("a: 1\nb: 2.5\nc: true\nd: ~\ne: tekst\nf: '1'\ng: 2024-01-02\n")
    data = doc.data  # type: ignore[attr-defined]
    assert data["a"] == 1
    assert data["b"] == 2.5
    assert data["c"] is True
    assert data["d"] is None
    assert data["e"] == "tekst"
    assert data["f"] == "1"
    assert str(data["g"]) == "2024-01-02"


def test_lines_are_recorded_per_path() -> None:
    doc = one("antwoorden:\n  doel: x\n  groepen:\n    - a\n    - b\n")
    assert doc.line_of(("antwoorden",)) == 1  # type: ignore[attr-defined]
    assert doc.line_of(("antwoorden", "doel")) == 2  # type: ignore[attr-defined]
    assert doc.line_of(("antwoorden", "groepen", 1)) == 5  # type: ignore[attr-defined]
    # An unknown path falls back to its nearest known ancestor.
    assert doc.line_of(("antwoorden", "doel", "x", 3)) == 2  # type: ignore[attr-defined]


def test_multiple_documents_have_their_own_lines() -> None:
    docs = parse("a: 1\n---\nb: 2\nc: 3\n", "t.yaml")
    assert [d.data for d in docs] == [{"a": 1}, {"b": 2, "c": 3}]
    assert docs[1].line_of(("c",)) == 4


def test_anchor_alias_and_merge_keys() -> None:
    doc = one("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert doc.data["other"] == {"x": 1, "y": 3}  # type: ignore[attr-defined]


def test_duplicate_key_is_located() -> None:
    assert "regel 3" in error_of("a: 1\nb: 2\na: 3\n")
    assert "twee keer" in error_of("a: 1\nb: 2\na: 3\n")


def test_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    previous = "a"
    for i in range(1, 10):
        name = f"l{i}"
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    assert "alias-bom" in error_of("\n".join(lines) + "\n")


def test_deep_nesting_is_refused_in_flow_and_block_style() -> None:
    assert "te diep genest" in error_of("x: " + "[" * 500 + "]" * 500 + "\n")
    assert "te diep genest" in error_of("- " * 5000 + "x\n")


def test_python_tags_are_refused() -> None:
    assert "niet toegestaan" in error_of("a: !!python/object/apply:os.system ['ls']\n")


def test_syntax_errors_are_dutch_and_located() -> None:
    message = error_of("a:\n  b: 1\n   c: 2\n")
    assert "regel 3" in message
    assert "ongeldige YAML" in message


def test_decode_rejects_binary_and_other_encodings() -> None:
    with pytest.raises(InputError, match="binair"):
        decode(b"a: 1\n\x00\x01", "t.yaml")
    with pytest.raises(InputError, match=r"regel 2.*UTF-8"):
        decode(b"a: 1\nb: caf\xe9\n", "t.yaml")
    with pytest.raises(InputError, match="UTF-16"):
        decode("a: 1".encode("utf-16"), "t.yaml")
    assert decode(b"\xef\xbb\xbfa: 1\n", "t.yaml") == "a: 1\n"


@pytest.mark.parametrize("text", ["b: [\n", "a: &\n", "a: !!\n", "a: *\n", "a: {x\n", 'a: "x\n'])
def test_syntax_errors_are_explained_in_dutch(text: str) -> None:
    message = error_of(text)
    assert "ongeldige YAML: " in message  # a translated problem, not libyaml's own words
    assert "expected" not in message
