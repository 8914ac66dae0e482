"""The outside attack of round 2 (issue 12), kept as tests: data loss, writing where wijzer
must not, escapes into terminals and reports, batches that die or hang, and hostile rule
sets. Numbers in the section titles are the issue's items. Everything happens in private
temporary folders; a device node is a copy of /dev/null made there, never a real one."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FULL_ANSWERS, REPO, compiled
from tests.test_hostile import PEAK_KIB
from wijzer.answers import dump_answers, one_line
from wijzer.cli.exits import exit_code
from wijzer.cli.stops import Terminated
from wijzer.conditions import UNKNOWN
from wijzer.drafts import Drafts
from wijzer.loading import load_answers, parse_answers
from wijzer.ruleset import Option, Question, RuleSet

Write = Callable[[str, str | bytes], Path]


def wijzer(
    *args: str | Path,
    env: dict[str, str] | None = None,
    stdin: Any = subprocess.DEVNULL,
    stdout: Any = subprocess.PIPE,
    timeout: float = 30,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m wijzer ARGS` in a fresh process, without a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "wijzer", *map(str, args)],
        env={**os.environ, **(env or {})},
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two good answer files."""
    found = tmp_path / "in"
    found.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (found / name).write_text(FULL_ANSWERS, encoding="utf-8")
    return found


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "interne fout" not in result.stderr, result.stderr
    assert result.returncode != 3, result.stderr


# --- 1. --uitvoer never replaces a device, a link or an input ---------------------------------


def private_device(tmp_path: Path, name: str = "null", minor: int = 3) -> Path:
    """A private copy of a memory device (/dev/null: minor 3, /dev/full: 7), so that a
    test never writes to the system's own nodes, not even when wijzer regresses; skipped
    where mknod is not allowed."""
    device = tmp_path / name
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    return device


def null_device(tmp_path: Path) -> Path:
    return private_device(tmp_path)


def full_device(tmp_path: Path) -> Path:
    return private_device(tmp_path, "full", 7)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "tabel"])
def test_a_device_as_output_is_written_to_not_replaced(
    tmp_path: Path, folder: Path, fmt: str
) -> None:
    device = null_device(tmp_path)
    result = wijzer("batch", folder, "-f", fmt, "-o", device)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert not list(tmp_path.glob(".null.*"))


def test_the_interview_report_to_a_device_keeps_the_device(tmp_path: Path, write: Write) -> None:
    device = null_device(tmp_path)
    answers = write("p.yaml", FULL_ANSWERS)
    result = wijzer("advies", "-a", answers, "-o", tmp_path / "r.md")
    assert result.returncode == 0
    from wijzer.atomic import write_atomic

    write_atomic(device, "het rapport\n")  # what the interview's save prompt calls
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_fifo_as_output_gets_the_data(tmp_path: Path, folder: Path) -> None:
    fifo = tmp_path / "uit.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    time.sleep(0.1)
    result = wijzer("batch", folder, "-f", "csv", "-o", fifo)
    reader.join(10)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].decode().count("\n") == 3  # the header and two rows


def test_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path: Path, folder: Path) -> None:
    fifo = tmp_path / "uit.fifo"
    os.mkfifo(fifo)
    started = time.perf_counter()
    result = wijzer("batch", folder, "-f", "csv", "-o", fifo, timeout=20)
    assert time.perf_counter() - started < 10
    assert result.returncode == 1
    assert "niemand" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_dev_stdout_is_stdout_and_appending_keeps_what_was_there(
    tmp_path: Path, folder: Path
) -> None:
    from wijzer.atomic import destination

    # The names themselves are recognised without touching them (a test that wrote to the
    # real /dev/stdout would replace it should wijzer ever regress).
    for name in ("/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2"):
        assert destination(Path(name)).how == "stream", name
    out = tmp_path / "log.txt"
    out.write_text("eerdere regel\n", encoding="utf-8")
    for name in ("/dev/fd/1", "/proc/self/fd/1"):  # where no regression can create a file
        with out.open("a", encoding="utf-8") as handle:
            result = wijzer("batch", folder, "-f", "csv", "-o", name, stdout=handle)
        assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "eerdere regel"
    assert lines[1].startswith("bestand,document,status")
    assert len(lines) == 7


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path, folder: Path) -> None:
    target = tmp_path / "doel" / "echt.csv"
    target.parent.mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = wijzer("batch", folder, "-f", "csv", "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("bestand,")
    assert not list(target.parent.glob(".*.tmp"))


@pytest.mark.parametrize(
    "args",
    [
        ["batch", "{p}", "-f", "csv", "-o", "{p}"],
        ["batch", "{dir}", "-f", "yaml", "-o", "{dir}/a.yaml"],
        ["batch", "{dir}", "-f", "yaml", "-o", "{hardlink}"],
        ["batch", "{p}", "-o", "{rules}", "-r", "{rules}"],
        ["advies", "-a", "{md}", "-o", "{md}"],
    ],
)
def test_an_output_that_is_an_input_is_refused_before_reading(
    tmp_path: Path, folder: Path, args: list[str]
) -> None:
    p = tmp_path / "p.yaml"
    p.write_text(FULL_ANSWERS, encoding="utf-8")
    md = tmp_path / "p.md"
    md.write_text(FULL_ANSWERS, encoding="utf-8")
    rules = tmp_path / "regels.yaml"
    rules.write_bytes((REPO / "rules" / "standaard.yaml").read_bytes())
    hardlink = tmp_path / "ook-a.yaml"
    os.link(folder / "a.yaml", hardlink)
    before = {path: path.read_bytes() for path in (p, md, rules, folder / "a.yaml")}
    filled = [a.format(p=p, dir=folder, hardlink=hardlink, rules=rules, md=md) for a in args]
    result = wijzer(*filled)
    assert result.returncode == 2, result.stderr
    assert "ook invoer" in result.stderr
    assert result.stdout == ""
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("command", ["batch", "advies"])
def test_a_folder_that_does_not_exist_is_not_created(
    tmp_path: Path, folder: Path, command: str
) -> None:
    missing = tmp_path / "nieuw" / "map" / "x.md"
    if command == "batch":
        result = wijzer("batch", folder, "-f", "csv", "-o", missing)
    else:
        result = wijzer("advies", "-a", folder / "a.yaml", "-o", missing)
    assert result.returncode == 1
    assert "bestaat niet" in result.stderr
    assert result.stdout == ""  # refused before any advice was made
    assert not (tmp_path / "nieuw").exists()


def test_a_full_device_is_a_clear_error(tmp_path: Path, folder: Path) -> None:
    device = full_device(tmp_path)
    result = wijzer("batch", folder, "-f", "csv", "-o", device)
    assert result.returncode == 1
    assert "schijf is vol" in result.stderr
    assert_no_traceback(result)
    assert stat.S_ISCHR(device.lstat().st_mode)


# --- 2. drafts are never lost ------------------------------------------------------------------


def test_every_unreadable_draft_is_kept_under_its_own_name(rules: RuleSet, tmp_path: Path) -> None:
    for content in ("antwoorden:\n  doel: eerste\n", "antwoorden:\n  doel: tweede\n"):
        (tmp_path / "concept.yaml").write_text(content, encoding="utf-8")
        found, notes = Drafts(tmp_path).resumable(rules)
        assert found == []
        assert len(notes) == 1
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("concept-onleesbaar*"))
    assert kept == ["antwoorden:\n  doel: eerste\n", "antwoorden:\n  doel: tweede\n"]


TRICKY_IDS = [
    "1",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "true",
    "2024-01-01",
    "1e3",
    "0x1f",
    ".inf",
    "a: b",
    "#x",
    "x #y",
    "- x",
    "[x]",
    "{x}",
    "*a",
    "&a",
    "!t",
    "%x",
    "@x",
    "`x",
    "'x",
    '"x',
    " lead",
    "trail ",
    "<<",
    "=",
    "a,b",
    "ä ö",
]
ids = st.sampled_from(TRICKY_IDS) | st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
)
free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def tiny_rule_set(question_text: str, options: list[str], multi: bool) -> RuleSet:
    """A rule set with one question whose options are `options` (for dumping only)."""
    from wijzer.ruleset import Level, Rule

    question = Question(
        id="vraag",
        tekst=question_text,
        meerkeuze=multi,
        opties=tuple(Option(id=o, tekst=o) for o in options),
    )
    levels = tuple(
        Level(id=i, naam=i, betekenis=".", belofte=".", vraagt=".") for i in ("laag", "hoog")
    )
    rule = Rule(id="r", toelichting=".", voorstel="laag")
    return RuleSet(
        wijzer_regels=1, naam="t", versie="1", niveaus=levels, vragen=(question,), regels=(rule,)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    options=st.lists(ids.filter(lambda o: o != UNKNOWN), min_size=1, max_size=4, unique=True),
    question_text=free_text,
    project=free_text,
    multi=st.booleans(),
    data=st.data(),
)
def test_saved_answers_read_back_exactly(
    options: list[str], question_text: str, project: str, multi: bool, data: st.DataObject
) -> None:
    rs = tiny_rule_set(question_text, options, multi)
    if multi:
        chosen = tuple(o for o in options if data.draw(st.booleans())) or (options[0],)
    else:
        chosen = (data.draw(st.sampled_from(options)),)
    name = one_line(project) or None  # names are one printable line (see item 5)
    text = dump_answers(rs, {"vraag": chosen}, name, "Gemeente: 'x'\n#", header=question_text)
    parsed = parse_answers(text, rs)
    assert parsed.antwoorden == {"vraag": chosen}
    assert parsed.naam == name
    assert parsed.gemeente == "Gemeente: 'x' #"


def test_a_question_text_cannot_inject_an_answer(rules: RuleSet) -> None:
    hostile = rules.model_copy(
        update={
            "vragen": tuple(
                q.model_copy(update={"tekst": q.tekst + "\n  draagvlak: groot"})
                for q in rules.vragen
            )
        }
    )
    text = dump_answers(hostile, {"doel": ("informeren",)}, "P", None)
    assert parse_answers(text, rules).antwoorden["draagvlak"] == (UNKNOWN,)


class Terminal:
    """A scripted stand-in for the terminal asker: free text, choices, questions."""

    def __init__(self, texts: list[Any], choices: list[str] | None = None) -> None:
        self.texts = list(texts)
        self.choices = list(choices or [])
        self.said: list[str] = []

    def say(self, message: str) -> None:
        self.said.append(message)

    def text(self, message: str, default: str = "", longest: int | None = None) -> str:
        found = self.texts.pop(0)
        if isinstance(found, BaseException):
            raise found
        return str(found)

    def choose(
        self, message: str, options: list[tuple[str, str]], default: str | None = None
    ) -> str:
        return self.choices.pop(0)

    def ask(self, question: Question, number: int, total: int, current: Any) -> tuple[str, ...]:
        found = self.texts.pop(0)
        if isinstance(found, BaseException):
            raise found
        return (question.option_ids[0],)

    def review(self, rows: list[Any]) -> None:
        return None


def interview(
    rules: RuleSet, drafts: Drafts, terminal: Terminal, resume: bool = False
) -> Iterator[Any]:
    from wijzer.cli.interactive import collect, interruptible

    with interruptible(drafts):
        yield collect(rules, terminal, drafts, {}, None, resume)  # type: ignore[arg-type]


def run_interview(rules: RuleSet, drafts: Drafts, terminal: Terminal, resume: bool = False) -> Any:
    return next(interview(rules, drafts, terminal, resume))


def test_two_interviews_in_one_folder_keep_their_own_drafts(
    rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = Drafts(tmp_path), Drafts(tmp_path)
    a.prepare()
    a.save(rules, {"doel": ("informeren",)}, "Project A", None)
    # B starts while A runs: A's draft is not offered, resumed, overwritten or removed.
    found, _ = b.resumable(rules)
    assert found == []
    b.save(rules, {"doel": ("meningen_peilen",)}, "Project B", None)
    assert a.path != b.path
    a.finish(rules, {"doel": ("informeren",)}, "Project A", None)
    last = a.settle()
    assert last is not None
    assert load_answers(last, rules).naam == "Project A"
    assert b.path is not None
    assert load_answers(b.path, rules).naam == "Project B"
    # B is interrupted: its message names B's own draft, which holds B's answers.
    from wijzer.cli.interactive import interruptible

    with pytest.raises(Terminated) as stopped, interruptible(b):
        raise KeyboardInterrupt
    assert stopped.value.reported  # said where the draft is: main adds nothing
    assert exit_code(stopped.value) == 130
    assert str(b.path) in capsys.readouterr().err


def test_an_interview_that_finishes_second_never_claims_the_first_ones_file(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A finishes, B finishes while A still offers to save: laatste-antwoorden.yaml now
    holds B's answers, so A's stay in A's own draft, and A is told so."""
    a, b = Drafts(tmp_path), Drafts(tmp_path)
    a.prepare()
    a.finish(rules, {"doel": ("informeren",)}, "Project A", None)
    b.finish(rules, {"doel": ("meningen_peilen",)}, "Project B", None)
    kept_a = a.settle()
    assert kept_a is not None
    assert kept_a != a.last_path
    assert load_answers(kept_a, rules).naam == "Project A"
    assert b.settle() == b.last_path
    assert load_answers(b.last_path, rules).naam == "Project B"


def test_a_name_typed_before_the_first_question_is_kept(
    rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wijzer.interview import Stopped

    previous = Drafts(tmp_path)
    previous.prepare()
    previous.finish(rules, {"doel": ("informeren",)}, "Vorig project", None)
    previous.settle()
    drafts = Drafts(tmp_path)
    with pytest.raises(Terminated):
        run_interview(rules, drafts, Terminal(["Nieuw plein", Stopped("Zuidst")]))
    err = capsys.readouterr().err
    assert "laatste-antwoorden" not in err  # not the previous project's file
    (draft,) = tmp_path.glob("concept-2*.yaml")
    assert str(draft) in err
    kept = load_answers(draft, rules)
    assert (kept.naam, kept.gemeente) == ("Nieuw plein", "Zuidst")


def test_stopping_before_anything_was_typed_says_so(
    rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wijzer.interview import Stopped

    with pytest.raises(Terminated):
        run_interview(rules, Drafts(tmp_path), Terminal([Stopped("")]))
    assert "nog niets ingevuld" in capsys.readouterr().err
    assert not list(tmp_path.glob("concept*"))


def test_a_full_disk_during_the_interview_warns_and_goes_on(
    rules: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijzer import atomic

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    drafts = Drafts(tmp_path)
    monkeypatch.setattr(atomic.os, "fsync", full)
    project = run_interview(rules, drafts, Terminal(["P", "G"] + [""] * len(rules.vragen)))
    assert project.naam == "P"
    assert len(project.antwoorden) == len(rules.vragen)
    assert not drafts.saved


# --- 3. a draft location that does not work ----------------------------------------------------


def test_a_folder_named_like_a_draft_is_set_aside_and_the_interview_runs(
    rules: RuleSet, tmp_path: Path
) -> None:
    (tmp_path / "concept.yaml").mkdir()
    terminal = Terminal(["P", "G"] + [""] * len(rules.vragen))
    project = run_interview(rules, Drafts(tmp_path), terminal)
    assert project.naam == "P"
    assert any("niet meer te lezen" in line for line in terminal.said)
    assert not (tmp_path / "concept.yaml").exists()
    assert [p.is_dir() for p in tmp_path.glob("concept-onleesbaar-*")] == [True]


def test_a_data_folder_that_is_a_file_is_exit_1_with_what_to_do(
    rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wijzer.drafts import DraftFolderError

    data = tmp_path / "data"
    data.write_text("ik ben een bestand\n", encoding="utf-8")
    with pytest.raises(DraftFolderError, match="WIJZER_DATA"):
        run_interview(rules, Drafts(data), Terminal([]))
    assert data.read_text(encoding="utf-8") == "ik ben een bestand\n"


# --- 4. no control character reaches a terminal, a report or a CSV file -------------------------

HOSTILE_NAME = r"\e]52;c;aGFjaw==\e\\\e]0;titel\e\\\e[2JPlein"
"""OSC 52 (write the clipboard), OSC 0 (the window title), clear the screen: as YAML escapes."""
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_control_characters_in_an_answer_file_are_refused_with_a_located_error(
    write: Write,
) -> None:
    path = write("p.yaml", FULL_ANSWERS.replace("Herinrichting Stationsplein", f'"{HOSTILE_NAME}"'))
    for args in (["advies", "-a", path], ["advies", "-a", path, "-f", "markdown"]):
        result = wijzer(*args)
        assert result.returncode == 1
        assert "regel 2" in result.stderr
        assert "stuurteken (\\u001b)" in result.stderr
        assert not RAW_CONTROL.search(result.stdout + result.stderr)


@pytest.mark.parametrize("fmt", ["tabel", "csv", "jsonl", "json", "yaml"])
def test_control_characters_in_answer_files_and_file_names_never_reach_the_output(
    tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "naam.yaml").write_text(
        FULL_ANSWERS.replace("Herinrichting Stationsplein", f'"{HOSTILE_NAME}"'), encoding="utf-8"
    )
    (folder / "optie.yaml").write_text('antwoorden:\n  doel: "\\e[2J"\n', encoding="utf-8")
    (folder / "sleutel.yaml").write_text('antwoorden:\n  "\\e[2J": x\n', encoding="utf-8")
    (folder / "bestand\x1b[2J\x07.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (folder / "nieuwe\nregel.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    result = wijzer("batch", folder, "-f", fmt)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert not RAW_CONTROL.search(result.stdout), result.stdout
    assert not RAW_CONTROL.search(result.stderr), result.stderr
    assert "bestand\\u001b[2J\\u0007.yaml" in result.stdout.replace("\\\\", "\\")


def test_a_control_character_in_a_rule_set_is_refused(tmp_path: Path, write: Write) -> None:
    text = (REPO / "rules" / "standaard.yaml").read_text(encoding="utf-8")
    rules = tmp_path / "regels.yaml"
    rules.write_text(
        text.replace("naam: Standaard participatiewijzer", 'naam: "Standaard\\e[2J"', 1),
        encoding="utf-8",
    )
    result = wijzer("niveaus", "-r", rules)
    assert result.returncode == 1
    assert "stuurteken" in result.stderr
    assert not RAW_CONTROL.search(result.stdout + result.stderr)


def test_command_line_values_are_shown_escaped() -> None:
    result = wijzer("advies", "-a", "-", "--set", "doel=\x1b]0;titel\x07", stdin=subprocess.PIPE)
    assert result.returncode == 2
    assert "\\u001b]0;titel\\u0007" in result.stderr
    assert not RAW_CONTROL.search(result.stderr)


def test_every_rich_console_of_the_cli_escapes_what_it_draws() -> None:
    import io

    from rich.text import Text

    from wijzer.cli.output import console

    out = io.StringIO()
    terminal = console(file=out, force_terminal=True, color_system="standard")
    terminal.print(Text("a\x1b[2Jb\x9bc", style="bold"))
    drawn = out.getvalue()
    assert "a\\u001b[2Jb\\u009bc" in drawn
    assert "\x1b[2J" not in drawn
    assert "\x9b" not in drawn
    assert "\x1b[1m" in drawn  # bold, drawn by Rich itself


def test_the_report_templates_show_every_value_printable(rules: RuleSet) -> None:
    from wijzer.engine import advise
    from wijzer.render.report import render_report

    project = parse_answers(FULL_ANSWERS, rules).model_copy(update={"naam": "a\x1b[2Jb"})
    for fmt, shown in (("markdown", "a\\\\u001b\\[2Jb"), ("html", "a\\u001b[2Jb")):
        report = render_report(advise(compiled(rules), project), rules, fmt)  # type: ignore[arg-type]
        assert not RAW_CONTROL.search(report), fmt
        assert shown in report, fmt  # Markdown escapes the backslash and the bracket


# --- 5. a newline adds no row and forges no heading -----------------------------------------------

FORGED = r"Plein\n\nAanbevolen niveau: MEEBESLISSEN\n===\n- [x] klaar"


def test_a_newline_in_a_project_name_folds_into_one_line(write: Write, tmp_path: Path) -> None:
    path = write("p.yaml", FULL_ANSWERS.replace("Herinrichting Stationsplein", f'"{FORGED}"'))
    markdown = wijzer("advies", "-a", path, "-f", "markdown").stdout
    lines = markdown.splitlines()
    assert lines[0] == (
        "# Participatieplan: Plein Aanbevolen niveau: MEEBESLISSEN === - \\[x\\] klaar"
    )
    assert not [line for line in lines if line.startswith(("===", "Aanbevolen niveau"))]
    assert sum(line.startswith("**Aanbevolen niveau:") for line in lines) == 1
    for fmt, rows in (("csv", 2), ("tabel", None)):
        result = wijzer("batch", path, "-f", fmt)
        if rows is not None:
            assert len(result.stdout.splitlines()) == rows
        else:
            assert sum("Plein" in line for line in result.stdout.splitlines()) == 1


def test_a_rule_set_text_with_line_breaks_stays_inside_its_markdown_line(rules: RuleSet) -> None:
    from wijzer.engine import advise
    from wijzer.render.report import render_report

    data = rules.model_dump(by_alias=True)
    data["niveaus"][0]["belofte"] = "iets\n\n# Kop\n===\n1. lijst"
    hostile = RuleSet.model_validate(data)  # a copy would keep the original's lookups
    project = parse_answers(
        FULL_ANSWERS.replace("beleidsruimte: keuzes", "beleidsruimte: geen"), rules
    )
    report = render_report(advise(compiled(hostile), project), hostile, "markdown")
    assert "- **Belofte aan inwoners:** iets \\# Kop === 1. lijst" in report
    assert not [line for line in report.splitlines() if line in ("# Kop", "===", "1. lijst")]


def test_names_and_titles_in_a_rule_set_are_one_line(tmp_path: Path) -> None:
    from wijzer.loading import load_ruleset

    text = (REPO / "rules" / "standaard.yaml").read_text(encoding="utf-8")
    hostile = text.replace(
        "naam: Informeren", 'naam: "Informeren\n\n# Aanbevolen: meebeslissen"', 1
    )
    assert hostile != text
    path = tmp_path / "regels.yaml"
    path.write_text(hostile, encoding="utf-8")
    assert load_ruleset(path).niveaus[0].naam == "Informeren # Aanbevolen: meebeslissen"


def test_a_newline_in_a_file_name_adds_no_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nstatus,ok.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    csv_out = wijzer("batch", folder, "-f", "csv").stdout
    assert len(csv_out.splitlines()) == 2
    assert "a\\nstatus,ok.yaml" in csv_out
    table = wijzer("batch", folder).stdout
    assert sum("Stationsplein" in line for line in table.splitlines()) == 1


# --- 6. no input stops a batch with exit 3 ------------------------------------------------------

BATCH_BREAKERS: dict[str, bytes] = {
    "timestamp.yaml": b"wijzer: !!timestamp x\nantwoorden: {}\n",
    "lange-sleutel.yaml": b"antwoorden:\n  " + b"k" * 1100 + b": x\n",
    "hex.yaml": b"wijzer: 0x" + b"f" * 3600 + b"\nantwoorden: {}\n",
    "getal.yaml": b"antwoorden:\n  doel: " + b"9" * 5000 + b"\n",
    "waar.yaml": b"wijzer: true\nantwoorden: {}\n",
    "komma.yaml": b"wijzer: 1.0\nantwoorden: {}\n",
    "passwd.yaml": b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin\n",
}


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl", "tabel"])
def test_every_breaker_is_a_record_and_the_batch_goes_on(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in BATCH_BREAKERS.items():
        (folder / name).write_bytes(content)
    (folder / os.fsdecode(b"niet-utf8-\xff.yaml")).write_text(FULL_ANSWERS, encoding="utf-8")
    (folder / "z-goed.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    result = wijzer("batch", folder, "-f", fmt, "-j", "2")
    assert_no_traceback(result)
    assert result.returncode == 1
    if fmt == "json":
        import json

        records = json.loads(result.stdout)
        status = {Path(r["bestand"]).name: r["status"] for r in records}
        assert status == {
            **dict.fromkeys(BATCH_BREAKERS, "fout"),
            "niet-utf8-\\xff.yaml": "ok",
            "z-goed.yaml": "ok",
        }
        passwd = next(r for r in records if r["bestand"].endswith("passwd.yaml"))
        assert "root" not in passwd["fouten"][0]["melding"]  # contents are never echoed
    elif fmt == "csv":
        assert len(result.stdout.splitlines()) == 1 + len(BATCH_BREAKERS) + 2
    elif fmt == "tabel":
        assert "7 met fouten" in result.stdout


@pytest.mark.parametrize("version", ["true", "1.0", "'1'", "yes"])
def test_only_the_number_1_is_format_1(write: Write, version: str) -> None:
    path = write("p.yaml", FULL_ANSWERS.replace("wijzer: 1", f"wijzer: {version}"))
    result = wijzer("advies", "-a", path)
    assert result.returncode == 1
    assert "formaat" in result.stderr


def unprivileged() -> list[str]:
    """A prefix that runs a command without root's power to read everything (the file
    permissions then count for root too); nothing for an ordinary user."""
    if os.geteuid() != 0:
        return []
    drop = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("cannot drop root's file-reading capabilities here (setpriv)")
    return prefix


def wijzer_unprivileged(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*unprivileged(), sys.executable, "-m", "wijzer", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def test_files_and_folders_without_read_permission(tmp_path: Path) -> None:
    locked_file = tmp_path / "dicht.yaml"
    locked_file.write_text(FULL_ANSWERS, encoding="utf-8")
    locked_file.chmod(0)
    folder = tmp_path / "in"
    (folder / "dicht").mkdir(parents=True)
    (folder / "dicht" / "p.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (folder / "a.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (folder / "dicht").chmod(0)
    try:
        for args in (
            ["advies", "-a", locked_file],
            ["advies", "-a", folder / "a.yaml", "-r", locked_file],
            ["regels", "controleer", locked_file],
            ["batch", locked_file],
        ):
            result = wijzer_unprivileged(*args, cwd=tmp_path)
            assert result.returncode == 1, (args, result.stderr)
            assert "geen leesrechten" in result.stderr + result.stdout, args
            assert_no_traceback(result)
        result = wijzer_unprivileged("batch", folder, "-f", "csv", cwd=tmp_path)
        assert result.returncode == 1
        rows = result.stdout.splitlines()
        assert any(row.startswith(f"{folder / 'a.yaml'},1,ok") for row in rows)
        assert any("geen leesrechten voor deze map" in row for row in rows)
        for args in (
            ["sjabloon", "-o", folder / "dicht" / "x.yaml"],
            ["regels", "nieuw", folder / "dicht" / "x"],
        ):
            result = wijzer_unprivileged(*args, cwd=tmp_path)
            assert result.returncode == 1, (args, result.stderr)
            assert "rechten" in result.stderr
            assert_no_traceback(result)
    finally:
        (folder / "dicht").chmod(0o755)


def test_a_full_stdout_is_exit_1_with_a_message(tmp_path: Path, folder: Path) -> None:
    device = full_device(tmp_path)
    for args in (
        ["batch", folder, "-f", "csv"],
        ["batch", folder],
        ["advies", "-a", folder / "a.yaml"],
    ):
        with device.open("w", encoding="utf-8") as full:
            result = wijzer(*args, stdout=full)
        assert result.returncode == 1, result.stderr
        assert "schijf is vol" in result.stderr
        assert_no_traceback(result)


# --- 7. no FIFO or device makes wijzer wait ---------------------------------------------------------


def test_a_fifo_among_the_answer_files_is_refused_without_waiting(
    tmp_path: Path, folder: Path
) -> None:
    os.mkfifo(folder / "pijp.yaml")
    started = time.perf_counter()
    result = wijzer("batch", folder, "-f", "csv", timeout=20)
    assert time.perf_counter() - started < 10
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stdout
    result = wijzer("advies", "-a", folder / "pijp.yaml", timeout=20)
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stderr
    result = wijzer("advies", "-a", folder / "a.yaml", "-r", folder / "pijp.yaml", timeout=20)
    assert result.returncode == 1


def test_a_device_is_not_read(tmp_path: Path) -> None:
    result = wijzer("advies", "-a", "/dev/zero", timeout=20)
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stderr


def test_standard_input_by_name_is_read_as_a_stream(folder: Path) -> None:
    for name in ("/dev/stdin", "-"):
        with (folder / "a.yaml").open(encoding="utf-8") as handle:
            result = wijzer("advies", "-a", name, "-f", "json", stdin=handle)
        assert result.returncode == 0, result.stderr
    piped = subprocess.run(
        f"cat '{folder / 'a.yaml'}' | '{sys.executable}' -m wijzer batch /dev/stdin -f csv",
        shell=True,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    assert len(piped.stdout.splitlines()) == 2


def test_a_file_swapped_for_a_fifo_is_refused_when_it_is_read(tmp_path: Path) -> None:
    from wijzer.errors import InputError
    from wijzer.yamlio import read_bytes

    path = tmp_path / "p.yaml"
    os.mkfifo(path)  # what a swap between listing and reading leaves
    started = time.perf_counter()
    with pytest.raises(InputError, match="geen gewoon bestand"):
        read_bytes(path)
    assert time.perf_counter() - started < 1


# --- 8. workers die with the main process; SIGTERM cleans up ------------------------------------


def many_files(tmp_path: Path, count: int = 6000) -> Path:
    folder = tmp_path / "veel"
    folder.mkdir()
    for i in range(count):
        (folder / f"p{i:05d}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    return folder


def start_batch(*args: str | Path, **popen: Any) -> subprocess.Popen[str]:
    """`wijzer batch ARGS` started in the background, its stderr captured. Ctrl-C is
    answered as in a terminal even when the test runs as a background job (a shell starts
    those with SIGINT ignored, and that is inherited)."""
    return subprocess.Popen(
        [sys.executable, "-m", "wijzer", "batch", *map(str, args)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **popen,
    )


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_killing_the_main_process_leaves_no_worker_and_ends_the_pipe(tmp_path: Path) -> None:
    folder = many_files(tmp_path)
    pipeline = subprocess.Popen(
        [sys.executable, "-m", "wijzer", "batch", str(folder), "-f", "jsonl", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert pipeline.stdout is not None
    pipeline.stdout.read(1000)  # it runs; now the reader stops reading, as a slow `wc` might
    deadline = time.monotonic() + 20
    while len(children_of(pipeline.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children_of(pipeline.pid)
    assert len(workers) == 2
    pipeline.kill()  # the main process only, as the OOM killer would
    pipeline.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)
    pipeline.stdout.read()  # the pipe ends: nobody holds it open any more
    pipeline.stdout.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_main_process_cleans_up_and_says_one_line(
    tmp_path: Path, sig: signal.Signals
) -> None:
    folder = many_files(tmp_path)
    target = tmp_path / "uit.jsonl"
    process = start_batch(str(folder), "-f", "jsonl", "-j", "2", "-o", str(target))
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".uit.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    workers = children_of(process.pid)
    assert len(workers) == 2
    process.send_signal(sig)
    _, err = process.communicate(timeout=20)
    assert not any(alive(w) for w in workers)  # no orphan worker
    assert process.returncode == (143 if sig == signal.SIGTERM else 130), err
    assert err.strip() in ("wijzer: gestopt (SIGTERM).", "wijzer: onderbroken.")
    assert not list(tmp_path.glob(".uit.jsonl.*"))
    assert not target.exists()


# --- 9. links out of a folder are not followed; contents are not echoed --------------------------


def test_a_link_out_of_the_folder_is_reported_not_followed(tmp_path: Path, folder: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    (folder / "binnen.yaml").symlink_to(folder / "a.yaml")  # a link within the folder is fine
    result = wijzer("batch", folder, "-f", "jsonl")
    assert result.returncode == 1
    assert "root:x" not in result.stdout + result.stderr
    import json

    records = {Path(r["bestand"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["binnen.yaml"]["status"] == "ok"
    assert "buiten de map" in records["link.yaml"]["fouten"][0]["melding"]
    direct = wijzer("advies", "-a", secret)
    assert direct.returncode == 1
    assert "root:x" not in direct.stderr
    assert "geen bestand voor wijzer" in direct.stderr


# --- 10-12. hostile rule sets and answer files: bounded time and memory --------------------------


def hostile_rules(
    questions: int,
    options: int,
    rules: list[dict[str, Any]],
    levels: int = 5,
    multi: bool = False,
) -> dict[str, Any]:
    """A rule set of `questions` questions with `options` options each, and these rules."""
    return {
        "wijzer_regels": 1,
        "naam": "aanval",
        "versie": "1",
        "niveaus": [
            {"id": f"n{i}", "naam": f"N{i}", "betekenis": ".", "belofte": ".", "vraagt": "."}
            for i in range(levels)
        ],
        "vragen": [
            {
                "id": f"q{i}",
                "tekst": f"Vraag {i}?",
                "meerkeuze": multi,
                "opties": [{"id": f"o{j}", "tekst": f"optie {j}"} for j in range(options)],
            }
            for i in range(questions)
        ],
        "regels": [{"id": "basis", "toelichting": ".", "voorstel": "n0"}, *rules],
    }


def chain(questions: int, options: int) -> dict[str, Any]:
    """Each question shares a rule with the next: one group of all of them."""
    rules = [
        {
            "id": f"r{i}_{k}",
            "toelichting": ".",
            "als": {
                "alle": [
                    {"vraag": f"q{i}", "in": [f"o{j}" for j in range(k)]},
                    {"vraag": f"q{i + 1}", "in": [f"o{j}" for j in range(k)]},
                ]
            },
            "voorstel": f"n{i % 4 + 1}",
        }
        for i in range(questions - 1)
        for k in range(1, options)
    ]
    return hostile_rules(questions, options, rules)


def save_rules(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    import yaml

    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def known_answers(tmp_path: Path, questions: int) -> Path:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(
        "antwoorden:\n" + "".join(f"  q{i}: o0\n" for i in range(questions)), encoding="utf-8"
    )
    return path


def timed(*args: str | Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = wijzer(*args, timeout=60)
    return time.perf_counter() - started, result


def test_the_what_if_search_enumerates_only_what_three_changes_reach(tmp_path: Path) -> None:
    """9 chained questions of 6 options took about a minute (the whole product, 7^9
    states); up to three changes are 11,446 of them. (10 such questions are refused at
    load now: a chain of 45 rules makes that 2.2 million tests.)"""
    rules = save_rules(tmp_path, "keten", chain(9, 6))
    seconds, result = timed("advies", "-a", known_answers(tmp_path, 9), "-r", rules, "-f", "json")
    assert result.returncode == 0, result.stderr
    assert seconds < 8


def test_a_rule_set_the_what_if_search_cannot_bound_is_refused_at_load(tmp_path: Path) -> None:
    rules = save_rules(tmp_path, "keten", chain(40, 12))
    answers = known_answers(tmp_path, 40)
    for args in (["advies", "-a", answers], ["batch", answers, "-f", "csv"]):
        seconds, result = timed(*args, "-r", rules)
        assert result.returncode == 1, result.stderr
        assert "regelcontroles" in result.stderr
        assert "regel " in result.stderr  # located
        assert seconds < 8
    seconds, result = timed("regels", "controleer", rules)
    assert result.returncode == 1
    assert "[te_groot] wat-als" in result.stdout
    assert seconds < 8


def test_independent_questions_with_many_levels_stay_bounded(tmp_path: Path) -> None:
    """60 independent questions over 60 levels: the fold across groups grew past 1.4 GB."""
    kinds = ("voorstel", "plafond", "bodem")
    rules = [
        {
            "id": f"r{i}_{j}",
            "toelichting": ".",
            "als": {"vraag": f"q{i}", "is": f"o{j}"},
            kinds[j]: f"n{(i * 7 + j * 13) % 60}",
        }
        for i in range(60)
        for j in range(3)
    ]
    path = save_rules(tmp_path, "los", hostile_rules(60, 3, rules, levels=60))
    code = (
        PEAK_KIB + "import sys\nfrom wijzer.cli import main\n"
        f"code = main(['regels', 'controleer', {str(path)!r}])\n"
        "print(code, peak_kib(), file=sys.stderr)\n"
    )
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert time.perf_counter() - started < 10
    code_seen, peak = map(int, out.stderr.strip().splitlines()[-1].split())
    assert code_seen == 1
    assert peak < 300 * 1024
    assert "[te_groot] alle groepen vragen samen" in out.stdout
    assert "niet bewezen" in out.stdout
    assert "onbereikbaar" not in out.stdout  # nothing derived from the unfinished proof
    assert "dode_regel" not in out.stdout
    seconds, compared = timed("regels", "vergelijk", path, path)
    assert compared.returncode == 1
    assert "te veel" in compared.stderr
    assert seconds < 8


def test_a_multi_choice_question_with_24_options_is_too_big_before_it_is_built(
    tmp_path: Path,
) -> None:
    rules = [
        {
            "id": f"r{j}",
            "toelichting": ".",
            "als": {"vraag": "q0", "bevat": f"o{j}"},
            "voorstel": f"n{j % 5}",
        }
        for j in range(24)
    ]
    path = save_rules(tmp_path, "multi", hostile_rules(1, 24, rules, multi=True))
    for command in (["regels", "controleer", path], ["regels", "vergelijk", path, path]):
        seconds, result = timed(*command)
        assert result.returncode == 1
        assert "16.777.216" in result.stdout + result.stderr
        assert seconds < 5
    assert "Bereikbare niveaus: onbekend" in wijzer("regels", "controleer", path).stdout


def test_thousands_of_broken_references_are_counted_not_all_explained(tmp_path: Path) -> None:
    """8,000 rules naming misspelt questions out of 300: a 'bedoelde u' search for each
    took 75 s; only the 20 explained ones get it."""
    data = hostile_rules(300, 2, [])
    for question in data["vragen"]:
        question["id"] = question["id"].replace("q", "vraag_onderwerp_")
    data["regels"] += [
        {
            "id": f"r{j}",
            "toelichting": ".",
            "als": {"vraag": f"vraag_onderwerp_{j % 300}x", "is": "o1"},
            "voorstel": "n1",
        }
        for j in range(8000)
    ]
    path = save_rules(tmp_path, "typo", data)
    seconds, result = timed("regels", "controleer", path)
    assert result.returncode == 1
    assert "en nog 7980 andere problemen" in result.stderr
    assert "Bedoelde u 'vraag_onderwerp_0'?" in result.stderr
    assert seconds < 10


def test_thousands_of_unknown_options_are_explained_twenty_times(tmp_path: Path) -> None:
    rules = [
        {"id": "r", "toelichting": ".", "als": {"vraag": "q0", "bevat": "o1"}, "voorstel": "n1"}
    ]
    path = save_rules(tmp_path, "opties", hostile_rules(1, 300, rules, multi=True))
    answers = tmp_path / "p.yaml"
    answers.write_text(
        "antwoorden:\n  q0: [" + ", ".join(f"x{j}" for j in range(9000)) + "]\n", encoding="utf-8"
    )
    seconds, result = timed("advies", "-a", answers, "-r", path)
    assert result.returncode == 1
    assert "en nog 8980 andere problemen" in result.stderr
    assert seconds < 5


def test_one_huge_value_on_stdin_costs_no_more_than_a_document(tmp_path: Path) -> None:
    """A 64 MiB value in a stream took 365 MB: each document is at most 256 KiB."""
    stream = tmp_path / "stroom.yaml"
    with stream.open("w", encoding="utf-8") as handle:
        handle.write(FULL_ANSWERS + "---\nproject: ")
        for _ in range(64):
            handle.write("x" * (1024 * 1024))
        handle.write("\n---\n" + FULL_ANSWERS)
    code = (
        PEAK_KIB + "import sys\nfrom wijzer.cli import main\n"
        "code = main(['batch', '-', '-f', 'csv'])\n"
        "print(code, peak_kib(), file=sys.stderr)\n"
    )
    with stream.open("rb") as stdin:
        out = subprocess.run(
            [sys.executable, "-c", code],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    code_seen, peak = map(int, out.stderr.strip().splitlines()[-1].split())
    assert code_seen == 1
    assert peak < 80 * 1024, peak
    rows = out.stdout.splitlines()
    assert [row.split(",")[2] for row in rows[1:]] == ["ok", "fout", "ok"]
    assert "te groot" in rows[2]


def test_every_test_that_security_md_names_exists() -> None:
    """SECURITY.md ties each promise to its tests; a renamed test must not leave a promise
    without one."""
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    names = set(re.findall(r"\b(test_[a-z0-9_]+\*?)(?![\w.])", text))  # not file names
    assert len(names) > 30
    defined = {
        match
        for path in (REPO / "tests").glob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    for name in sorted(names):
        if name.endswith("*"):
            assert any(d.startswith(name[:-1]) for d in defined), name
        else:
            assert name in defined, name


# --- an independent review's findings, after the first fixes (kept as they were found) ------


def test_an_input_read_through_stdin_is_not_replaced(tmp_path: Path) -> None:
    answers = tmp_path / "p.yaml"
    answers.write_text(FULL_ANSWERS, encoding="utf-8")
    to_stdin = tmp_path / "naar-stdin.md"
    to_stdin.symlink_to("/proc/self/fd/0")
    for args in (
        ["batch", "-", "-f", "csv", "-o", answers],
        ["batch", "-", "-f", "csv", "-o", "/dev/fd/0"],
        ["advies", "-a", "-", "-o", to_stdin],
    ):
        with answers.open(encoding="utf-8") as stdin:
            result = wijzer(*args, stdin=stdin)
        assert result.returncode == 2, (args, result.stderr)
        assert "ook invoer" in result.stderr
        assert answers.read_text(encoding="utf-8") == FULL_ANSWERS


def test_every_spelling_of_stdout_is_written_to_not_replaced(tmp_path: Path, folder: Path) -> None:
    out = tmp_path / "log.txt"
    out.write_text("eerdere regel\n", encoding="utf-8")
    link = tmp_path / "uit.csv"
    link.symlink_to("/proc/self/fd/1")
    for name in ("/dev/fd/../fd/1", "/proc/self/fd/../fd/1", str(link)):
        with out.open("a", encoding="utf-8") as handle:
            result = wijzer("batch", folder, "-f", "csv", "-o", name, stdout=handle)
        assert result.returncode == 0, (name, result.stderr)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "eerdere regel"
    assert len(lines) == 1 + 3 * 3
    assert link.is_symlink()


def gap_rules(tmp_path: Path) -> Path:
    """The default rule set without its lowest proposal: the proof finds a gap."""
    import yaml

    data = yaml.safe_load((REPO / "rules" / "standaard.yaml").read_text(encoding="utf-8"))
    data["regels"] = [r for r in data["regels"] if r.get("voorstel") != "informeren"]
    return save_rules(tmp_path, "gat", data)


def test_counterexamples_never_overwrite_anything(tmp_path: Path) -> None:
    rules = gap_rules(tmp_path)
    examples = tmp_path / "vb"
    examples.mkdir()
    own = examples / "01-gat.yaml"
    own.write_bytes(rules.read_bytes())  # the rule set itself, under the first example's name
    result = wijzer("regels", "controleer", own, "--voorbeelden", examples)
    assert result.returncode == 2, result.stderr
    assert "bestaat al" in result.stderr
    assert own.read_bytes() == rules.read_bytes()
    secret = tmp_path / "geheim.txt"
    secret.write_text("kostbaar\n", encoding="utf-8")
    linked = tmp_path / "vb2"
    linked.mkdir()
    (linked / "01-gat.yaml").symlink_to(secret)
    result = wijzer("regels", "controleer", rules, "--voorbeelden", linked)
    assert result.returncode == 2
    assert secret.read_text(encoding="utf-8") == "kostbaar\n"
    fresh = tmp_path / "vb3"
    result = wijzer("regels", "controleer", rules, "--voorbeelden", fresh)
    assert result.returncode == 1  # the gap is an error; the examples are written
    assert (fresh / "01-gat.yaml").is_file()


@pytest.mark.parametrize("name", ["", "/", ".", "..", "{folder}"])
def test_a_new_rule_set_needs_a_file_name(tmp_path: Path, name: str) -> None:
    result = wijzer("regels", "nieuw", name.format(folder=tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "redirect",
    ["<&-", ">&-", "2>&-"],
)
def test_closed_standard_streams_are_no_internal_error(tmp_path: Path, redirect: str) -> None:
    answers = tmp_path / "p.yaml"
    answers.write_text(FULL_ANSWERS, encoding="utf-8")
    report = tmp_path / "r.md"
    command = f"'{sys.executable}' -m wijzer advies -a '{answers}' -o '{report}' {redirect}"
    result = subprocess.run(
        command, shell=True, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "interne fout" not in result.stderr
    assert report.read_text(encoding="utf-8").startswith("# Participatieplan")
    if redirect == ">&-":
        assert "standaarduitvoer is gesloten" in result.stderr
    batch = f"'{sys.executable}' -m wijzer batch - -f csv {redirect}"
    result = subprocess.run(
        batch, shell=True, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode in (0, 1)
    assert "interne fout" not in result.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_worker_killed_from_outside_is_exit_1_not_a_bug(tmp_path: Path) -> None:
    folder = many_files(tmp_path)
    process = start_batch(str(folder), "-f", "json", "-j", "2", "-o", str(tmp_path / "o.json"))
    deadline = time.monotonic() + 20
    while len(children_of(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(children_of(process.pid)[0], signal.SIGKILL)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 1, err
    assert "werkproces" in err
    assert "interne fout" not in err
    assert not list(tmp_path.glob(".o.json.*"))


def test_a_condition_blown_up_by_aliases_is_counted_by_its_size(tmp_path: Path) -> None:
    """One rule whose condition YAML aliases expand to thousands of tests, over 60
    questions: each advice took 52 s; the bound now counts the tests, not the rules."""
    leaf = "{vraag: q0, is: weet_ik_niet}"
    first = "&A {een_van: [" + ", ".join([leaf] * 60) + "]}"
    second = "&B {een_van: [" + first + ", " + ", ".join(["*A"] * 59) + "]}"
    links = ", ".join(f"{{vraag: q{j}, is: weet_ik_niet}}" for j in range(60))
    text = "\n".join(
        [
            "wijzer_regels: 1",
            "naam: T",
            "versie: '1'",
            "niveaus:",
            "  - {id: laag, naam: laag, betekenis: x, belofte: x, vraagt: x}",
            "  - {id: hoog, naam: hoog, betekenis: x, belofte: x, vraagt: x}",
            "vragen:",
            *(
                f"  - {{id: q{i}, tekst: V{i}, opties: [{{id: a, tekst: A}}, {{id: b, tekst: B}}]}}"
                for i in range(60)
            ),
            "regels:",
            "  - {id: basis, toelichting: x, voorstel: laag}",
            f"  - {{id: groot, toelichting: x, voorstel: hoog, als: {{niet: {{een_van: [{second}, {links}, *B]}}}}}}",
        ]
    )
    rules = tmp_path / "opgeblazen.yaml"
    rules.write_text(text + "\n", encoding="utf-8")
    answers = known_answers(tmp_path, 60).read_text(encoding="utf-8").replace("o0", "a")
    (tmp_path / "a.yaml").write_text(answers, encoding="utf-8")
    seconds, result = timed("advies", "-a", tmp_path / "a.yaml", "-r", rules, "-f", "json")
    assert result.returncode == 1
    assert "regelcontroles" in result.stderr
    assert seconds < 8
    seconds, result = timed("regels", "controleer", rules)
    assert "te_groot" in result.stdout
    assert seconds < 8


def test_thousands_of_rules_that_fire_together_are_checked_in_linear_time(tmp_path: Path) -> None:
    rules = [
        {"id": f"r{i}", "als": {"vraag": "q0", "is": "o0"}, "toelichting": "x", "voorstel": "n1"}
        for i in range(8000)
    ]
    path = save_rules(tmp_path, "veel", hostile_rules(1, 2, rules, levels=2))
    seconds, result = timed("regels", "controleer", path)
    assert result.returncode == 0, result.stdout[-2000:]
    assert seconds < 15  # it was quadratic: 8,000 rules took minutes


@pytest.mark.parametrize("text", ["=", "-", "==", "+"])
def test_a_rule_set_text_that_is_only_a_marker_forges_no_heading(rules: RuleSet, text: str) -> None:
    from wijzer.engine import advise
    from wijzer.render.report import markdown_escape, render_report

    assert markdown_escape(text) == "\\" + text
    data = rules.model_dump(by_alias=True)
    for rule in data["regels"]:
        rule["toelichting"] = text
    hostile = RuleSet.model_validate(data)
    report = render_report(
        advise(compiled(hostile), parse_answers(FULL_ANSWERS, rules)), hostile, "markdown"
    )
    assert not [line for line in report.splitlines() if line.strip() in ("=", "-", "==", "+")]


def test_line_breaks_in_command_line_values_stay_in_their_line(
    tmp_path: Path, folder: Path
) -> None:
    (folder / "a.yaml\nwijzer: NEP").write_text("bestaat al\n", encoding="utf-8")
    for args in (
        ["advies", "-a", folder / "a.yaml", "--set", "doel=x\nwijzer: alles in orde"],
        ["regels", "schema", "--voor", "x\nwijzer: NEP"],
        ["sjabloon", "-o", folder / "a.yaml\nwijzer: NEP"],
    ):
        result = wijzer(*args)
        assert result.returncode in (1, 2)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "\\n" in result.stderr


@pytest.mark.parametrize("field", ["questions", "rules"])
def test_an_id_must_stay_on_one_line(tmp_path: Path, field: str) -> None:
    text = (REPO / "rules" / "standaard.yaml").read_text(encoding="utf-8")
    if field == "questions":
        hostile = text.replace("  - id: doel\n", '  - id: "doel\\nnep: rij"\n', 1)
    else:
        hostile = text.replace("id: basis_informeren", 'id: "basis\\nnep"', 1)
    assert hostile != text
    path = tmp_path / "regels.yaml"
    path.write_text(hostile, encoding="utf-8")
    result = wijzer("niveaus", "-r", path)
    assert result.returncode == 1
    assert "op één regel" in result.stderr


def test_a_file_swapped_for_a_link_after_listing_is_not_followed(tmp_path: Path) -> None:
    from wijzer.batch import Settings, evaluate_file
    from wijzer.inputs import expand
    from wijzer.loading import load_ruleset

    rules = load_ruleset()
    secret = tmp_path / "geheim.yaml"
    secret.write_text("antwoorden: {doel: Sup3rS3cret}\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (folder / "sub" / "b.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    listed = list(expand([str(folder)]))
    (folder / "a.yaml").unlink()
    (folder / "a.yaml").symlink_to(secret)  # a file swapped for a link
    (folder / "sub" / "b.yaml").unlink()
    (folder / "sub").rmdir()
    (folder / "sub").symlink_to(tmp_path)  # a folder on the way swapped for a link
    (tmp_path / "b.yaml").write_bytes(secret.read_bytes())  # to a plain file outside
    records = [r for name in listed for r in evaluate_file(name, compiled(rules), Settings({}))]
    assert [r.summary for r in records] == [None, None]
    messages = " ".join(p.message for r in records for p in r.problems)
    assert "Sup3rS3cret" not in messages
    assert "symbolische link geworden" in messages
    assert "buiten de map" in messages


def test_globs_stay_inside_their_folder_and_list_each_file_once(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "sub").mkdir(parents=True)
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.yaml").write_text("antwoorden: {doel: Sup3rS3cret}\n", encoding="utf-8")
    (project / "a.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (project / "sub" / "b.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (project / "s.yaml").symlink_to(outside / "geheim.yaml")
    (project / "linkmap").symlink_to(outside)
    for pattern in ("proj/*", "proj/**"):
        result = wijzer("batch", pattern, "-f", "csv", cwd=tmp_path)
        assert "Sup3rS3cret" not in result.stdout + result.stderr
        rows = result.stdout.splitlines()[1:]
        names = [row.split(",")[0] for row in rows]
        assert len(names) == len(set(names)), pattern
        assert {n for n, row in zip(names, rows, strict=True) if ",ok," in row} == {
            "proj/a.yaml",
            "proj/sub/b.yaml",
        }


@pytest.mark.parametrize("delay", [0.15, 0.3])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_soon_after_start_says_one_line_too(
    tmp_path: Path, delay: float, sig: signal.Signals
) -> None:
    """typer turned an interrupt during its parsing into a silent exit 130."""
    folder = many_files(tmp_path, 3000)
    process = start_batch(str(folder), "-f", "csv", "-o", str(tmp_path / "o.csv"))
    time.sleep(delay)
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == (130 if sig == signal.SIGINT else 143), err
    assert err.strip() in ("wijzer: onderbroken.", "wijzer: gestopt (SIGTERM)."), err
    assert not list(tmp_path.glob(".o.csv.*"))


@pytest.mark.parametrize(
    ("value", "said"), [("100", "hoogstens 64"), ("-1", "minstens 0"), ("abc", "geheel getal")]
)
def test_number_options_are_explained_in_dutch(value: str, said: str) -> None:
    result = wijzer("batch", "x.yaml", "-j", value)
    assert result.returncode == 2
    assert said in result.stderr
    assert "Input should" not in result.stderr
