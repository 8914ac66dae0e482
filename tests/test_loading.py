"""Loading answer files and rule sets: every invalid input gives a located, helpful error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FULL_ANSWERS, REPO
from wijzer.conditions import UNKNOWN
from wijzer.errors import InputError
from wijzer.loading import load_answers, load_ruleset
from wijzer.ruleset import RuleSet

Write = Callable[[str, str | bytes], Path]

# (name, content, fragments the single error message must contain)
INVALID_ANSWERS: list[tuple[str, str | bytes, list[str]]] = [
    (
        "typo_option",
        "antwoorden:\n  doel: advies_vrage\n",
        ["regel 2", "antwoorden.doel", "'advies_vrage'", "Bedoelde u 'advies_vragen'?"],
    ),
    (
        "typo_question",
        "antwoorden:\n  doel: informeren\n  doelgroep: [jongeren]\n",
        ["regel 3", "onbekende vraag 'doelgroep'", "Bedoelde u 'doelgroepen'?"],
    ),
    (
        "typo_top_key",
        "antwoorde:\n  doel: informeren\n",
        ["regel 1", "onbekende sleutel 'antwoorde'", "Bedoelde u 'antwoorden'?"],
    ),
    (
        "option_in_list",
        "antwoorden:\n  doelgroepen:\n    - jongeren\n    - ouderne\n",
        ["regel 4", "antwoorden.doelgroepen[1]", "Bedoelde u 'ouderen'?"],
    ),
    (
        "list_for_single",
        "antwoorden:\n  rol: [sturend, faciliterend]\n",
        ["regel 2", "heeft één antwoord"],
    ),
    (
        "number_answer",
        "antwoorden:\n  impact: 3\n",
        ["regel 2", "verwacht een optie-id", "getal 3"],
    ),
    (
        "unknown_with_others",
        "antwoorden:\n  doelgroepen: [jongeren, weet_ik_niet]\n",
        ["regel 2", "niet samen"],
    ),
    ("duplicate_option", "antwoorden:\n  doelgroepen: [jongeren, jongeren]\n", ["twee keer"]),
    ("answers_is_list", "antwoorden: [doel, rol]\n", ["regel 1", "verwacht een mapping"]),
    ("top_is_list", "- doel\n- rol\n", ["regel 1", "verwacht werd een mapping", "een lijst"]),
    ("project_number", "project: 12\nantwoorden: {}\n", ["regel 1", "(project)", "verwacht tekst"]),
    ("version", "wijzer: 7\nantwoorden: {}\n", ["regel 1", "formaat 7"]),
    ("syntax", "antwoorden:\n  doel: informeren\n   rol: sturend\n", ["regel 3", "ongeldige YAML"]),
    ("tab", "antwoorden:\n\tdoel: informeren\n", ["regel 2", "spaties"]),
    ("unclosed_quote", "antwoorden:\n  doel: 'informeren\n", ["ongeldige YAML"]),
    ("empty", "", ["leeg"]),
    ("only_comment", "# niets\n", ["leeg"]),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binair"]),
    ("latin1", "antwoorden:\n  thema: caf\xe9\n".encode("latin-1"), ["regel 2", "UTF-8"]),
    (
        "two_documents",
        "antwoorden: {}\n---\nantwoorden: {}\n",
        ["2 YAML-documenten", "wijzer batch"],
    ),
    (
        "duplicate_key",
        "antwoorden:\n  doel: informeren\n  doel: advies_vragen\n",
        ["regel 3", "twee keer"],
    ),
    (
        "python_tag",
        "antwoorden:\n  doel: !!python/name:os.system\n",
        ["regel 2", "niet toegestaan"],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "fragments"), INVALID_ANSWERS, ids=[c[0] for c in INVALID_ANSWERS]
)
def test_invalid_answer_files(
    rules: RuleSet, write: Write, name: str, content: str | bytes, fragments: list[str]
) -> None:
    path = write(f"{name}.yaml", content)
    with pytest.raises(InputError) as info:
        load_answers(path, rules)
    message = str(info.value)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_all_problems_are_reported_at_once(rules: RuleSet, write: Write) -> None:
    path = write("a.yaml", "antwoorden:\n  doel: x\n  rol: y\n  thema: z\n")
    with pytest.raises(InputError) as info:
        load_answers(path, rules)
    assert [p.line for p in info.value.problems] == [2, 3, 4]


def test_missing_file_and_directory(rules: RuleSet, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="niet gevonden"):
        load_answers(tmp_path / "nope.yaml", rules)
    with pytest.raises(InputError, match="map"):
        load_answers(tmp_path, rules)


def test_huge_file_is_refused_before_parsing(rules: RuleSet, write: Write) -> None:
    path = write("big.yaml", "antwoorden:\n" + "  # opvulling\n" * 200_000)
    with pytest.raises(InputError, match="te groot"):
        load_answers(path, rules)


def test_valid_file_fills_missing_answers_with_unknown(rules: RuleSet, write: Write) -> None:
    project = load_answers(
        write("p.yaml", "antwoorden:\n  doel: informeren\n  doelgroepen: ouderen\n"), rules
    )
    assert project.antwoorden["doel"] == ("informeren",)
    assert project.antwoorden["doelgroepen"] == ("ouderen",)
    assert project.antwoorden["rol"] == (UNKNOWN,)
    assert set(project.antwoorden) == set(rules.questions)


def test_empty_values_and_weet_ik_niet_mean_unknown(rules: RuleSet, write: Write) -> None:
    text = "antwoorden:\n  doel:\n  rol: weet_ik_niet\n  doelgroepen: []\n"
    project = load_answers(write("p.yaml", text), rules)
    assert project.antwoorden["doel"] == project.antwoorden["rol"] == (UNKNOWN,)
    assert project.antwoorden["doelgroepen"] == (UNKNOWN,)


def test_full_file_round_trip(rules: RuleSet, write: Write) -> None:
    project = load_answers(write("p.yaml", FULL_ANSWERS), rules)
    assert project.naam == "Herinrichting Stationsplein"
    assert project.antwoorden["doelgroepen"] == ("alle_inwoners", "lage_ses")


# --- rule sets ---------------------------------------------------------------------------

MINIMAL_RULES = """\
wijzer_regels: 1
naam: Mini
versie: "1"
niveaus:
  - {id: laag, naam: Laag, betekenis: b, belofte: b, vraagt: v}
  - {id: hoog, naam: Hoog, betekenis: b, belofte: b, vraagt: v}
vragen:
  - id: q
    tekst: Vraag?
    opties:
      - {id: ja, tekst: Ja}
      - {id: nee, tekst: Nee}
regels:
  - id: basis
    toelichting: altijd
    voorstel: laag
  - id: hoog_bij_ja
    als: {vraag: q, is: ja}
    toelichting: ja
    voorstel: hoog
"""

# (name, (old, new) replacement in MINIMAL_RULES, fragments)
INVALID_RULES: list[tuple[str, tuple[str, str], list[str]]] = [
    ("no_version", ("wijzer_regels: 1\n", ""), ["wijzer_regels", "ontbreekt"]),
    ("wrong_version", ("wijzer_regels: 1", "wijzer_regels: 9"), ["regel 1", "formaat 9"]),
    (
        "unknown_level",
        ("voorstel: hoog", "voorstel: hooog"),
        ["regel 20", "regels[1].voorstel", "Bedoelde u 'hoog'?"],
    ),
    (
        "unknown_question",
        ("{vraag: q, is: ja}", "{vraag: qq, is: ja}"),
        ["regel 18", "onbekende vraag 'qq'"],
    ),
    (
        "unknown_option",
        ("{vraag: q, is: ja}", "{vraag: q, is: jaa}"),
        ["regel 18", "optie 'jaa'", "Bedoelde u 'ja'?"],
    ),
    (
        "bad_operator",
        ("{vraag: q, is: ja}", "{vraag: q, gelijk: ja}"),
        ["regel 18", "verwacht een voorwaarde"],
    ),
    (
        "no_effect",
        ("    toelichting: ja\n    voorstel: hoog\n", "    toelichting: ja\n"),
        ["regel 17", "minstens één effect"],
    ),
    (
        "missing_text",
        ("    tekst: Vraag?\n", ""),
        ["regel 8", "vragen[0].tekst", "'tekst' ontbreekt"],
    ),
    (
        "unknown_key",
        ("    toelichting: altijd\n", "    toelichting: altijd\n    urgentie: 3\n"),
        ["regel 16", "onbekende sleutel 'urgentie'"],
    ),
    (
        "duplicate_rule",
        ("  - id: hoog_bij_ja", "  - id: basis"),
        ["regel 17", "'basis' komt meer dan eens voor"],
    ),
    (
        "level_condition_in_level_rule",
        ("{vraag: q, is: ja}", "{niveau_vanaf: laag}"),
        ["regel 18", "kan geen voorwaarde op 'niveau'"],
    ),
    (
        "reserved_option",
        ("{id: nee, tekst: Nee}", "{id: weet_ik_niet, tekst: Nee}"),
        ["gereserveerd"],
    ),
    (
        "contains_on_single",
        ("{vraag: q, is: ja}", "{vraag: q, bevat: ja}"),
        ["alleen bij een vraag met meerdere"],
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "fragments"), INVALID_RULES, ids=[c[0] for c in INVALID_RULES]
)
def test_invalid_rule_sets(
    write: Write, name: str, change: tuple[str, str], fragments: list[str]
) -> None:
    old, new = change
    assert old in MINIMAL_RULES
    path = write(f"{name}.yaml", MINIMAL_RULES.replace(old, new, 1))
    with pytest.raises(InputError) as info:
        load_ruleset(path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_minimal_rule_set_loads(write: Write) -> None:
    rs = load_ruleset(write("mini.yaml", MINIMAL_RULES))
    assert [lv.id for lv in rs.niveaus] == ["laag", "hoog"]


def test_default_rule_set_is_shipped_and_valid(rules: RuleSet) -> None:
    assert [lv.id for lv in rules.niveaus] == [
        "informeren",
        "raadplegen",
        "adviseren",
        "coproduceren",
        "meebeslissen",
    ]
    assert (REPO / "rules" / "standaard.yaml").is_file()


def test_env_variable_selects_rule_set(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("mini.yaml", MINIMAL_RULES)
    monkeypatch.setenv("WIJZER_REGELS", str(path))
    assert load_ruleset().naam == "Mini"
