"""The real interview in a pseudo-terminal (pexpect): keys in, screens out."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import FULL_ANSWERS
from wijzer.loading import load_answers
from wijzer.ruleset import RuleSet

DOWN, UP, LEFT, ENTER, SPACE, CTRL_C = "\x1b[B", "\x1b[A", "\x1b[D", "\r", " ", "\x03"


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "WIJZER_DATA": str(tmp_path / "data"),
        "WIJZER_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "LINES": "24",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wijzer", "advies", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    child.logfile_read = io.StringIO()  # all the screen output, for checks at the end
    return child


ENGLISH = re.compile(r"\b(?:done|selections?|Description|Answer|Use arrow keys)\b")
"""questionary's own English, which the interview says in Dutch."""


def screen_text(child: pexpect.spawn) -> str:
    log = child.logfile_read
    assert isinstance(log, io.StringIO)
    return log.getvalue()


def drafts_in(tmp_path: Path) -> list[Path]:
    """The interview drafts in the test's data folder."""
    return sorted((tmp_path / "data").glob("concept-2*.yaml"))


def answer(child: pexpect.spawn, question: str, downs: int, *, checkbox: bool = False) -> None:
    child.expect(question)
    time.sleep(0.15)
    child.send(DOWN * downs)
    if checkbox:
        child.send(SPACE)
    child.send(ENTER)


def start(child: pexpect.spawn, name: str = "Speeltuin Zuid") -> None:
    child.expect("Naam van het project")
    child.sendline(name)
    child.expect("Gemeente")
    child.sendline("Voorbeeldstad")


def test_full_interview_with_back_and_review_edit(tmp_path: Path, rules: RuleSet) -> None:
    child = spawn(tmp_path)
    start(child)
    answer(child, "Vraag 1 van 13", 2)  # doel: advies_vragen
    answer(child, "Vraag 2 van 13", 0)  # initiatiefnemer: gemeente
    answer(child, "Vraag 3 van 13", 2)  # beleidsruimte: keuzes
    child.expect("Vraag 4 van 13")
    time.sleep(0.15)
    child.send(LEFT)  # back to question 3, which shows 'keuzes' selected
    child.expect("Vraag 3 van 13")
    time.sleep(0.15)
    child.send(DOWN + ENTER)  # keuzes -> alles
    answer(child, "Vraag 4 van 13", 2)  # rol: samenwerkend
    answer(child, "Vraag 5 van 13", 2)  # draagvlak: redelijk
    answer(child, "Vraag 6 van 13", 2)  # middelen: voldoende
    answer(child, "Vraag 7 van 13", 2)  # bijdrage: kennis_ideeen
    answer(child, "Vraag 8 van 13", 2)  # impact: groot
    answer(child, "Vraag 9 van 13", 1)  # initiatief: actieve_bewoners
    answer(child, "Vraag 10 van 13", 5)  # besluit: uitvoering
    answer(child, "Vraag 11 van 13", 1)  # fase: planvorming
    answer(child, "Vraag 12 van 13", 1, checkbox=True)  # doelgroepen: lage_ses
    answer(child, "Vraag 13 van 13", 3)  # thema: wijkinrichting
    child.expect("Kloppen de antwoorden")
    time.sleep(0.15)
    child.send(DOWN * 5 + ENTER)  # change draagvlak (row 0 is the confirmation)
    child.expect("Hoeveel steun")
    time.sleep(0.15)
    child.send(DOWN + ENTER)  # redelijk -> groot
    child.expect("Kloppen de antwoorden")
    child.expect(r"»[^\n]*Wijzig: Intern draagvlak \(Grote steun")  # the cursor stayed there
    time.sleep(0.15)
    child.send(UP * 5 + ENTER)  # up to the confirmation
    child.expect("Aanbevolen niveau: adviseren")  # ambition adviseren, nothing caps it lower
    child.expect("Antwoorden bewaren")
    time.sleep(0.15)
    child.send(ENTER)  # ja
    child.expect("Bestandsnaam")
    time.sleep(0.15)
    child.send(ENTER)  # default name
    child.expect("bewaren als participatieplan")
    time.sleep(0.15)
    child.send(ENTER)  # ja (the default)
    child.expect("Afdeling of team")  # asked once for the front matter, then remembered
    time.sleep(0.15)
    child.sendline("Ruimte")
    child.expect("Opgesteld door")
    time.sleep(0.15)
    child.send(ENTER)  # left blank: '[in te vullen]' in the plan
    child.expect("Bestandsnaam")
    time.sleep(0.15)
    child.send(ENTER)  # default name: HTML
    child.expect("Bewaard: speeltuin-zuid-participatieplan.html")
    child.expect(pexpect.EOF)
    # What the user sees last: the advice at a glance, then where everything went.
    last = child.before
    assert last.index("Aanbevolen niveau: adviseren") < last.index("Eerst doen")
    assert last.index("Eerst doen") < last.index("Uw antwoorden: speeltuin-zuid.yaml")
    assert last.index("Uw antwoorden: speeltuin-zuid.yaml") < last.index(
        "Participatieplan: speeltuin-zuid-participatieplan.html"
    )
    child.close()
    assert child.exitstatus == 0
    shown = screen_text(child)
    assert not ENGLISH.search(shown), ENGLISH.search(shown)
    assert "Inwoners met een lage" in shown
    assert "[Inwoners" not in shown  # one group chosen: its name, without brackets
    plan = (tmp_path / "speeltuin-zuid-participatieplan.html").read_text(encoding="utf-8")
    assert plan.startswith("<!DOCTYPE html>")
    assert "<th>Afdeling of team</th><td>Ruimte</td>" in plan
    assert '<th>Opgesteld door</th><td class="blank">[in te vullen]</td>' in plan
    config = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert 'gemeente = "Voorbeeldstad"' in config
    assert 'afdeling = "Ruimte"' in config
    assert "opsteller" not in config
    saved = load_answers(tmp_path / "speeltuin-zuid.yaml", rules)
    assert saved.naam == "Speeltuin Zuid"
    assert saved.antwoorden["beleidsruimte"] == ("alles",)
    assert saved.antwoorden["draagvlak"] == ("groot",)
    assert saved.antwoorden["doelgroepen"] == ("lage_ses",)
    assert drafts_in(tmp_path) == []
    assert (tmp_path / "data" / "laatste-antwoorden.yaml").is_file()


def test_interrupt_and_resume_keeps_every_answer(tmp_path: Path, rules: RuleSet) -> None:
    child = spawn(tmp_path)
    start(child, "Plein")
    answer(child, "Vraag 1 van 13", 3)  # samen_ontwikkelen
    answer(child, "Vraag 2 van 13", 0)  # gemeente
    answer(child, "Vraag 3 van 13", 1)  # uitwerking
    answer(child, "Vraag 4 van 13", 0)  # kaderstellend
    child.expect("Vraag 5 van 13")
    time.sleep(0.15)
    child.send(CTRL_C)
    child.expect("Onderbroken")
    child.expect("--hervat")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    (path,) = drafts_in(tmp_path)
    draft = load_answers(path, rules)
    assert draft.antwoorden["doel"] == ("samen_ontwikkelen",)
    assert draft.antwoorden["rol"] == ("kaderstellend",)

    resumed = spawn(tmp_path, "--hervat")
    resumed.expect("Vraag 5 van 13")  # straight on where it stopped
    time.sleep(0.15)
    resumed.send(LEFT)
    resumed.expect("Vraag 4 van 13")  # the earlier answers are there to go back to
    resumed.send(CTRL_C)
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert drafts_in(tmp_path) == [path]
    assert load_answers(path, rules).antwoorden["rol"] == ("kaderstellend",)


def test_a_name_typed_before_the_first_question_survives_ctrl_c(
    tmp_path: Path, rules: RuleSet
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "laatste-antwoorden.yaml").write_text("project: Vorig project\n", encoding="utf-8")
    child = spawn(tmp_path)
    child.expect("Naam van het project")
    child.sendline("Plein Noord")
    child.expect("Gemeente")
    time.sleep(0.15)
    child.send("Zuidst")  # half typed, no Enter
    time.sleep(0.15)
    child.send(CTRL_C)
    child.expect("bewaard in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "laatste-antwoorden" not in child.before  # never the previous project's file
    (path,) = drafts_in(tmp_path)
    kept = load_answers(path, rules)
    assert (kept.naam, kept.gemeente) == ("Plein Noord", "Zuidst")

    resumed = spawn(tmp_path, "--hervat")
    resumed.expect("Naam van het project")
    resumed.expect("Plein Noord")  # offered again as it was typed
    time.sleep(0.15)
    resumed.send(ENTER)
    resumed.expect("Gemeente")
    resumed.expect("Zuidst")
    time.sleep(0.15)
    resumed.send(ENTER)
    resumed.expect("Vraag 1 van 13")
    resumed.sendcontrol("d")  # Ctrl-D stops too, and keeps the draft
    resumed.expect("bewaard in")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 130
    assert drafts_in(tmp_path) == [path]


def test_a_name_longer_than_an_answer_file_takes_is_stopped_at_the_prompt(
    tmp_path: Path, rules: RuleSet
) -> None:
    child = spawn(tmp_path)
    child.expect("Naam van het project")
    time.sleep(0.15)
    child.send("P" * 310 + ENTER)
    child.expect("Hoogstens 300 tekens, dit zijn er 310")
    time.sleep(0.15)
    child.send(CTRL_C)  # what was typed is kept, as far as an answer file takes it
    child.expect("bewaard in")
    child.expect(pexpect.EOF)
    child.close()
    (path,) = drafts_in(tmp_path)
    assert load_answers(path, rules).naam == "P" * 300


def test_two_interviews_at_once_keep_their_own_drafts(tmp_path: Path, rules: RuleSet) -> None:
    first = spawn(tmp_path)
    start(first, "Project A")
    answer(first, "Vraag 1 van 13", 0)  # informeren
    first.expect("Vraag 2 van 13")
    second = spawn(tmp_path)  # A's draft is in use: B is not offered it
    start(second, "Project B")
    answer(second, "Vraag 1 van 13", 1)  # meningen_peilen
    second.expect("Vraag 2 van 13")
    for child in (first, second):
        time.sleep(0.15)
        child.send(CTRL_C)
        child.expect("bewaard in")
        child.expect(pexpect.EOF)
        child.close()
    kept = {load_answers(p, rules).naam: load_answers(p, rules) for p in drafts_in(tmp_path)}
    assert sorted(kept) == ["Project A", "Project B"]
    assert kept["Project A"].antwoorden["doel"] == ("informeren",)
    assert kept["Project B"].antwoorden["doel"] == ("meningen_peilen",)

    third = spawn(tmp_path)  # now both are free: both are offered, newest first
    third.expect("Er zijn 2 onderbroken vraaggesprekken")
    third.expect("Verder met Project B")
    third.expect("Verder met Project A")
    time.sleep(0.15)
    third.send(DOWN + ENTER)  # Project A
    third.expect("Vraag 2 van 13")
    third.send(CTRL_C)
    third.expect(pexpect.EOF)
    third.close()
    assert len(drafts_in(tmp_path)) == 2


def test_answer_file_with_gaps_asks_only_the_missing_questions(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "project: Deels\nantwoorden:\n"
        + "".join(
            f"  {q}: {o}\n"
            for q, o in [
                ("doel", "advies_vragen"),
                ("initiatiefnemer", "gemeente"),
                ("beleidsruimte", "keuzes"),
                ("besluit", "uitvoering"),
                ("rol", "sturend"),
                ("draagvlak", "groot"),
                ("middelen", "voldoende"),
                ("bijdrage", "mening"),
                ("impact", "klein"),
                ("initiatief", "nee"),
                ("fase", "verkenning"),
            ]
        ),
        encoding="utf-8",
    )
    child = spawn(tmp_path, "--antwoorden", "p.yaml", "--set", "thema=groen")
    answer(child, "Vraag 1 van 1", 0, checkbox=True)  # only doelgroepen is open
    child.expect("Kloppen de antwoorden")
    time.sleep(0.15)
    child.send(ENTER)
    child.expect("Aanbevolen niveau: adviseren")
    # Stop at the save prompt once it has the keyboard: a Ctrl-C sent while the prompt
    # is still starting can reach prompt_toolkit's signal handler before its key
    # bindings exist, and is lost (seen once in CI).
    child.expect("antwoordbestand")
    time.sleep(0.15)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("name", ["plan.docx", "plan.md"])
def test_the_plan_is_saved_in_the_format_its_name_asks_for(tmp_path: Path, name: str) -> None:
    (tmp_path / "p.yaml").write_text(
        "project: Plein\nafdeling: Ruimte\nantwoorden:\n  doel: advies_vragen\n",
        encoding="utf-8",
    )
    word = name.endswith(".docx")
    if word:  # remembered from an earlier plan: not asked again
        (tmp_path / "config.toml").write_text(
            'opsteller = "B. \\"Bas\\" Jansen"\n', encoding="utf-8"
        )
    fixed = [f"{q}=weet_ik_niet" for q in ("beleidsruimte", "rol", "draagvlak", "middelen")]
    args = [a for pair in zip(["--set"] * len(fixed), fixed, strict=True) for a in pair]
    child = spawn(tmp_path, "--antwoorden", "p.yaml", *args)
    child.expect(r"Vraag 1 van (\d+)")
    count = int(child.match.group(1))
    time.sleep(0.15)
    child.send(ENTER)
    for number in range(2, count + 1):  # what is still open: the first option, or none
        if child.expect([f"Vraag {number} van {count}", "Telt dat als"]) == 1:
            time.sleep(0.15)
            child.send(UP + ENTER)  # nothing ticked: yes, that is 'weet ik niet'
            child.expect(f"Vraag {number} van {count}")
        time.sleep(0.15)
        child.send(ENTER)
    if child.expect(["Kloppen de antwoorden", "Telt dat als"]) == 1:
        time.sleep(0.15)
        child.send(UP + ENTER)
        child.expect("Kloppen de antwoorden")
    time.sleep(0.15)
    child.send(ENTER)
    child.expect("Antwoorden bewaren")
    time.sleep(0.15)
    child.send(DOWN + ENTER)  # nee
    child.expect("bewaren als participatieplan")
    time.sleep(0.15)
    child.send(ENTER)
    if not word:
        child.expect("Opgesteld door")  # the answer file gave the afdeling
        time.sleep(0.15)
        child.send(ENTER)
    child.expect("Bestandsnaam")
    time.sleep(0.15)
    child.sendline("\x15plan.txt")  # Ctrl-U clears the default; no format: said, asked again
    child.expect("kies een naam op")
    child.expect("Bestandsnaam")
    time.sleep(0.15)
    child.sendline("\x15" + name)
    child.expect(f"Participatieplan: {name}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = screen_text(child)
    assert not ENGLISH.search(shown), ENGLISH.search(shown)
    assert "niets gekozen" in shown  # the empty multiple choice, in Dutch
    data = (tmp_path / name).read_bytes()
    assert not (tmp_path / "plan.txt").exists()
    if name.endswith(".docx"):
        assert data.startswith(b"PK")  # a Word document is a zip file
        from docx import Document

        document = Document(str(tmp_path / name))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Participatieplan: Plein" in text
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        assert 'B. "Bas" Jansen' in cells
        assert "Ruimte" in cells
    else:
        assert data.decode("utf-8").startswith("# Participatieplan: Plein")
        assert "| **Afdeling of team** | Ruimte |" in data.decode("utf-8")


def test_help_keeps_the_highlight_and_the_ticks(tmp_path: Path, rules: RuleSet) -> None:
    answers = (
        FULL_ANSWERS.replace("  doelgroepen: [alle_inwoners, lage_ses]\n", "")
        + "  initiatiefnemer: gemeente\n  besluit: uitvoering\n"
    )
    (tmp_path / "p.yaml").write_text(answers, encoding="utf-8")
    child = spawn(tmp_path, "--antwoorden", "p.yaml")
    child.expect("Vraag 1 van 1")
    time.sleep(0.15)
    child.send(DOWN + SPACE)  # ticks the second group
    time.sleep(0.15)
    child.send("?")
    child.expect("Uitleg|uitleg")
    child.expect("Vraag 1 van 1")  # asked again, just as it was left
    time.sleep(0.3)
    child.send(SPACE)  # on the same option: unticks it
    child.send(DOWN + SPACE)  # the third group
    child.send(UP + UP + UP + SPACE)  # 'weet ik niet' (the list wraps): stands alone
    child.send(DOWN + DOWN + DOWN + SPACE)  # the third group again: 'weet ik niet' goes
    child.send(ENTER)
    child.expect("Kloppen de antwoorden")
    time.sleep(0.15)
    child.send(ENTER)
    child.expect("Antwoorden bewaren")
    time.sleep(0.15)
    child.send(ENTER)
    child.expect("Bestandsnaam")
    time.sleep(0.15)
    child.send(ENTER)
    child.expect("participatieplan")
    time.sleep(0.15)
    child.send(DOWN + ENTER)  # no plan
    child.expect(pexpect.EOF)
    saved = load_answers(tmp_path / "herinrichting-stationsplein.yaml", rules)
    assert saved.antwoorden["doelgroepen"] == ("migrantenachtergrond",)


def test_without_a_terminal_exit_2_fast_with_a_hint() -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "wijzer", "advies"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "--antwoorden" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 5  # generous for a loaded CI machine; ~0.3 s here


@pytest.mark.parametrize("args", [["advies"], ["advies", "--antwoorden", "VOORBEELD"], ["niveaus"]])
def test_non_interactive_paths_never_import_questionary(args: list[str], tmp_path: Path) -> None:
    from tests.conftest import FULL_ANSWERS

    example = tmp_path / "p.yaml"
    example.write_text(FULL_ANSWERS, encoding="utf-8")
    args = [str(example) if a == "VOORBEELD" else a for a in args]
    code = (
        "import sys\n"
        "from wijzer.cli import main\n"
        f"main({args!r})\n"
        "bad = sorted(m for m in ('questionary', 'prompt_toolkit') if m in sys.modules)\n"
        "sys.stderr.write('LOADED:' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr.rstrip().endswith("LOADED:"), result.stderr


def test_batch_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    from tests.conftest import FULL_ANSWERS

    for i in range(40):
        (tmp_path / f"p{i:02d}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wijzer", "batch", str(tmp_path), "-f", "jsonl", "-o", str(tmp_path / "uit.jsonl")],
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 80),
    )
    child.expect("Beoordelen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = subprocess.run(
        [sys.executable, "-m", "wijzer", "batch", str(tmp_path), "-f", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Beoordelen" not in piped.stderr
    assert len(piped.stdout.splitlines()) == 40


def test_ctrl_c_in_a_parallel_batch_stops_quietly(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the group: the workers must not each print a
    traceback; the batch stops with 130 and leaves no half-written output."""
    from tests.conftest import FULL_ANSWERS

    folder = tmp_path / "veel"
    folder.mkdir()
    for i in range(8000):  # enough to be still running when Ctrl-C comes
        (folder / f"p{i:04d}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    target = tmp_path / "uit.jsonl"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wijzer", "batch", str(folder), "-f", "jsonl", "-j", "2", "-o", str(target)],
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 80),
        # Background jobs inherit an ignored Ctrl-C from the shell; a terminal's has none.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect("Beoordelen")
    child.expect(r"\d{3,}/8000")  # the workers are busy with files
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in child.before
    assert "ForkPoolWorker" not in child.before
    assert "wijzer: onderbroken." in child.before  # one line, not silence
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veel"]
