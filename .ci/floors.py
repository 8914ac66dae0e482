"""Print every direct dependency of wijzer pinned at its declared floor (`name==floor`),
for a CI step that installs them so and runs the main job: a floor that does not work
fails the build instead of a user's install."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
pins = []
for requirement in project["project"]["dependencies"]:
    match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)(?:\s*,.*)?", requirement)
    if match is None:
        sys.exit(f"floors.py: no '>=' floor in the dependency {requirement!r}")
    pins.append(f"{match.group(1)}=={match.group(2)}")
print("\n".join(pins))
