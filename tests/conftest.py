"""Shared fixtures: the default rule set and small helpers to write input files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from wijzer.compiled import Compiled, compile_rules
from wijzer.loading import default_rules_path, load_ruleset
from wijzer.ruleset import RuleSet

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test remembers its user in a config file of its own, never the real one."""
    monkeypatch.setenv("WIJZER_CONFIG", str(tmp_path / "config.toml"))


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """The embedded default rule set."""
    return load_ruleset(default_rules_path())


class Runner(CliRunner):
    """typer's test runner (isolated streams, given input), but through wijzer's own entry
    point `wijzer.cli.main`, where every error becomes its exit code and message."""

    def invoke(  # type: ignore[override]
        self, args: list[str], input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Result:
        from wijzer.cli import main

        with self.isolation(input=input, env=env) as streams:
            code = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr, output = (stream.getvalue() for stream in streams)
        return Result(
            runner=self,
            stdout_bytes=stdout,
            stderr_bytes=stderr,
            output_bytes=output,
            return_value=code,
            exit_code=code,
            exception=None,
            exc_info=None,
        )


_COMPILED: dict[int, tuple[RuleSet, Compiled]] = {}


def compiled(rs: RuleSet) -> Compiled:
    """The rule set compiled, once per rule set for the whole test run (as a batch
    compiles it once for all its files): what one advice keeps, the next may reuse."""
    kept = _COMPILED.get(id(rs))
    if kept is None or kept[0] is not rs:
        kept = _COMPILED[id(rs)] = (rs, compile_rules(rs))
    return kept[1]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text or bytes to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


FULL_ANSWERS = """\
wijzer: 1
project: Herinrichting Stationsplein
gemeente: Voorbeeldstad
antwoorden:
  doel: samen_ontwikkelen
  beleidsruimte: keuzes
  rol: samenwerkend
  draagvlak: redelijk
  middelen: voldoende
  bijdrage: kennis_ideeen
  impact: groot
  initiatief: actieve_bewoners
  fase: planvorming
  doelgroepen: [alle_inwoners, lage_ses]
  thema: wijkinrichting
"""


def run_wijzer(
    args: list[str], env: dict[str, str] | None = None, shell_tail: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m wijzer ARGS` in a fresh process, without a terminal; `shell_tail` appends a
    shell pipe such as `| head -1`."""
    full_env = {**os.environ, **(env or {})}
    if shell_tail:
        quoted = " ".join(f"'{a}'" for a in args)
        command: str | list[str] = f"'{sys.executable}' -m wijzer {quoted} {shell_tail}"
    else:
        command = [sys.executable, "-m", "wijzer", *args]
    return subprocess.run(
        command,
        shell=bool(shell_tail),
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
