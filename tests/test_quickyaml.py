"""The quick reader gives what the full YAML reader gives, or declines.

The property tests write texts from the pieces YAML is made of (indentation, keys, list
items, comments, plain/quoted/bracketed values with characters that mean something in
YAML, and pieces this reader never accepts) and hold both readers to the same data, types
and first line whenever the quick one accepts. Other tests make sure it does accept the
files wijzer itself writes and the ones users are shown, so the property is not empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijzer import quickyaml
from wijzer.answers import dump_answers
from wijzer.authoring.template import template
from wijzer.errors import InputError
from wijzer.loading import parse_answers
from wijzer.ruleset import RuleSet
from wijzer.yamlio import ANSWER_LIMITS, parse

ROOT = Path(__file__).resolve().parent.parent
LIMITS = ANSWER_LIMITS


def full(text: str) -> tuple[object, int] | None:
    """The full reader's one document (data, line), or None when it refuses the text or
    finds no or several documents."""
    try:
        docs = parse(text, "t.yaml", LIMITS, quick=False)
    except InputError:
        return None
    if len(docs) != 1:
        return None
    return docs[0].data, docs[0].line


def assert_same(text: str) -> bool:
    """The quick reader agrees with the full one (or declines); whether it accepted."""
    quick = quickyaml.read(text, LIMITS.max_depth, LIMITS.max_nodes)
    if quick is None:
        return False
    expected = full(text)
    assert expected is not None, f"the quick reader accepted what YAML refuses: {text!r}"
    assert repr(quick[0]) == repr(expected[0]), text  # repr: types too (1 vs '1' vs True)
    assert quick[1] == expected[1], text
    return True


WORDS = st.sampled_from(
    [
        "informeren",
        "weet_ik_niet",
        "Project 12",
        "Gemeente Ede-Wageningen",
        "Stationsplein — fase 2",
        "café",
        "1",
        "-1",
        "0o17",
        "1_000",
        "2.5",
        ".5",
        "1e3",
        ".inf",
        "2024-01-02",
        "2024-01-02 10:00:00",
        "true",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "Null",
        "a: b",
        "a:b",
        "a:",
        "a #b",
        "a#b",
        "#b",
        "a, b",
        "[a]",
        "{a: 1}",
        "&a",
        "*a",
        "!x",
        "!!str 1",
        "|",
        ">",
        "%x",
        "@x",
        "`x",
        "?x",
        "? x",
        "-x",
        "- x",
        ":x",
        "=",
        "<<",
        "a'b",
        'a"b',
        "a\\b",
        "a\tb",
        "a\u00a0",
        "\u00a0a",
        "a\u2028b",
        "a\u0085b",
        "x\r",
        "",
        " ",
    ]
)
KEYS = st.sampled_from(
    ["doel", "antwoorden", "wijzer", "project", "a", "b", "x_1", "y", "on", "null", "1", "a-b"]
)


@st.composite
def values(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["plain", "double", "single", "flow", "empty", "comment"]))
    word = draw(WORDS)
    if kind == "double":
        return f'"{word}"'
    if kind == "single":
        return f"'{word}'"
    if kind == "flow":
        items = draw(st.lists(WORDS, max_size=4))
        sep = draw(st.sampled_from([", ", ",", " , "]))
        return "[" + sep.join(items) + draw(st.sampled_from(["]", ",]", " ]", "] # c"]))
    if kind == "empty":
        return ""
    if kind == "comment":
        return f"{word} # c"
    return word


@st.composite
def lines(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 2, 4]))
    kind = draw(st.sampled_from(["key", "key", "key", "item", "comment", "blank", "raw"]))
    if kind == "key":
        gap = draw(st.sampled_from([" ", " ", "  ", ""]))
        return f"{indent}{draw(KEYS)}:{gap}{draw(values())}"
    if kind == "item":
        return f"{indent}-{draw(st.sampled_from([' ', '  ', '']))}{draw(values())}"
    if kind == "comment":
        return f"{indent}# {draw(WORDS)}"
    if kind == "blank":
        return indent
    return indent + draw(st.sampled_from(["---", "...", "%YAML 1.1", "? a", "a", "- - a"]))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(lines(), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["\n", "\r\n", ""]),
)
def test_quick_reader_agrees_with_yaml(rows: list[str], newline: str, end: str) -> None:
    assert_same(newline.join(rows) + end)


@st.composite
def answer_like(draw: st.DrawFn) -> str:
    """Texts shaped like answer files (nested blocks, lists in both styles), so that many
    are accepted and the comparison is made."""
    rows = [f"wijzer: {draw(st.sampled_from(['1', '2', '']))}"]
    rows.append(f"project: {draw(values())}")
    rows.append("antwoorden:")
    step = " " * draw(st.sampled_from([1, 2, 4]))
    for key in draw(st.lists(KEYS, max_size=5)):
        if draw(st.booleans()):
            rows.append(f"{step}{key}: {draw(values())}")
        else:
            rows.append(f"{step}{key}:")
            dash = draw(st.sampled_from(["", step]))
            rows += [f"{step}{dash}- {draw(values())}" for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            rows.append(f"{draw(st.sampled_from(['', step, step * 3]))}# {draw(WORDS)}")
    rows.append(f"thema: {draw(values())}")
    return "\n".join(rows) + "\n"


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_like())
def test_quick_reader_agrees_on_answer_like_texts(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("name", ["stationsplein", "wijkbudget", "windpark"])
def test_examples_are_read_quickly(name: str) -> None:
    assert assert_same((ROOT / "voorbeelden" / f"{name}.yaml").read_text(encoding="utf-8"))


def test_windows_line_ends_are_read_quickly() -> None:
    text = (ROOT / "voorbeelden" / "windpark.yaml").read_text(encoding="utf-8")
    assert assert_same(text.replace("\n", "\r\n"))


def test_files_wijzer_writes_are_read_quickly(rules: RuleSet) -> None:
    rs = rules
    assert assert_same(template(rs))
    answers = {q.id: (q.opties[0].id,) for q in rs.vragen}
    assert assert_same(dump_answers(rs, answers, "Plein: fase 2", "'s-Hertogenbosch", "kop\nregel"))
    assert_same(dump_answers(rs, {}, "x"))  # 'antwoorden: {}' is left to the full reader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 1\nb:\n  c: [x, y]\n  d:\n  - p\n  - q\ne: ''\n",
            {"a": 1, "b": {"c": ["x", "y"], "d": ["p", "q"]}, "e": ""},
        ),
        ("# kop\n\na: x # uitleg\nb:\n    - 2024-01-02\n", None),
        ("a:\n  b:\n    c: d\n  e: f\ng: ~\n", {"a": {"b": {"c": "d"}, "e": "f"}, "g": None}),
    ],
)
def test_nesting_and_comments(text: str, expected: object) -> None:
    assert assert_same(text)
    if expected is not None:
        assert quickyaml.read(text, 40, 10_000) == (expected, 1)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the full reader names the line
        "a: b\n  c\n",  # a continued plain scalar
        "a:\n  - x\n  y: 1\n",  # an error
        "a: &x 1\nb: *x\n",
        "a: |\n  tekst\n",
        "a: 1\n---\nb: 2\n",
        'a: "\\u00e9"\n',
        "a:\tb\n",
        "- a\n",
        "yes: 1\n",
        "a: [b, [c]]\n",
        "a: x: y\n",
    ],
)
def test_declines_what_it_does_not_know(text: str) -> None:
    assert quickyaml.read(text, 40, 10_000) is None


def test_limits_are_left_to_the_full_reader() -> None:
    deep = "".join(f"{' ' * i}k{i}:\n" for i in range(12)) + " " * 12 + "x: 1\n"
    assert quickyaml.read(deep, 10, 10_000) is None
    wide = "a: [" + ", ".join(["x"] * 600) + "]\n"
    assert quickyaml.read(wide, 40, 1_000) is None
    assert quickyaml.read(wide, 40, 10_000) is not None


def test_errors_in_quickly_read_files_still_have_their_lines(rules: RuleSet) -> None:
    text = "wijzer: 1\n# uitleg\nantwoorden:\n  doel: informeren\n  rol: sturnd\n"
    with pytest.raises(InputError) as info:
        parse_answers(text, rules, "p.yaml")
    assert "p.yaml, regel 5" in str(info.value)
