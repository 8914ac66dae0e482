"""Hostile and broken input: every command that reads a file gives an advice or a located
error (exit 1), never a traceback, never exit 0 on an invalid file, never a hang."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FULL_ANSWERS, Runner
from tests.conftest import run_wijzer as run
from wijzer.errors import InputError
from wijzer.loading import default_rules_path, load_answers
from wijzer.ruleset import RuleSet

runner = Runner()
Write = Callable[[str, str | bytes], Path]

odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | odd_text
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            odd_text
            | st.sampled_from(
                ["antwoorden", "doel", "doelgroepen", "project", "wijzer", "rol", "weet_ik_niet"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)


def assert_clean(result, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Exit 0 or 1, no traceback, no escaped exception; a failure names the file."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert str(path) in result.stderr or path.name in result.stderr


def loads(path: Path, rules: RuleSet) -> bool:
    try:
        load_answers(path, rules)
    except InputError:
        return False
    return True


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=documents)
def test_random_yaml_documents_as_answer_files(rules: RuleSet, data: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(
            yaml.safe_dump({"antwoorden": data} if isinstance(data, dict) else data),
            encoding="utf-8",
        )
        result = runner.invoke(["advies", "-a", str(path), "-f", "json"])
        assert_clean(result, path)
        assert (result.exit_code == 0) == loads(path, rules)  # exit 0 only for a valid file


def mutate(text: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(text)
    for position, cut, insert in edits:
        at = position % (len(out) + 1)
        out[at : at + cut] = insert
    return bytes(out)


edits = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 8),
        st.binary(max_size=6)
        | st.sampled_from(
            [
                b"\x00",
                b"\xff\xfe",
                b": ",
                b"\n  - ",
                b"[[[",
                b"&a ",
                b"*a",
                b"!!python/object ",
                b"\t",
                "é".encode(),
            ]
        ),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=edits)
def test_mutated_answer_files(rules: RuleSet, changes: list[tuple[int, int, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_bytes(mutate(FULL_ANSWERS.encode(), changes))
        result = runner.invoke(["advies", "-a", str(path), "-f", "json"])
        assert_clean(result, path)
        assert (result.exit_code == 0) == loads(path, rules)


RULES_TEXT = default_rules_path().read_bytes()


@settings(max_examples=40, deadline=None)
@given(changes=edits)
def test_mutated_rule_sets_through_every_rule_command(
    changes: list[tuple[int, int, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.yaml"
        path.write_bytes(mutate(RULES_TEXT, [(p * 7, c, i) for p, c, i in changes]))
        answers = Path(tmp) / "p.yaml"
        answers.write_text(FULL_ANSWERS, encoding="utf-8")
        for args in (
            ["regels", "controleer", str(path)],
            ["advies", "-a", str(answers), "-r", str(path)],
            ["batch", str(answers), "-r", str(path), "-f", "jsonl"],
        ):
            started = time.perf_counter()
            result = runner.invoke(args)
            assert time.perf_counter() - started < 10
            assert_clean(result, path if args[0] != "batch" or result.exit_code else answers)


HOSTILE: dict[str, bytes] = {
    "leeg.yaml": b"",
    "binair.yaml": bytes(range(256)),
    "latin1.yaml": "antwoorden:\n  thema: caf\xe9\n".encode("latin-1"),
    "utf16.yaml": "antwoorden: {}\n".encode("utf-16"),
    "nul.yaml": b"antwoorden:\n  doel: informeren\x00\n",
    "diep-flow.yaml": b"antwoorden: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "diep-blok.yaml": b"- " * 100_000 + b"x\n",
    "alias-bom.yaml": b"a: &a [x,x,x,x,x,x,x,x,x]\n"
    + b"".join(
        f"l{i}: &l{i} [{','.join(['*' + ('a' if i == 1 else f'l{i - 1}')] * 9)}]\n".encode()
        for i in range(1, 12)
    ),
    "groot.yaml": b"antwoorden:\n" + b"  # opvulling\n" * 120_000,
    "lange-tekst.yaml": b"project: " + b"x" * 900_000 + b"\nantwoorden: {}\n",
    "veel-sleutels.yaml": b"antwoorden:\n"
    + b"".join(f"  v{i}: x\n".encode() for i in range(50_000)),
    "python-tag.yaml": b"antwoorden: !!python/object/apply:os.system ['echo hoi']\n",
    "stuurteken.yaml": b"antwoorden:\n  doel: \x07informeren\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_fail_fast_and_small(name: str, tmp_path: Path, rules: RuleSet) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    started = time.perf_counter()
    result = runner.invoke(["advies", "-a", str(path)])
    assert time.perf_counter() - started < 1.0  # in-process: start-up not counted
    assert result.exit_code == 1
    assert_clean(result, path)


PEAK_KIB = (
    "import re, resource\n"
    "def peak_kib():\n"
    "    # VmHWM is this program's own high-water mark; ru_maxrss can carry the peak of the\n"
    "    # process that started it (Linux keeps it across exec after vfork).\n"
    "    try:\n"
    "        status = open('/proc/self/status').read()\n"
    "        return int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))\n"
    "    except (OSError, AttributeError):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)


def test_hostile_files_stay_under_100_mb(tmp_path: Path) -> None:
    """Each hostile file in a fresh process: peak memory below 100 MB."""
    for name, content in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(content)
        code = (
            PEAK_KIB + "from wijzer.cli import main\n"
            f"main(['advies', '-a', {str(path)!r}])\n"
            "print(peak_kib())\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
        )
        peak_kib = int(out.stdout.strip().splitlines()[-1])
        assert peak_kib < 100 * 1024, (name, peak_kib)


def test_a_long_stream_on_stdin_is_evaluated_as_it_is_read(tmp_path: Path) -> None:
    """3,000 projects on stdin with the full advice (~40 MB of JSON Lines): documents are
    evaluated and written one piece at a time, so memory does not grow with the stream
    (holding it all took about 150 MB)."""
    stream = tmp_path / "stroom.yaml"
    stream.write_text(
        "".join("---\n" + FULL_ANSWERS.replace("Stationsplein", f"Plein {i}") for i in range(3000)),
        encoding="utf-8",
    )
    code = (
        PEAK_KIB + "import sys\n"
        "from wijzer.cli import main\n"
        "code = main(['batch', '-', '-f', 'jsonl'])\n"
        "print(code, peak_kib(), file=sys.stderr)\n"
    )
    with stream.open("rb") as stdin:
        out = subprocess.run(
            [sys.executable, "-c", code],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    code_seen, peak_kib = map(int, out.stderr.strip().splitlines()[-1].split())
    assert code_seen == 0
    assert peak_kib < 100 * 1024, peak_kib


def test_batch_names_every_hostile_file(tmp_path: Path) -> None:
    for name, content in HOSTILE.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "goed.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    result = runner.invoke(["batch", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    lines = [yaml.safe_load(line) for line in result.stdout.splitlines()]
    bad = {Path(r["bestand"]).name for r in lines if r["status"] == "fout"}
    assert bad == set(HOSTILE)
    assert [Path(r["bestand"]).name for r in lines if r["status"] == "ok"] == ["goed.yaml"]


# --- atomic writes --------------------------------------------------------------------------


def test_a_write_failing_halfway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijzer import atomic

    target = tmp_path / "advies.md"
    target.write_text("oude inhoud\n", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(atomic.WriteError, match="niet aangeraakt"):
        atomic.write_atomic(target, "nieuwe inhoud die half geschreven wordt\n" * 1000)
    assert target.read_text(encoding="utf-8") == "oude inhoud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["advies.md"]


def test_report_write_failure_is_exit_1_and_keeps_the_old_report(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijzer import atomic

    target = tmp_path / "advies.html"
    target.write_text("oud", encoding="utf-8")
    monkeypatch.setattr(
        atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error"))
    )
    result = runner.invoke(["advies", "-a", str(write("p.yaml", FULL_ANSWERS)), "-o", str(target)])
    assert result.exit_code == 1
    assert "niet aangeraakt" in result.stderr
    assert target.read_text(encoding="utf-8") == "oud"


def test_batch_output_interrupted_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijzer import batch

    for i in range(5):
        (tmp_path / "in" / f"p{i}.yaml").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"p{i}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    target = tmp_path / "uit.jsonl"
    target.write_text("oud\n", encoding="utf-8")
    original = batch.evaluate_file
    calls = {"n": 0}

    def failing(name: str, rs: RuleSet, settings: batch.Settings) -> list[batch.Record]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(name, rs, settings)

    monkeypatch.setattr(batch, "evaluate_file", failing)
    result = runner.invoke(
        ["batch", str(tmp_path / "in"), "-f", "jsonl", "-o", str(target), "-j", "1"]
    )
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "uit.jsonl"]


# --- terminals, pipes and paths ---------------------------------------------------------------

COMMANDS = [
    ["advies", "-a", "{p}"],
    ["advies", "-a", "{p}", "-f", "markdown"],
    ["batch", "{p}"],
    ["niveaus"],
    ["regels", "controleer"],
    ["regels", "test"],
    ["regels", "schema"],
    ["sjabloon"],
    ["--help"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_with_closed_stdout_and_odd_terminals(
    command: list[str], write: Write
) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    args = [a.format(p=path) for a in command]
    piped = run(args, shell_tail="| head -1")
    assert "Traceback" not in piped.stderr
    assert "Error" not in piped.stderr
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "40"}):
        result = run(args, env=env)
        assert result.returncode == 0, (env, result.stderr)
        assert "Traceback" not in result.stderr
        assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["advies", "-a", "{missing}"],
        ["advies", "-a", "{folder}"],
        ["batch", "{missing}"],
        ["regels", "controleer", "{missing}"],
        ["regels", "controleer", "{folder}"],
        ["regels", "test", "{folder}"],
        ["advies", "-a", "{p}", "-r", "{folder}"],
        ["advies", "-a", "{p}", "-o", "{dirmd}"],
    ],
)
def test_missing_paths_and_folders_give_exit_1_without_traceback(
    args: list[str], write: Write, tmp_path: Path
) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    (tmp_path / "map.md").mkdir()
    filled = [
        a.format(missing=tmp_path / "weg.yaml", folder=tmp_path, p=path, dirmd=tmp_path / "map.md")
        for a in args
    ]
    result = run(filled)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("wijzer: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(write: Write) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    path.chmod(0)
    result = run(["advies", "-a", str(path)])
    assert result.returncode == 1
    assert "leesrechten" in result.stderr


def test_rss_helper_is_meaningful() -> None:
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
