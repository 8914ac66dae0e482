"""An advice as data for scripts: JSON (the documented contract) or YAML."""

from __future__ import annotations

import json
from typing import Any

from wijzer.advice import Advice


def as_dict(advice: Advice) -> dict[str, Any]:
    """The advice as plain JSON-compatible data (keys documented in docs/json.md)."""
    return advice.model_dump(mode="json")


def to_json(advice: Advice) -> str:
    """Pretty, stable JSON (UTF-8 characters kept readable), ending with a newline."""
    return json.dumps(as_dict(advice), ensure_ascii=False, indent=2) + "\n"


def to_yaml(advice: Advice) -> str:
    """The same data as YAML."""
    import yaml

    return str(yaml.safe_dump(as_dict(advice), allow_unicode=True, sort_keys=False, width=100))
