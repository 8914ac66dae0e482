"""`wijzer batch`: mixed folders, stdin streams, every output format read back, order, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import FULL_ANSWERS, Runner, compiled
from wijzer.batch import Settings, run
from wijzer.engine import advise
from wijzer.inputs import expand
from wijzer.loading import parse_answers
from wijzer.ruleset import RuleSet

runner = Runner()

GOOD = {
    "a/stationsplein.yaml": FULL_ANSWERS,
    "a/b/wijkbudget.yml": (
        "project: Wijkbudget\nantwoorden:\n  doel: inwoners_beslissen\n  beleidsruimte: alles\n"
        "  rol: faciliterend\n  draagvlak: groot\n  middelen: voldoende\n  bijdrage: eigenaarschap\n"
    ),
    "c.yaml": "project: Klein\nantwoorden:\n  doel: informeren\n",
}
BAD = {
    "a/typo.yaml": "antwoorden:\n  doel: advies_vrage\n",
    "a/leeg.yaml": "",
    "d/kapot.yaml": "antwoorden:\n  doel: x\n   rol: y\n",
    "d/binair.yaml": b"\x00\x01\x02",
}


@pytest.fixture
def folder(tmp_path: Path, write: Callable[[str, str | bytes], Path]) -> Path:
    for name, content in {**GOOD, **BAD}.items():
        write(name, content)
    write("a/lees-mij.txt", "geen yaml")
    return tmp_path


def expected_levels(rules: RuleSet, folder: Path) -> dict[str, str]:
    return {
        str(folder / name): advise(compiled(rules), parse_answers(text, rules)).niveau
        for name, text in GOOD.items()
    }


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(["batch", *args], input=input)


def test_folders_are_walked_sorted_and_only_yaml(folder: Path) -> None:
    # Per folder: its own files (sorted), then its subfolders (sorted): a stable order that
    # streams without listing the whole tree first.
    names = [Path(n).relative_to(folder).as_posix() for n in expand([str(folder)])]
    assert names == [
        "c.yaml",
        "a/leeg.yaml",
        "a/stationsplein.yaml",
        "a/typo.yaml",
        "a/b/wijkbudget.yml",
        "d/binair.yaml",
        "d/kapot.yaml",
    ]


def test_jsonl_every_good_file_evaluated_every_bad_one_named(rules: RuleSet, folder: Path) -> None:
    result = invoke(str(folder), "--formaat", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    good = {r["bestand"]: r["niveau"] for r in records if r["status"] == "ok"}
    assert good == expected_levels(rules, folder)
    bad = {Path(r["bestand"]).name: r["fouten"] for r in records if r["status"] == "fout"}
    assert set(bad) == {"typo.yaml", "leeg.yaml", "kapot.yaml", "binair.yaml"}
    assert bad["typo.yaml"][0]["regel"] == 2
    assert "Bedoelde u 'advies_vragen'?" in bad["typo.yaml"][0]["melding"]
    assert bad["kapot.yaml"][0]["regel"] == 3


def test_json_matches_advies_json_field_by_field(
    rules: RuleSet, folder: Path, tmp_path: Path
) -> None:
    result = invoke(str(folder / "a" / "stationsplein.yaml"), "-f", "json")
    assert result.exit_code == 0
    (record,) = json.loads(result.stdout)
    single = json.loads(
        runner.invoke(
            ["advies", "-a", str(folder / "a" / "stationsplein.yaml"), "-f", "json"]
        ).stdout
    )
    assert record.pop("bestand") == str(folder / "a" / "stationsplein.yaml")
    assert record.pop("document") == 1
    assert record.pop("status") == "ok"
    assert record == single


def test_csv_reads_back(rules: RuleSet, folder: Path) -> None:
    result = invoke(str(folder), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(GOOD) + len(BAD)
    levels = {r["bestand"]: r["niveau"] for r in rows if r["status"] == "ok"}
    assert levels == expected_levels(rules, folder)
    station = next(r for r in rows if r["bestand"].endswith("stationsplein.yaml"))
    assert station["spanning"] == "ja"
    assert station["plafond"] == "adviseren"
    assert station["bepalend"] == "draagvlak_redelijk"
    assert len(station["regelset_hash"]) == 64
    typo = next(r for r in rows if r["bestand"].endswith("typo.yaml"))
    assert typo["status"] == "fout"
    assert typo["fouten"].startswith("regel 2:")


def test_yaml_stream_reads_back(rules: RuleSet, folder: Path) -> None:
    result = invoke(str(folder), "-f", "yaml")
    records = list(yaml.safe_load_all(result.stdout))
    good = {r["bestand"]: r["niveau"] for r in records if r["status"] == "ok"}
    assert good == expected_levels(rules, folder)


def test_table_mode_summary_and_errors_on_stderr(folder: Path) -> None:
    result = invoke(str(folder))
    assert result.exit_code == 1
    assert "Verdeling over de ladder" in result.stdout
    assert "3 van 7 documenten beoordeeld, 4 met fouten." in result.stdout
    assert "typo.yaml, regel 2" in result.stderr
    assert "stationsplein" in result.stdout


def test_stdin_multi_document_stream() -> None:
    stream = (
        "project: A\nantwoorden: {doel: informeren}\n---\nproject: B\nantwoorden: {doel: x}\n---\n"
        + FULL_ANSWERS
    )
    result = invoke("-", "-f", "jsonl", input=stream)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["document"], r["status"]) for r in records] == [(1, "ok"), (2, "fout"), (3, "ok")]
    assert records[1]["fouten"][0]["regel"] == 5


def test_a_broken_document_in_a_stream_is_its_own_record_and_the_stream_goes_on() -> None:
    stream = (
        "project: A\nantwoorden: {doel: informeren}\n---\n"
        "project: B\nantwoorden:\n  doel: x\n   rol: y\n---\n" + FULL_ANSWERS
    )
    result = invoke("-", "-f", "jsonl", input=stream)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["document"], r["status"]) for r in records] == [(1, "ok"), (2, "fout"), (3, "ok")]
    assert records[1]["fouten"][0]["regel"] == 7  # the syntax error, on its line in the stream


def test_a_stream_of_only_empty_documents_is_empty() -> None:
    result = invoke("-", "-f", "jsonl", input="---\n---\n# niets\n")
    assert result.exit_code == 1
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["document"], record["status"]) == (0, "fout")
    assert "leeg" in record["fouten"][0]["melding"]


def test_all_good_exits_0_and_globs_work(folder: Path) -> None:
    result = invoke(str(folder / "a" / "**" / "w*.yml"), str(folder / "c.yaml"), "-f", "jsonl")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize("name", ["bestaat-niet.yaml", "leeg-*.yaml"])
def test_a_path_that_matches_nothing_is_an_error_before_anything_runs(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / "goed.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    result = invoke(str(tmp_path / "goed.yaml"), str(tmp_path / name), "-f", "jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""  # nothing evaluated, nothing half-written
    assert f"{tmp_path / name}: niets gevonden" in result.stderr


def test_strict_makes_unknown_answers_errors(folder: Path) -> None:
    result = invoke(str(folder / "c.yaml"), "--strikt", "-f", "jsonl")
    assert result.exit_code == 1
    assert "--strikt" in json.loads(result.stdout)["fouten"][0]["melding"]


def test_set_overrides_every_file(folder: Path) -> None:
    result = invoke(
        str(folder / "a" / "stationsplein.yaml"), "--set", "draagvlak=groot", "-f", "jsonl"
    )
    assert json.loads(result.stdout)["niveau"] == "coproduceren"


def test_output_file_is_written_whole(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "uit" / "resultaat.jsonl"
    target.parent.mkdir()  # an output folder is never created (see test_attack)
    result = invoke(str(folder), "-f", "jsonl", "--uitvoer", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(GOOD) + len(BAD)
    assert [p.name for p in target.parent.iterdir()] == ["resultaat.jsonl"]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "yaml", "tabel"])
def test_same_order_and_content_for_one_and_two_jobs(
    rules: RuleSet, folder: Path, fmt: str
) -> None:
    for i in range(30):  # enough files to spread over workers
        (folder / "veel" / f"p{i:02d}.yaml").parent.mkdir(exist_ok=True)
        (folder / "veel" / f"p{i:02d}.yaml").write_text(
            FULL_ANSWERS.replace("Stationsplein", f"Plein {i}"), encoding="utf-8"
        )
    one = invoke(str(folder), "-f", fmt, "--jobs", "1")
    two = invoke(str(folder), "-f", fmt, "--jobs", "2")
    assert (one.stdout, one.stderr, one.exit_code) == (two.stdout, two.stderr, two.exit_code)
    assert f"Plein {29}" in one.stdout
    assert one.exit_code == 1


@pytest.mark.parametrize("fmt", ["jsonl", "tabel"])
def test_workers_started_afresh_give_the_same_output(
    folder: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where processes cannot be forked (Windows, macOS), workers are started afresh and
    # load the rule set from its file: the same mechanism must give the same output.
    from wijzer import parallel

    one = invoke(str(folder), "-f", fmt, "--jobs", "1")
    monkeypatch.setattr(parallel, "FORKS", False)
    two = invoke(str(folder), "-f", fmt, "--jobs", "2")
    assert (one.stdout, one.stderr, one.exit_code) == (two.stdout, two.stderr, two.exit_code)


@pytest.mark.parametrize("fmt", ["tabel", "csv"])
def test_summaries_do_not_complete_the_advice(
    folder: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables and CSV show a summary: the verdict is enough, and a long batch should not
    pay for what-ifs, tips and groups that nobody sees."""
    from wijzer import batch

    def refuse(*args: object) -> None:
        raise AssertionError("the full advice was computed for a summary")

    monkeypatch.setattr(batch, "advise", refuse)
    for jobs in ("1", "2"):  # forked workers inherit the patch
        result = invoke(str(folder), "-f", fmt, "--jobs", jobs)
        assert result.exit_code == 1  # the bad files; the good ones were summarised
        assert "Wijkbudget" in result.stdout


def test_run_is_lazy(rules: RuleSet, folder: Path) -> None:
    pieces = run(expand([str(folder)]), compiled(rules), Settings({}))
    first = next(pieces)
    assert first.records[0].bestand.endswith("c.yaml")


def test_an_empty_folder_is_an_error_before_any_output(tmp_path: Path) -> None:
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "geen bestanden gevonden" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_stops_early_is_no_error(tmp_path: Path, jobs: str) -> None:
    # Like `| head -1`: the reader takes one line and closes stdout while the batch still
    # writes (400 projects, ~6 MB of JSON Lines): exit 0, not 1 (that means bad input),
    # no traceback, and the workers are gone.
    for i in range(400):
        (tmp_path / f"p{i:03d}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    args = [sys.executable, "-m", "wijzer", "batch", str(tmp_path), "-f", "jsonl", "-j", jobs]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        code = proc.wait(timeout=60)
    assert code == 0, stderr
    assert stderr == b""
    assert json.loads(first)["status"] == "ok"


def test_output_to_a_file_says_in_one_line_how_it_went(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"p{i}.yaml").write_text(FULL_ANSWERS, encoding="utf-8")
    (tmp_path / "in" / "zz-kapot.yaml").write_text("antwoorden:\n  doel: x\n", encoding="utf-8")
    target = tmp_path / "res.csv"
    result = invoke(str(tmp_path / "in"), "-f", "csv", "-o", str(target))
    assert result.exit_code == 1
    bad = tmp_path / "in" / "zz-kapot.yaml"
    assert result.stderr == f"4 beoordeeld, 1 fout ({bad}, regel 2); geschreven naar {target}.\n"
    assert len(target.read_text(encoding="utf-8").splitlines()) == 5


def test_dutch_numbers() -> None:
    from wijzer.texts import number

    assert [number(n) for n in (0, 999, 1000, 1548288000)] == ["0", "999", "1.000", "1.548.288.000"]


def test_csv_for_dutch_excel(tmp_path: Path) -> None:
    hostile = FULL_ANSWERS.replace("Herinrichting Stationsplein", '"=HYPERLINK(\\"x\\")"')
    (tmp_path / "p.yaml").write_text(hostile, encoding="utf-8")
    result = invoke(str(tmp_path / "p.yaml"), "-f", "csv-excel")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbfbestand;document;status;")  # a BOM, then ';'
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == invoke(str(tmp_path / "p.yaml"), "-f", "csv").stdout.splitlines()[0].split(
        ","
    )
    assert rows[1][3] == '\'=HYPERLINK("x")'  # text, not a formula
    assert data.count(b"\r\n") == 2


def test_decimals_in_dutch() -> None:
    from wijzer.texts import decimal

    assert [decimal(0.04), decimal(1234.5), decimal(-3.14159, 3), decimal(7, 0)] == [
        "0,04",
        "1.234,50",
        "-3,142",
        "7",
    ]


def test_workers_start_before_the_progress_bars_thread() -> None:
    """A fork while Rich's refresh thread runs copies its locks (Python 3.12 warns): the
    first piece, which starts the workers, is asked for before the bar starts."""
    import threading

    from wijzer.batch import Piece
    from wijzer.cli.batch import _with_progress

    before = threading.active_count()
    seen: list[int] = []

    def pieces() -> Iterator[Piece]:
        for _ in range(3):
            seen.append(threading.active_count())
            yield Piece(files=1, tally={"adviseren": 1})

    assert len(list(_with_progress(pieces(), total=3))) == 3
    assert seen[0] == before  # no other thread when the workers would fork
    assert max(seen) > before  # the bar did run its thread for the rest
