"""What wijzer remembers about its user: the gemeente, afdeling and opsteller that the
participation plan's front matter needs, asked once in an interview and kept for the next,
and a default rule set. `wijzer config` shows and sets them; `WIJZER_*` variables override.

The file is TOML (`config.toml` in the user's config folder, platformdirs; `$WIJZER_CONFIG`
names another file), read with `tomllib` and written atomically. Only the keys below are
read; a file that is not valid TOML is an error with its line, and an interview that finds
one goes on without it rather than stop.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from wijzer import texts
from wijzer.atomic import write_atomic
from wijzer.errors import InputError, UsageError

ENV_CONFIG = "WIJZER_CONFIG"
FIELDS = ("gemeente", "afdeling", "opsteller", "regels")
"""The remembered fields, in the order they are written: who writes the plan, and the
rule set to use when the command line and $WIJZER_REGELS name none."""
ENV_FIELDS = {
    "gemeente": "WIJZER_GEMEENTE",
    "afdeling": "WIJZER_AFDELING",
    "opsteller": "WIJZER_OPSTELLER",
    "regels": "WIJZER_REGELS",
}
"""The environment variables that override a field of the file."""
LONGEST = 120


def config_path() -> Path:
    """$WIJZER_CONFIG, else `config.toml` in the platform's user config folder."""
    override = os.environ.get(ENV_CONFIG)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("wijzer", appauthor=False)) / "config.toml"


def read_config(path: Path | None = None) -> dict[str, str]:
    """The settings in force: the file's fields, each overridden by its environment
    variable when that is set (see `ENV_FIELDS`)."""
    found = read_file(path)
    for field, variable in ENV_FIELDS.items():
        value = os.environ.get(variable, "").strip()
        if value:
            found[field] = value[:LONGEST] if field != "regels" else value
    return found


def configured_rules() -> Path | None:
    """The rule set the config file names, relative to the file's folder; None if none."""
    path = config_path()
    named = read_file(path).get("regels")
    return (path.parent / named) if named else None


def read_file(path: Path | None = None) -> dict[str, str]:
    """The fields of the config file that hold a non-empty string (no file: none)."""
    import tomllib

    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        reason = texts.CONFIG_UNREADABLE.format(reason=exc.strerror)
        raise InputError.single(str(path), reason) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        line = _line_of(str(exc))
        raise InputError.single(str(path), texts.CONFIG_INVALID, line=line) from None
    return {
        key: value.strip() if key == "regels" else value.strip()[:LONGEST]
        for key in FIELDS
        if isinstance(value := data.get(key), str) and value.strip()
    }


def remember(values: dict[str, str], path: Path | None = None) -> None:
    """Keep these fields (with what was remembered before) for the next time; an empty
    value forgets its field."""
    path = path or config_path()
    kept = read_file(path)
    for key, value in values.items():
        if key in FIELDS and value:
            kept[key] = value
        elif key in FIELDS:
            kept.pop(key, None)
    lines = [texts.CONFIG_HEADER]
    # A JSON string is a valid TOML basic string: the same escapes, quotes and backslashes.
    lines += [
        f"{key} = {json.dumps(kept[key], ensure_ascii=False)}" for key in FIELDS if key in kept
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "\n".join(lines) + "\n")


def _line_of(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None


def parse_change(assignment: str) -> tuple[str, str]:
    """`SLEUTEL=WAARDE` from the command line; a rule set's path is made absolute (and
    must exist), an empty value forgets the key."""
    key, sep, value = assignment.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or key not in FIELDS:
        raise UsageError(texts.CONFIG_BAD_SET.format(given=assignment, keys=", ".join(FIELDS)))
    if key == "regels" and value:
        if not Path(value).is_file():
            raise UsageError(texts.CONFIG_NO_RULES.format(path=value))
        value = str(Path(value).resolve())
    return key, value


def in_force(path: Path | None = None) -> list[tuple[str, str, str | None]]:
    """Each field with the value in force and the environment variable it came from
    (None: from the file, or not set)."""
    stored = read_file(path)
    shown: list[tuple[str, str, str | None]] = []
    for key in FIELDS:
        variable = ENV_FIELDS[key]
        from_env = os.environ.get(variable, "").strip()
        shown.append((key, from_env or stored.get(key, ""), variable if from_env else None))
    return shown
