"""The user's config: what the participation plan's front matter remembers."""

from __future__ import annotations

from pathlib import Path

import pytest

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
