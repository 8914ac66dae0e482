"""What wijzer remembers about its user: the gemeente, afdeling and opsteller that the
participation plan's front matter needs, asked once in an interview and kept for the next.

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
from wijzer.errors import InputError

ENV_CONFIG = "WIJZER_CONFIG"
FIELDS = ("gemeente", "afdeling", "opsteller")
"""The remembered fields, in the order they are written."""
LONGEST = 120


def config_path() -> Path:
    """$WIJZER_CONFIG, else `config.toml` in the platform's user config folder."""
    override = os.environ.get(ENV_CONFIG)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("wijzer", appauthor=False)) / "config.toml"


def read_config(path: Path | None = None) -> dict[str, str]:
    """The remembered fields that hold a non-empty string (a missing file remembers nothing)."""
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
        key: value.strip()[:LONGEST]
        for key in FIELDS
        if isinstance(value := data.get(key), str) and value.strip()
    }


def remember(values: dict[str, str], path: Path | None = None) -> None:
    """Keep these fields (with what was remembered before) for the next time."""
    path = path or config_path()
    kept = {**read_config(path), **{k: v for k, v in values.items() if k in FIELDS and v}}
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
