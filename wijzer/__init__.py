"""wijzer: a participatiewijzer — advice on whether and how to involve residents.

The library API (no UI libraries are imported)::

    from wijzer import load_ruleset, load_answers, compile_rules, advise
    rules = load_ruleset()                      # the embedded default rule set
    project = load_answers(Path("project.yaml"), rules)
    compiled = compile_rules(rules)             # once; then advise on any number of projects
    advice = advise(compiled, project)          # pure and deterministic
    advice.niveau, advice.redenen, advice.tips

Attributes are imported on first use, so `import wijzer` stays cheap for the CLI.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "advise": "wijzer.engine",
    "compile_rules": "wijzer.compiled",
    "Compiled": "wijzer.compiled",
    "level_of": "wijzer.engine",
    "load_ruleset": "wijzer.loading",
    "load_answers": "wijzer.loading",
    "parse_answers": "wijzer.loading",
    "default_rules_path": "wijzer.loading",
    "check_answers": "wijzer.answers",
    "Project": "wijzer.answers",
    "RuleSet": "wijzer.ruleset",
    "Advice": "wijzer.advice",
    "WijzerError": "wijzer.errors",
    "InputError": "wijzer.errors",
    "UsageError": "wijzer.errors",
}

__all__ = [
    "Advice",
    "Compiled",
    "InputError",
    "Project",
    "RuleSet",
    "UsageError",
    "WijzerError",
    "__version__",
    "advise",
    "check_answers",
    "compile_rules",
    "default_rules_path",
    "level_of",
    "load_answers",
    "load_ruleset",
    "parse_answers",
]

if TYPE_CHECKING:
    from wijzer.advice import Advice
    from wijzer.answers import Project, check_answers
    from wijzer.compiled import Compiled, compile_rules
    from wijzer.engine import advise, level_of
    from wijzer.errors import InputError, UsageError, WijzerError
    from wijzer.loading import default_rules_path, load_answers, load_ruleset, parse_answers
    from wijzer.ruleset import RuleSet


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'wijzer' has no attribute {name!r}")
    return getattr(import_module(module), name)
