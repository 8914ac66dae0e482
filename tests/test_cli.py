"""The command line: exit codes, stdout for results, stderr for diagnostics, Dutch help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FULL_ANSWERS, Runner, run_wijzer
from wijzer.cli import main
from wijzer.cli.app import app

Write = Callable[[str, str | bytes], Path]
runner = Runner()


def test_advies_text_on_stdout(write: Write) -> None:
    result = runner.invoke(["advies", "--antwoorden", str(write("p.yaml", FULL_ANSWERS))])
    assert result.exit_code == 0, result.output
    assert "Aanbevolen niveau: adviseren" in result.stdout
    assert "Waarom dit niveau" in result.stdout
    assert result.stderr == ""


def test_advies_json_names_the_deciding_answers(write: Write) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    result = runner.invoke(["advies", "-a", str(path), "--formaat", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["niveau"] == "adviseren"
    assert [r["antwoorden"] for r in data["redenen"] if r["bepalend"]] == [
        {"draagvlak": ["redelijk"]}
    ]


@pytest.mark.parametrize("fmt", ["yaml", "markdown"])
def test_other_formats(write: Write, fmt: str) -> None:
    result = runner.invoke(["advies", "-a", str(write("p.yaml", FULL_ANSWERS)), "-f", fmt])
    assert result.exit_code == 0
    assert "adviseren" in result.stdout


def test_answers_from_stdin() -> None:
    result = runner.invoke(["advies", "-a", "-", "-f", "json"], input=FULL_ANSWERS)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["bron"] == "<stdin>"


def test_invalid_answers_exit_1_with_located_error_on_stderr(write: Write) -> None:
    path = write("fout.yaml", "antwoorden:\n  doel: advies_vrage\n")
    result = runner.invoke(["advies", "-a", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}, regel 2" in result.stderr
    assert "Bedoelde u 'advies_vragen'?" in result.stderr
    assert "Traceback" not in result.output


def test_invalid_rule_set_exit_1(write: Write) -> None:
    rules = write("regels.yaml", "wijzer_regels: 1\nnaam: x\n")
    answers = write("p.yaml", FULL_ANSWERS)
    result = runner.invoke(["advies", "-a", str(answers), "--regels", str(rules)])
    assert result.exit_code == 1
    assert "regels.yaml" in result.stderr
    assert "ontbreekt" in result.stderr


def test_rules_from_environment(write: Write) -> None:
    answers = write("p.yaml", FULL_ANSWERS)
    result = runner.invoke(
        ["advies", "-a", str(answers)], env={"WIJZER_REGELS": "/bestaat/niet.yaml"}
    )
    assert result.exit_code == 1
    assert "/bestaat/niet.yaml" in result.stderr


def test_advies_without_answers_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advies"]) == 2
    assert "--antwoorden" in capsys.readouterr().err


def test_niveaus_lists_the_ladder() -> None:
    result = runner.invoke(["niveaus"])
    assert result.exit_code == 0
    for name in ("Informeren", "Raadplegen", "Adviseren", "Coproduceren", "Meebeslissen"):
        assert name in result.stdout
    data = json.loads(runner.invoke(["niveaus", "-f", "json"]).stdout)
    assert next(level["id"] for level in data) == "informeren"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["advies", "--formaat", "xml", "-a", "x"], "ongeldige waarde 'xml'"),
        (["advies", "--antwoord", "x"], "Bedoelde u --antwoorden?"),
        (["nivaus"], "onbekende opdracht 'nivaus'"),
        (["advies", "-a"], "verwacht een waarde"),
    ],
)
def test_usage_errors_exit_2_in_dutch(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err


def test_main_maps_input_errors_to_1(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    assert main(["advies", "-a", str(write("leeg.yaml", ""))]) == 1
    assert "leeg" in capsys.readouterr().err


def test_every_command_and_option_has_dutch_help() -> None:
    from typer.main import get_command

    def check(command: object, name: str) -> int:
        assert getattr(command, "help", None), name
        for param in getattr(command, "params", []):
            assert getattr(param, "help", None), f"{name} {param.name}"
        subcommands = getattr(command, "commands", {})
        return 1 + sum(check(sub, f"{name} {key}") for key, sub in subcommands.items())

    assert check(get_command(app), "wijzer") == 12  # wijzer, 6 commands, `regels` and its 5
    help_text = runner.invoke(["advies", "--help"]).stdout
    assert "Toon deze hulp en stop." in help_text


@pytest.mark.parametrize(
    "command",
    [[], ["advies"], ["batch"], ["niveaus"], ["sjabloon"], ["regels", "controleer"]],
)
def test_help_shows_value_types_in_dutch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Toon deze hulp en stop." in out
    for english in ("<bool>", "<int", "<str>", "<path>", "<list[", "<float"):
        assert english not in out, f"{english} in the help of {command}"


def test_dutch_type_names() -> None:
    from wijzer.cli.dutch import dutch_type

    assert dutch_type("<bool>") is None
    assert dutch_type("<int range>") == "<getal>"
    assert dutch_type("<path>") == "<pad>"
    assert dutch_type("<list[str]>") is None
    assert dutch_type("<list[path]>") == "<pad>"
    assert dutch_type("<tabel|json>") == "<tabel|json>"
    assert dutch_type("BESTAND") == "BESTAND"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--versie"]) == 0
    assert capsys.readouterr().out.startswith("wijzer ")


def test_python_dash_m_pipes_plain_text(write: Write) -> None:
    result = run_wijzer(["advies", "-a", str(write("p.yaml", FULL_ANSWERS))])
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert not any(line.endswith(" ") for line in result.stdout.splitlines())


def test_closed_stdout_is_not_a_traceback(write: Write) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    proc = subprocess.run(
        f"'{sys.executable}' -m wijzer advies -a '{path}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.stdout.startswith("Participatieadvies")
    assert "Traceback" not in proc.stderr
    assert "Error" not in proc.stderr


def test_library_import_loads_no_ui_library() -> None:
    code = (
        "import sys, wijzer\n"
        "from wijzer import load_ruleset, compile_rules, advise, parse_answers\n"
        "rs = load_ruleset()\n"
        "advise(compile_rules(rs), parse_answers('antwoorden: {doel: informeren}', rs))\n"
        "bad = sorted(m for m in ('typer', 'rich', 'questionary', 'prompt_toolkit') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_json_path_loads_no_rich_or_questionary(write: Write) -> None:
    path = write("p.yaml", FULL_ANSWERS)
    code = (
        "import sys\n"
        "from wijzer.cli import main\n"
        f"code = main(['advies', '-a', {str(path)!r}, '-f', 'json'])\n"
        "bad = sorted(m for m in ('rich', 'questionary', 'prompt_toolkit') if m in sys.modules)\n"
        "sys.stderr.write(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == ""


def test_report_files_are_written(write: Write, tmp_path: Path) -> None:
    answers = write("p.yaml", FULL_ANSWERS)
    (tmp_path / "uit").mkdir()
    for name, marker in (("advies.md", "# Participatieplan"), ("advies.html", "<!DOCTYPE html>")):
        target = tmp_path / "uit" / name
        result = runner.invoke(["advies", "-a", str(answers), "--uitvoer", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").startswith(marker)
        assert "Participatieplan geschreven" in result.stderr
        assert "Aanbevolen niveau" in result.stdout


def test_report_with_an_unknown_extension_is_a_usage_error(write: Write, tmp_path: Path) -> None:
    result = runner.invoke(
        ["advies", "-a", str(write("p.yaml", FULL_ANSWERS)), "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_markdown_format_prints_the_report(write: Write) -> None:
    result = runner.invoke(["advies", "-a", str(write("p.yaml", FULL_ANSWERS)), "-f", "markdown"])
    assert result.stdout.startswith("# Participatieplan: Herinrichting Stationsplein")


@pytest.mark.parametrize("args", [["-h"], ["advies", "-h"], ["regels", "test", "-h"]])
def test_short_help_works_like_help(args: list[str]) -> None:
    short = runner.invoke(args)
    long = runner.invoke([a if a != "-h" else "--help" for a in args])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert "Gebruik: wijzer" in short.stdout


@pytest.mark.parametrize("flag", ["--versie", "--version", "-V"])
def test_every_version_flag(flag: str) -> None:
    result = runner.invoke([flag])
    assert result.exit_code == 0
    assert result.stdout.startswith("wijzer ")


@pytest.mark.parametrize(
    ("args", "mark"),
    [
        (["advies", "-a", "-"], "▶"),
        (["advies", "-a", "-", "-f", "json"], '"niveau"'),
        (["regels", "test"], "✔"),
        (["batch", "-"], "█"),
    ],
)
def test_output_is_utf8_whatever_the_locale(args: list[str], mark: str) -> None:
    """A stream the locale says is cp1252 (a redirected file on Windows) still gets UTF-8."""
    result = subprocess.run(
        [sys.executable, "-m", "wijzer", *args],
        input=FULL_ANSWERS.encode("utf-8"),
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert mark in result.stdout.decode("utf-8")


def test_shell_completion_completes_commands_and_option_values() -> None:
    def complete(words: str, index: int) -> list[str]:
        env = {**os.environ, "_WIJZER_COMPLETE": "complete_bash"}
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(index)}
        result = subprocess.run(
            [sys.executable, "-m", "wijzer"], env=env, capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert complete("wijzer ba", 1) == ["batch"]
    assert complete("wijzer advies --formaat ", 3) == ["tekst", "json", "yaml", "markdown"]
    assert "csv-excel" in complete("wijzer batch -f ", 3)
    script = run_wijzer(["--show-completion", "bash"])
    assert script.returncode == 0
    assert "_wijzer_completion" in script.stdout
    assert "Installeer het aanvullen" in run_wijzer(["--help"]).stdout
