"""Rule-set analysis: planted defects are found, and their counterexamples reproduce them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import compiled
from wijzer import texts
from wijzer.advice import Advice
from wijzer.answers import Project
from wijzer.authoring.analysis import Finding, analyse, space_size
from wijzer.authoring.compare import compare
from wijzer.engine import advise
from wijzer.loading import load_ruleset
from wijzer.ruleset import RuleSet

HEADER = """\
wijzer_regels: 1
naam: Proef
versie: "1"
niveaus:
  - {id: laag, naam: Laag, betekenis: b, belofte: b, vraagt: v}
  - {id: midden, naam: Midden, betekenis: b, belofte: b, vraagt: v}
  - {id: hoog, naam: Hoog, betekenis: b, belofte: b, vraagt: v}
vragen:
  - id: wens
    tekst: Wens?
    opties: [{id: weinig, tekst: W}, {id: veel, tekst: V}]
  - id: ruimte
    tekst: Ruimte?
    aanname: [klein]
    opties: [{id: klein, tekst: K}, {id: groot, tekst: G}, {id: enorm, tekst: E}]
  - id: groepen
    tekst: Groepen?
    meerkeuze: true
    opties: [{id: a, tekst: A}, {id: b, tekst: B}, {id: c, tekst: C}]
categorieen: [{id: c, naam: C}]
bronnen: [{id: s, titel: Bron}]
"""

SOUND_RULES = """\
regels:
  - {id: basis, toelichting: t, voorstel: laag}
  - {id: veel, als: {vraag: wens, is: veel}, toelichting: t, voorstel: hoog}
  - {id: krap, als: {vraag: ruimte, is: klein}, toelichting: t, plafond: midden}
  - {id: groot, als: {vraag: ruimte, in: [groot, enorm]}, toelichting: t, tips: [t1]}
  - {id: tip_a, als: {vraag: groepen, bevat: a}, toelichting: t, tips: [t2]}
  - {id: tip_b, als: {vraag: groepen, bevat: b}, toelichting: t, tips: [t2]}
  - {id: tip_c, als: {vraag: groepen, bevat: c}, toelichting: t, tips: [t1]}
  - {id: tip_hoog, als: {niveau_vanaf: hoog}, toelichting: t, tips: [t1]}
tips:
  - {id: t1, categorie: c, titel: T1, tekst: x, bronnen: [s]}
  - {id: t2, categorie: c, titel: T2, tekst: x, bronnen: [s]}
"""


def ruleset(tmp_path: Path, rules: str) -> RuleSet:
    path = tmp_path / "r.yaml"
    path.write_text(HEADER + rules, encoding="utf-8")
    return load_ruleset(path)


def kinds(rs: RuleSet) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in analyse(rs).findings:
        found.setdefault(finding.soort, []).append(finding.onderwerp)
    return found


def test_sound_rule_set_has_no_errors(tmp_path: Path) -> None:
    report = analyse(ruleset(tmp_path, SOUND_RULES))
    assert report.errors == []
    assert set(report.levels) == {"laag", "midden", "hoog"}
    # enorm and groot are never told apart: reported, not an error.
    assert [f.onderwerp for f in report.warnings] == ["ruimte: groot, enorm"]


def test_gap_is_found_and_its_counterexample_reproduces_it(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path, SOUND_RULES.replace("  - {id: basis, toelichting: t, voorstel: laag}\n", "")
    )
    gap = next(f for f in analyse(rs).findings if f.soort == "gat")
    assert gap.ernst == "fout"
    assert gap.voorbeeld is not None
    advice = advise(
        compiled(rs),
        Project(antwoorden={q.id: gap.voorbeeld.get(q.id, ("weet_ik_niet",)) for q in rs.vragen}),
    )
    assert any(w.tekst == texts.NO_PROPOSAL for w in advice.waarschuwingen)


def test_conflict_between_floor_and_cap_reproduces(tmp_path: Path) -> None:
    rules = SOUND_RULES.replace(
        "  - {id: basis,",
        "  - {id: bodem, als: {vraag: wens, is: veel}, toelichting: t, bodem: hoog}\n  - {id: basis,",
    )
    rs = ruleset(tmp_path, rules)
    clash = next(f for f in analyse(rs).findings if f.soort == "botsing")
    assert clash.voorbeeld is not None
    advice = advise(
        compiled(rs),
        Project(antwoorden={q.id: clash.voorbeeld.get(q.id, ("weet_ik_niet",)) for q in rs.vragen}),
    )
    assert any("beloof inwoners niet meer" in w.tekst for w in advice.waarschuwingen)


def test_unreachable_level(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, SOUND_RULES.replace("voorstel: hoog", "voorstel: midden"))
    found = kinds(rs)
    assert found["onbereikbaar_niveau"] == ["hoog"]
    assert "tip_hoog" in found["dode_regel"]  # tests a level that never comes out


def test_dead_rule(tmp_path: Path) -> None:
    never = "  - {id: nooit, als: {alle: [{vraag: wens, is: veel}, {vraag: wens, is: weinig}]}, toelichting: t, voorstel: hoog}\n"
    rules = SOUND_RULES.replace("tips:\n", never + "tips:\n", 1)
    assert [f.onderwerp for f in analyse(ruleset(tmp_path, rules)).errors] == ["nooit"]


def test_shadowed_rule_fires_but_never_matters(tmp_path: Path) -> None:
    rules = SOUND_RULES.replace(
        "  - {id: krap,",
        "  - {id: schaduw, als: {vraag: wens, is: weinig}, toelichting: t, voorstel: laag}\n  - {id: krap,",
    )
    rs = ruleset(tmp_path, rules)
    finding = next(f for f in analyse(rs).findings if f.soort == "overschaduwde_regel")
    assert finding.onderwerp == "schaduw"
    assert finding.voorbeeld is not None
    advice = advise(
        compiled(rs),
        Project(
            antwoorden={q.id: finding.voorbeeld.get(q.id, ("weet_ik_niet",)) for q in rs.vragen}
        ),
    )
    assert "schaduw" in {r.regel for r in advice.redenen}  # it does fire there


def test_unreachable_tip(tmp_path: Path) -> None:
    rules = SOUND_RULES + "  - {id: t3, categorie: c, titel: T3, tekst: x, bronnen: [s]}\n"
    assert kinds(ruleset(tmp_path, rules))["onbereikbare_tip"] == ["t3"]


def test_inert_option(tmp_path: Path) -> None:
    # One rule testing a and b together, and none telling them apart: reported.
    rules = SOUND_RULES.replace("{vraag: groepen, bevat: a}", "{vraag: groepen, in: [a, b]}")
    rules = rules.replace("{vraag: groepen, bevat: b}", "{vraag: groepen, in: [a, b]}")
    assert "groepen: a, b" in kinds(ruleset(tmp_path, rules))["inerte_optie"]


def test_default_rule_set_is_proven_with_bounded_work() -> None:
    """The proof covers 10^12 answer sets with fewer than 100,000 representatives (the
    work, counted, not timed: timing is for bench/, not for unit tests)."""
    rs = load_ruleset()
    report = analyse(rs)
    assert report.complete
    assert report.evaluated < 100_000
    assert report.errors == []
    assert set(report.levels) == {lv.id for lv in rs.niveaus}
    assert report.space == space_size(rs) > 10**9


def test_comparison_counts_the_whole_space(tmp_path: Path) -> None:
    old = ruleset(tmp_path, SOUND_RULES)
    (tmp_path / "b").mkdir()
    new = ruleset(tmp_path / "b", SOUND_RULES.replace("plafond: midden", "plafond: laag"))
    result = compare(old, new)
    assert sum(count for count, _ in result.transitions.values()) == space_size(new)
    # Only ruimte=klein (or unknown, assumed klein) with a wish for more moves: midden -> laag.
    moved = {k: v for k, v in result.transitions.items() if k[0] != k[1]}
    assert set(moved) == {("midden", "laag")}
    count, example = moved[("midden", "laag")]
    # wens veel (1) x ruimte klein, or unknown and so assumed klein (2) x groepen: 7 subsets + unknown (8)
    assert count == 1 * 2 * 8
    assert example["ruimte"] in (("klein",), ("weet_ik_niet",))


@pytest.mark.parametrize("questions", [20])
def test_scales_beyond_brute_force(tmp_path: Path, questions: int) -> None:
    """20 questions of 5 options (6^20 answer sets): fast, because they do not interact."""
    lines = [
        "wijzer_regels: 1",
        "naam: Groot",
        'versie: "1"',
        "niveaus:",
        *(f"  - {{id: n{i}, naam: N{i}, betekenis: b, belofte: b, vraagt: v}}" for i in range(5)),
        "vragen:",
    ]
    for q in range(questions):
        # A cap question needs an assumption: unknown, it would otherwise lift every cap
        # and promise more than any answer (the `onbekend_te_hoog` finding).
        assumed = ", aanname: [o0]" if q % 2 else ""
        lines.append(
            f"  - {{id: q{q}, tekst: Q, opties: [{', '.join(f'{{id: o{o}, tekst: O}}' for o in range(5))}]{assumed}}}"
        )
    lines += ["regels:", "  - {id: basis, toelichting: t, voorstel: n0}"]
    for q in range(questions):
        for o in range(5):
            effect = "voorstel" if q % 2 == 0 else "plafond"
            lines.append(
                f"  - {{id: r{q}_{o}, als: {{vraag: q{q}, is: o{o}}}, toelichting: t, {effect}: n{o}}}"
            )
    path = tmp_path / "groot.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rs = load_ruleset(path)
    started = time.perf_counter()
    report = analyse(rs)
    assert time.perf_counter() - started < 10
    assert report.space == 6**20
    assert report.errors == []


# --- unknown answers and texts that contradict the answers (issue 13) ------------------------


def _finding(rs: RuleSet, kind: str) -> Finding:
    """The first finding of a kind: an error, with the answers that show it."""
    finding = next(f for f in analyse(rs).findings if f.soort == kind)
    assert finding.ernst == "fout"
    assert finding.voorbeeld is not None
    return finding


def _advise_example(rs: RuleSet, example: dict[str, tuple[str, ...]]) -> Advice:
    answers = {q.id: example.get(q.id, ("weet_ik_niet",)) for q in rs.vragen}
    return advise(compiled(rs), Project(antwoorden=answers))


def test_a_negation_over_an_unknown_answer_is_found_with_a_counterexample(tmp_path: Path) -> None:
    """`niet: wens is weinig` holds for an unknown wens (it has no assumption): the unknown
    answer then promises more than the most cautious answer. The counterexample shows it."""
    rules = SOUND_RULES.replace(
        "  - {id: veel, als: {vraag: wens, is: veel}, toelichting: t, voorstel: hoog}",
        "  - {id: veel, als: {niet: {vraag: wens, is: weinig}}, toelichting: t, voorstel: hoog}",
    )
    rs = ruleset(tmp_path, rules)
    finding = _finding(rs, "onbekend_te_hoog")
    assert finding.onderwerp == "wens"
    assert "voorzichtigste" in finding.melding
    assert finding.voorbeeld is not None
    assert finding.voorbeeld["wens"] == ("weet_ik_niet",)
    unknown = _advise_example(rs, finding.voorbeeld)
    honest = _advise_example(rs, {**finding.voorbeeld, "wens": ("weinig",)})
    assert rs.rank[unknown.niveau] > rs.rank[honest.niveau]


def test_a_rule_on_the_unknown_itself_cannot_lift_the_level_above_the_assumption(
    tmp_path: Path,
) -> None:
    rules = SOUND_RULES.replace(
        "  - {id: basis,",
        "  - {id: gok, als: {vraag: ruimte, is: weet_ik_niet}, toelichting: t, voorstel: hoog}\n"
        "  - {id: basis,",
    ).replace("plafond: midden}", "plafond: hoog}")
    rs = ruleset(tmp_path, rules)
    finding = _finding(rs, "onbekend_te_hoog")
    assert finding.onderwerp == "ruimte"
    assert "aanname" in finding.melding
    assert finding.voorbeeld is not None
    unknown = _advise_example(rs, finding.voorbeeld)
    assumed = _advise_example(rs, {**finding.voorbeeld, "ruimte": ("klein",)})
    assert rs.rank[unknown.niveau] > rs.rank[assumed.niveau]
    assert unknown.voorlopig == ("ruimte",)


def test_an_unknown_that_only_lowers_the_level_is_not_a_finding(tmp_path: Path) -> None:
    rules = SOUND_RULES.replace(
        "  - {id: basis,",
        "  - {id: voorzichtig, als: {vraag: wens, is: weet_ik_niet}, toelichting: t, plafond: laag}\n"
        "  - {id: basis,",
    )
    assert "onbekend_te_hoog" not in kinds(ruleset(tmp_path, rules))


def test_a_warning_that_contradicts_the_answers_is_found(tmp_path: Path) -> None:
    """The warning says 'no room', but also fires when the room is large."""
    text = SOUND_RULES.replace(
        "tips:\n  - {id: t1",
        "  - id: geen_ruimte\n"
        "    als: {vraag: wens, is: veel}\n"
        "    veronderstelt: {vraag: ruimte, is: klein}\n"
        "    toelichting: t\n"
        "    waarschuwing: Er is geen ruimte.\n"
        "tips:\n  - {id: t1",
    )
    rs = ruleset(tmp_path, text)
    finding = _finding(rs, "strijdige_tekst")
    assert finding.onderwerp == "geen_ruimte"
    assert finding.voorbeeld is not None
    advice = _advise_example(rs, finding.voorbeeld)
    assert any(w.regel == "geen_ruimte" for w in advice.waarschuwingen)
    assert advice.antwoorden["ruimte"] != ("klein",)
    fixed = text.replace(
        "als: {vraag: wens, is: veel}\n    veronderstelt",
        "als: {alle: [{vraag: wens, is: veel}, {vraag: ruimte, is: klein}]}\n    veronderstelt",
    )
    assert "strijdige_tekst" not in kinds(ruleset(tmp_path, fixed))


def test_a_tip_chosen_where_its_premise_does_not_hold_is_found(tmp_path: Path) -> None:
    """t2 is written for group a; tip_b also chooses it for group b alone."""
    text = SOUND_RULES.replace(
        "  - {id: t2, categorie: c, titel: T2, tekst: x, bronnen: [s]}",
        "  - {id: t2, categorie: c, titel: T2, tekst: x, bronnen: [s],"
        " veronderstelt: {vraag: groepen, bevat: a}}",
    )
    rs = ruleset(tmp_path, text)
    found = [f for f in analyse(rs).findings if f.soort == "strijdige_tekst"]
    assert [f.onderwerp for f in found] == ["tip_b → t2"]
    assert found[0].voorbeeld is not None
    advice = _advise_example(rs, found[0].voorbeeld)
    assert "t2" in [t.id for t in advice.tips]
    assert "a" not in advice.antwoorden["groepen"]


def test_the_default_rule_set_has_neither_finding(rules: RuleSet) -> None:
    found = kinds(rules)
    assert "onbekend_te_hoog" not in found
    assert "strijdige_tekst" not in found
    assert analyse(rules).errors == []
