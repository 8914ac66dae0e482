"""The advice at a glance: the first screen, the first steps, the lengths of the three
depths, one symbol per meaning, over the example cases of the default rule set."""

from __future__ import annotations

import re
import statistics
from functools import cache

import pytest
from rich.console import Console

from tests.conftest import FULL_ANSWERS, REPO, Runner, compiled
from wijzer.advice import Advice
from wijzer.authoring.cases import load_cases
from wijzer.engine import advise
from wijzer.loading import parse_answers
from wijzer.render import text
from wijzer.render.outline import Depth, build
from wijzer.ruleset import RuleSet

SCREEN = 24


@cache
def example_advice(rs: RuleSet) -> tuple[Advice, ...]:
    _, projects = load_cases(REPO / "rules" / "standaard.voorbeelden.yaml", rs)
    return tuple(advise(compiled(rs), p) for p in projects)


def lines(advice: Advice, rs: RuleSet, depth: Depth, *, fancy: bool = False) -> list[str]:
    """The advice as a person sees it at 80 columns."""
    console = Console(width=80, no_color=True, force_terminal=fancy, highlight=False)
    with console.capture() as capture:
        console.print(text.render(build(advice, rs), fancy=fancy, depth=depth))
    return [_ESCAPE.sub("", line).rstrip() for line in capture.get().splitlines()]


_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def test_the_first_screen_stands_on_its_own_for_every_example(rules: RuleSet) -> None:
    provisional = 0
    for advice in example_advice(rules):
        first = "\n".join(lines(advice, rules, "normaal", fancy=True)[:SCREEN])
        level = rules.levels[advice.niveau].naam.lower()
        assert f"Aanbevolen niveau: {level}" in first, advice.project
        assert "Belofte aan inwoners" in first
        assert "Bepalend" in first
        assert "Eerst doen" in first, advice.project
        assert "  3. " in first, advice.project  # all three first steps
        if advice.voorlopig:
            provisional += 1
            assert f"{level} — voorlopig" in first  # right beside the level
            assert "Voorlopig:" in first
        if advice.spanning:
            assert "Spanning:" in first
    assert provisional >= 3  # the examples include advice that may still change


def test_short_fits_one_screen_and_is_the_first_screen(rules: RuleSet) -> None:
    for advice in example_advice(rules):
        short = lines(advice, rules, "kort", fancy=True)
        assert len(short) <= SCREEN, advice.project
        plain_short = lines(advice, rules, "kort")
        assert lines(advice, rules, "normaal")[: len(plain_short)] == plain_short


def test_the_default_advice_is_short_and_the_full_one_loses_nothing(rules: RuleSet) -> None:
    lengths = []
    for advice in example_advice(rules):
        normal, full = lines(advice, rules, "normaal"), lines(advice, rules, "volledig")
        lengths.append(len(normal))
        words = " ".join(" ".join(full).split())
        for tip in advice.tips:
            assert " ".join(tip.tekst.split()) in words, tip.id
        for reason in advice.redenen:
            if reason.bepalend:
                assert " ".join(reason.toelichting.split()) in words, reason.regel
        for warning in advice.waarschuwingen:
            assert " ".join(warning.tekst.split()) in words
        for question, answer in advice.antwoorden.items():
            assert (
                f"{rules.questions[question].label()}: {rules.answer_label(question, answer)}"
                in (words)
            )
        assert len(full) > len(normal)
    assert statistics.median(lengths) <= 90, sorted(lengths)


def test_one_symbol_one_meaning(rules: RuleSet) -> None:
    symbols = [symbol for symbol, _ in text.BULLETS.values()]
    assert len(set(symbols)) == len(symbols)
    where = {"bepalend": {"redenen"}, "onbekend": {"onbekend", "antwoorden"}}
    for advice in example_advice(rules):
        for section in build(advice, rules).sections:
            for item in section.items:
                if item.mark:
                    assert section.key in where[item.mark], (section.key, item.mark)


def test_first_steps_follow_the_rule_sets_priorities(rules: RuleSet) -> None:
    def steps(**changed: str) -> tuple[str, ...]:
        answers = FULL_ANSWERS
        changed = {"besluit": "uitvoering", "initiatiefnemer": "gemeente", **changed}
        for question, option in changed.items():
            answers = "\n".join(
                f"  {question}: {option}" if line.startswith(f"  {question}:") else line
                for line in answers.splitlines()
            )
            if f"  {question}:" not in answers:
                answers += f"\n  {question}: {option}"
        return advise(compiled(rules), parse_answers(answers, rules)).eerst_doen

    assert steps(draagvlak="beperkt")[0] == "intern_commitment"  # support before anything
    assert steps(draagvlak="weet_ik_niet")[0] == "randvoorwaarden_uitzoeken"
    # The same tip, chosen by a rule with a priority of its own: a running initiative comes
    # first; chosen only for the theme, it has no priority and is no first step.
    running = steps(initiatief="burgerinitiatief")
    assert running[0] == "bestaande_initiatieven"
    assert "bestaande_initiatieven" not in steps()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kort", "--volledig"], "niet allebei"),
        (["--kort", "-f", "json"], "--kort geldt voor de tekstuitvoer"),
        (["--volledig", "-f", "markdown"], "--volledig geldt voor de tekstuitvoer"),
    ],
)
def test_depth_options_that_contradict_are_refused(
    tmp_path: object, args: list[str], message: str
) -> None:
    result = Runner().invoke(["advies", "-a", "-", *args], input=FULL_ANSWERS)
    assert result.exit_code == 2
    assert message in result.stderr


def test_short_and_full_on_the_command_line(rules: RuleSet) -> None:
    short = Runner().invoke(["advies", "-a", "-", "--kort"], input=FULL_ANSWERS)
    full = Runner().invoke(["advies", "-a", "-", "--volledig"], input=FULL_ANSWERS)
    assert short.exit_code == full.exit_code == 0
    assert len(short.stdout.splitlines()) <= SCREEN
    assert full.stdout.startswith(short.stdout)
    assert "Uw antwoorden" in full.stdout
    assert "Uw antwoorden" not in short.stdout
