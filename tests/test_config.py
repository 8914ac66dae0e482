"""The user's config: what the participation plan's front matter remembers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FULL_ANSWERS, REPO
from wijzer.config import read_config, remember
from wijzer.errors import InputError


def test_remembered_values_read_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    assert read_config(path) == {}  # nothing remembered yet
    tricky = 'Team "Ruimte" \\ Wonen — één'
    remember({"afdeling": tricky, "gemeente": "Zaanstad"}, path)
    remember({"opsteller": "A. de Vries", "onbekend": "genegeerd"}, path)
    assert read_config(path) == {
        "gemeente": "Zaanstad",
        "afdeling": tricky,
        "opsteller": "A. de Vries",
    }
    assert path.read_text(encoding="utf-8").startswith("# ")


def test_a_broken_config_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('gemeente = "Zaanstad"\nafdeling = Ruimte\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_config(path)
    message = str(info.value)
    assert str(path) in message
    assert "regel 2" in message
    assert "TOML" in message


def test_only_text_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'gemeente = 12\nafdeling = "  "\nopsteller = "Bas"\ntaal = "nl"\n', encoding="utf-8"
    )
    assert read_config(path) == {"opsteller": "Bas"}


def test_an_interview_goes_on_without_a_broken_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijzer.cli import interactive

    path = tmp_path / "config.toml"
    path.write_text("gemeente = [\n", encoding="utf-8")
    monkeypatch.setenv("WIJZER_CONFIG", str(path))
    said: list[str] = []

    class Asker:
        def say(self, message: str) -> None:
            said.append(message)

    assert interactive.remembered_user(Asker()) == {}  # type: ignore[arg-type]
    assert len(said) == 1
    assert "gaat verder" in said[0]
    assert str(path) in said[0]


def test_the_config_command_shows_sets_and_forgets(tmp_path: Path) -> None:
    from tests.conftest import Runner

    shown = Runner().invoke(["config"])
    assert shown.exit_code == 0
    assert "(nog niet aangemaakt)" in shown.stdout
    rules = tmp_path / "eigen.yaml"
    rules.write_text(
        (REPO / "rules" / "standaard.yaml")
        .read_text(encoding="utf-8")
        .replace("naam: Standaard participatiewijzer", "naam: Eigen wijzer", 1),
        encoding="utf-8",
    )
    set_ = Runner().invoke(
        ["config", "--zet", "gemeente=Zaanstad", "--zet", f"regels={rules}"],
        env={"WIJZER_OPSTELLER": "B. Bas"},
    )
    assert set_.exit_code == 0
    assert "gemeente   Zaanstad\n" in set_.stdout
    assert "opsteller  B. Bas  (uit WIJZER_OPSTELLER)" in set_.stdout
    advice = Runner().invoke(["advies", "-a", "-"], input=FULL_ANSWERS)
    assert "Regelset: Eigen wijzer" in advice.stdout  # the config's rule set is used
    forgot = Runner().invoke(["config", "--zet", "regels="])
    assert "(de ingebouwde standaardregelset)" in forgot.stdout
    bad = Runner().invoke(["config", "--zet", "kleur=blauw"])
    assert bad.exit_code == 2
    assert "gemeente, afdeling, opsteller, regels" in bad.stderr


def test_environment_variables_override_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    remember({"gemeente": "Zaanstad", "afdeling": "Ruimte"}, path)
    monkeypatch.setenv("WIJZER_GEMEENTE", "Ede")
    assert read_config(path) == {"gemeente": "Ede", "afdeling": "Ruimte"}
    remember({"opsteller": "Bas"}, path)  # what the environment says is not written down
    assert 'gemeente = "Zaanstad"' in path.read_text(encoding="utf-8")
