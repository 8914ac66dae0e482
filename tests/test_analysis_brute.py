"""The proof against brute force: on small random rule sets, every finding that concerns
the answer space (dead tip and warning rules, unreachable levels, unknown answers above
their bound, texts that contradict the answers) is exactly what trying every answer set
finds. This checks the shortcuts of `wijzer.authoring.analysis` (groups, answer classes, level
classes expanded for tip checks, the projections) for soundness and completeness."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import compiled
from wijzer.authoring.analysis import analyse
from wijzer.conditions import UNKNOWN, Condition, compile_condition
from wijzer.engine import level_of
from wijzer.kernel import answer_sets
from wijzer.loading import load_ruleset
from wijzer.ruleset import RuleSet

LEVELS = ["l0", "l1", "l2"]
QUESTIONS: dict[str, tuple[list[str], bool]] = {
    "q0": (["a", "b", "c"], False),
    "q1": (["a", "b", "c"], False),
    "q2": (["a", "b"], False),
    "q3": (["a", "b", "c"], True),
}


def leaf(level: bool) -> st.SearchStrategy[dict[str, Any]]:
    def answer(q: str) -> st.SearchStrategy[dict[str, Any]]:
        options, multi = QUESTIONS[q]
        pool = [*options, UNKNOWN]
        some = st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True)
        if multi:
            return st.one_of(
                st.builds(lambda o: {"vraag": q, "bevat": o}, st.sampled_from(pool)),
                st.builds(lambda os: {"vraag": q, "in": os}, some),
            )
        return st.one_of(
            st.builds(lambda o: {"vraag": q, "is": o}, st.sampled_from(pool)),
            st.builds(lambda os: {"vraag": q, "in": os}, some),
        )

    leaves = st.sampled_from(sorted(QUESTIONS)).flatmap(answer)
    if level:
        leaves = st.one_of(
            leaves, st.builds(lambda lv: {"niveau_vanaf": lv}, st.sampled_from(LEVELS))
        )
    return leaves


def condition(level: bool) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        leaf(level),
        lambda inner: st.one_of(
            st.builds(lambda xs: {"alle": xs}, st.lists(inner, min_size=1, max_size=2)),
            st.builds(lambda xs: {"een_van": xs}, st.lists(inner, min_size=1, max_size=2)),
            st.builds(lambda x: {"niet": x}, inner),
        ),
        max_leaves=3,
    )


def level_condition() -> st.SearchStrategy[dict[str, Any]]:
    # Level rules read q0..q2 only (a level rule may not test the level).
    def only_single(c: dict[str, Any]) -> bool:
        text = repr(c)
        return "'q3'" not in text

    return condition(False).filter(only_single)


def document(
    name: str,
    questions: list[dict[str, Any]],
    rules: list[dict[str, Any]],
    tips: list[dict[str, Any]],
) -> dict[str, Any]:
    """A rule set over the three test levels, as the YAML document it is written as."""
    return {
        "wijzer_regels": 1,
        "naam": name,
        "versie": "1",
        "niveaus": [
            {"id": lv, "naam": lv, "betekenis": "b", "belofte": "b", "vraagt": "v"} for lv in LEVELS
        ],
        "vragen": questions,
        "regels": rules,
        "categorieen": [{"id": "c", "naam": "C"}],
        "tips": tips,
        "bronnen": [{"id": "s", "titel": "Bron"}],
    }


@st.composite
def rule_sets(draw: st.DrawFn) -> str:
    assumed = {q: draw(st.sampled_from([None, *opts])) for q, (opts, _) in QUESTIONS.items()}
    questions = []
    for q, (options, multi) in QUESTIONS.items():
        entry: dict[str, Any] = {
            "id": q,
            "tekst": q,
            "meerkeuze": multi,
            "opties": [{"id": o, "tekst": o} for o in options],
        }
        if assumed[q] is not None:
            entry["aanname"] = [assumed[q]]
        questions.append(entry)
    rules: list[dict[str, Any]] = [{"id": "basis", "toelichting": "t", "voorstel": "l0"}]
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["voorstel", "plafond", "bodem"]))
        rules.append(
            {
                "id": f"n{i}",
                "als": draw(level_condition()),
                "toelichting": "t",
                kind: draw(st.sampled_from(LEVELS)),
            }
        )
    for i in range(draw(st.integers(1, 3))):
        rule: dict[str, Any] = {
            "id": f"w{i}",
            "als": draw(condition(True)),
            "toelichting": "t",
            "waarschuwing": "w",
        }
        if draw(st.booleans()):
            rule["veronderstelt"] = draw(condition(True))
        rules.append(rule)
    tips: list[dict[str, Any]] = [
        {"id": "t0", "categorie": "c", "titel": "T", "tekst": "x", "bronnen": ["s"]}
    ]
    if draw(st.booleans()):
        tips[0]["veronderstelt"] = draw(condition(True))
    rules.append({"id": "kies", "als": draw(condition(True)), "toelichting": "t", "tips": ["t0"]})
    doc = document("Willekeurig", questions, rules, tips)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def every_answer_set(rs: RuleSet) -> list[dict[str, tuple[str, ...]]]:
    per_question = []
    for q in rs.vragen:
        if q.meerkeuze:
            subsets = [
                tuple(c)
                for n in range(1, len(q.option_ids) + 1)
                for c in itertools.combinations(q.option_ids, n)
            ]
            per_question.append([*subsets, (UNKNOWN,)])
        else:
            per_question.append([*((o,) for o in q.option_ids), (UNKNOWN,)])
    return [
        dict(zip([q.id for q in rs.vragen], combo, strict=True))
        for combo in itertools.product(*per_question)
    ]


def brute_force(rs: RuleSet) -> set[tuple[str, str]]:
    answers = every_answer_set(rs)
    level = {tuple(a.values()): rs.rank[level_of(compiled(rs), a)] for a in answers}
    found: set[tuple[str, str]] = set()
    reached = {rs.niveaus[r].id for r in level.values()}
    found |= {("onbereikbaar_niveau", lv.id) for lv in rs.niveaus if lv.id not in reached}
    for q in rs.vragen:
        question_at = [x.id for x in rs.vragen].index(q.id)
        for a in answers:
            if a[q.id] != (UNKNOWN,):
                continue
            key = list(a.values())
            if q.aanname:
                bound = level[(*key[:question_at], q.aanname, *key[question_at + 1 :])]
            else:
                bound = min(
                    level[tuple(b.values())]
                    for b in answers
                    if b[q.id] != (UNKNOWN,) and all(b[x] == a[x] for x in a if x != q.id)
                )
            if level[tuple(key)] > bound:
                found.add(("onbekend_te_hoog", q.id))
                break
    tips = {t.id: t for t in rs.tips}
    for rule in rs.regels:
        if rule.level_effects:
            continue
        holds = compile_condition(rule.als, rs.rank)
        premises: list[tuple[str, str, Condition]] = []
        if rule.waarschuwing and rule.veronderstelt is not None:
            premises.append(("strijdige_tekst", rule.id, rule.veronderstelt))
        for t in rule.tips:
            premise = tips[t].veronderstelt
            if premise is not None:
                premises.append(("strijdige_tekst", f"{rule.id} → {t}", premise))
        fires = False
        for a in answers:
            sets = answer_sets(rs, a)
            lv = level[tuple(a.values())]
            if not holds(sets, lv):
                continue
            fires = True
            for kind, subject, premise in premises:
                if not compile_condition(premise, rs.rank)(sets, lv):
                    found.add((kind, subject))
        if not fires:
            found.add(("dode_regel", rule.id))
    return found


KINDS = {"onbereikbaar_niveau", "onbekend_te_hoog", "strijdige_tekst", "dode_regel"}


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(rule_sets())
def test_the_proof_finds_exactly_what_brute_force_finds(text: str) -> None:
    path = Path("/tmp") / f"brute-{abs(hash(text))}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        rs = load_ruleset(path)
    finally:
        path.unlink()
    report = analyse(rs)
    assert report.complete
    level_rules = {r.id for r in rs.regels if r.level_effects}
    proved = {
        (f.soort, f.onderwerp)
        for f in report.findings
        if f.soort in KINDS and not (f.soort == "dode_regel" and f.onderwerp in level_rules)
    }
    assert proved == brute_force(rs), text


def test_a_tip_that_needs_an_option_merged_into_a_level_class_is_reachable(
    tmp_path: Path,
) -> None:
    """Level rules tell q0's a apart from b and c only, so the proof enumerates q0 as
    {a}, {b, c}; a warning that needs c (and not b) with the level that c gives must still
    be found to fire, and its false premise found (it says 'b')."""
    questions = [{"id": "q0", "tekst": "q0", "opties": [{"id": o, "tekst": o} for o in "abc"]}]
    rules: list[dict[str, Any]] = [
        {"id": "basis", "toelichting": "t", "voorstel": "l0"},
        {
            "id": "hoog",
            "als": {"niet": {"vraag": "q0", "is": "a"}},
            "toelichting": "t",
            "voorstel": "l2",
        },
        {
            "id": "alleen_c",
            "als": {"alle": [{"vraag": "q0", "is": "c"}, {"niveau_vanaf": "l2"}]},
            "veronderstelt": {"vraag": "q0", "is": "b"},
            "toelichting": "t",
            "waarschuwing": "w",
        },
    ]
    doc = document("Klassen", questions, rules, [])
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    rs = load_ruleset(path)
    found = {(f.soort, f.onderwerp) for f in analyse(rs).findings}
    assert ("dode_regel", "alleen_c") not in found
    assert ("strijdige_tekst", "alleen_c") in found
    assert found & {("dode_regel", "alleen_c"), ("strijdige_tekst", "alleen_c")} == {
        (k, s) for k, s in brute_force(rs) if s == "alleen_c"
    }
