"""The outside attack of round 2 (issue 12), kept as tests: data loss, writing where wijzer
must not, escapes into terminals and reports, batches that die or hang, and hostile rule
sets. Numbers in the section titles are the issue's items. Everything happens in private
temporary folders; a device node is a copy of /dev/null made there, never a real one."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FULL_ANSWERS, REPO
from wijzer.answers import dump_answers
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


def null_device(tmp_path: Path) -> Path:
    """A private copy of /dev/null (a character device); skipped where mknod is not allowed."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    return device


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
    out = tmp_path / "log.txt"
    out.write_text("eerdere regel\n", encoding="utf-8")
    with out.open("a", encoding="utf-8") as handle:
        result = wijzer("batch", folder, "-f", "csv", "-o", "/dev/stdout", stdout=handle)
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "eerdere regel"
    assert lines[1].startswith("bestand,document,status")
    assert len(lines) == 4


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
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = wijzer("batch", folder, "-f", "csv", "-o", "/dev/full")
    assert result.returncode == 1
    assert "schijf is vol" in result.stderr
    assert_no_traceback(result)
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


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
    name = " ".join(project.split()) or None  # names are one line (see item 5)
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

    def text(self, message: str, default: str = "") -> str:
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
    last = a.finish(rules, {"doel": ("informeren",)}, "Project A", None)
    assert last is not None
    assert load_answers(last, rules).naam == "Project A"
    assert b.path is not None
    assert load_answers(b.path, rules).naam == "Project B"
    # B is interrupted: its message names B's own draft, which holds B's answers.
    from wijzer.cli.interactive import interruptible

    with pytest.raises(typer.Exit) as stopped, interruptible(b):
        raise KeyboardInterrupt
    assert stopped.value.exit_code == 130
    assert str(b.path) in capsys.readouterr().err


def test_a_name_typed_before_the_first_question_is_kept(
    rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wijzer.interview import Stopped

    previous = Drafts(tmp_path)
    previous.prepare()
    previous.finish(rules, {"doel": ("informeren",)}, "Vorig project", None)
    drafts = Drafts(tmp_path)
    with pytest.raises(typer.Exit):
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

    with pytest.raises(typer.Exit):
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
    project = run_interview(rules, drafts, Terminal(["P", "G"] + [""] * 11))
    assert project.naam == "P"
    assert len(project.antwoorden) == len(rules.vragen)
    assert not drafts.saved


# --- 3. a draft location that does not work ----------------------------------------------------


def test_a_folder_named_like_a_draft_is_set_aside_and_the_interview_runs(
    rules: RuleSet, tmp_path: Path
) -> None:
    (tmp_path / "concept.yaml").mkdir()
    terminal = Terminal(["P", "G"] + [""] * 11)
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
