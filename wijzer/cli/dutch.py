"""Dutch for the parts of typer's output that wijzer does not write itself.

Typer (with its vendored click) has English built-in texts: the help option, the usage
prefix, panel titles and usage-error messages. Panel titles and the help option are set
here; usage errors are explained by `wijzer.cli.exits` and translated with `usage_message`.
Everything is best effort: if typer's internals move, the English text remains and
nothing breaks.
"""

from __future__ import annotations

import re
from typing import Any

HELP_OPTION_TEXT = "Toon deze hulp en stop."
USAGE_PREFIX = "Gebruik: "

_PANEL_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "ERRORS_PANEL_TITLE": "Fout",
    "ABORTED_TEXT": "Afgebroken.",
    "DEFAULT_STRING": "[standaard: {}]",
    "ENVVAR_STRING": "[omgevingsvariabele: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
}

_USAGE_ERRORS = (
    (r"^No such option: (.+?)$", "onbekende optie {0}."),
    (r"^No such command '(.+)'\.$", "onbekende opdracht '{0}'."),
    (r"^Missing option '(.+)'\.?(.*)$", "de optie '{0}' ontbreekt."),
    (r"^Missing argument '(.+)'\.?(.*)$", "het argument '{0}' ontbreekt."),
    (r"^Missing command\.$", "geef een opdracht (zie --help)."),
    (r"^Option '(.+)' requires an argument\.$", "de optie '{0}' verwacht een waarde."),
    (r"^Option '(.+)' does not take a value\.$", "de optie '{0}' neemt geen waarde."),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", "onverwacht argument: {0}."),
    (
        r"^Invalid value for (.+?): (?:Value error, )?'(.*)' is not one of (.+)\.$",
        "ongeldige waarde '{1}' voor {0}; kies uit {2}.",
    ),
    (r"^Invalid value for (.+?): (?:Value error, )?(.+)$", "ongeldige waarde voor {0}: {1}"),
)
_REASONS = (
    (r"^Input should be less than or equal to (\S+?)\.?$", "hoogstens {0}."),
    (r"^Input should be greater than or equal to (\S+?)\.?$", "minstens {0}."),
    (r"^Input should be less than (\S+?)\.?$", "kleiner dan {0}."),
    (r"^Input should be greater than (\S+?)\.?$", "groter dan {0}."),
    (r"^Input should be a valid integer.*$", "verwacht een geheel getal."),
    (r"^Input should be a valid number.*$", "verwacht een getal."),
    (r"^Input should be a valid boolean.*$", "verwacht ja of nee (true/false)."),
    (r"^'(.*)' is not a valid integer(?: range)?\.?$", "'{0}' is geen geheel getal."),
)
"""The reasons inside 'Invalid value for …: reason' (typer checks numbers with pydantic)."""


_DID_YOU_MEAN = re.compile(r"\s*\(?(?:Did you mean|Possible options:) (.+?)\??\)?\s*$")


def usage_message(message: str) -> str:
    """Translate a click/typer usage-error message; unknown ones are kept as they are."""
    message = message.strip()
    suggestion = ""
    found = _DID_YOU_MEAN.search(message)
    if found:
        suggestion = f" Bedoelde u {found.group(1)}?"
        message = message[: found.start()]
    for pattern, template in _USAGE_ERRORS:
        match = re.match(pattern, message, re.DOTALL)
        if match:
            return template.format(*map(_reason, match.groups())) + suggestion
    return message + suggestion


def _reason(part: str) -> str:
    """A part of a message in Dutch, where it is one of the reasons typer gives."""
    for pattern, template in _REASONS:
        match = re.match(pattern, part.strip(), re.DOTALL)
        if match:
            return template.format(*match.groups())
    return part


COMPLETION_HELP = {
    "install_completion": "Installeer het aanvullen met Tab voor de huidige shell.",
    "show_completion": (
        "Toon het aanvulscript voor de huidige shell (om te kopiëren of aan te passen)."
    ),
}


def _dutch_completion_options() -> None:
    """typer's --install-completion and --show-completion, with Dutch help."""
    import typer.main

    original: Any = typer.main.get_install_completion_arguments
    if getattr(original, "_wijzer", False):
        return

    def arguments() -> Any:
        params = original()
        for param in params:
            param.help = COMPLETION_HELP.get(param.name or "", param.help)
        return params

    arguments._wijzer = True  # type: ignore[attr-defined]
    typer.main.get_install_completion_arguments = arguments


def install() -> None:
    """Put Dutch texts into typer's help output (called once, before the app runs)."""
    _dutch_completion_options()
    try:
        from typer._click import decorators, formatting
    except ImportError:  # pragma: no cover - another typer layout: English help remains
        return
    original_help_option: Any = decorators.help_option
    if getattr(original_help_option, "_wijzer", False):
        return

    def help_option(*args: Any, **kwargs: Any) -> Any:
        decorator = original_help_option(*args, **kwargs)

        def apply(target: Any) -> Any:
            result = decorator(target)
            params = getattr(target, "params", None) or getattr(target, "__click_params__", [])
            if params:
                params[-1].help = HELP_OPTION_TEXT
            return result

        return apply

    help_option._wijzer = True  # type: ignore[attr-defined]
    decorators.help_option = help_option
    original_write_usage: Any = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


_TYPE_NAMES = {
    "bool": None,  # a switch takes no value: nothing to show
    "str": "tekst",
    "int": "getal",
    "int range": "getal",
    "float": "getal",
    "float range": "getal",
    "path": "pad",
    "file": "bestand",
    "directory": "map",
}
"""typer's value-type labels ('<int range>') in Dutch; a list ('<list[str]>') shows its
element type; unknown labels (choices such as '<tabel|json>') stay as they are."""


def dutch_type(label: str | None) -> str | None:
    """A typer value-type label in Dutch, or None where nothing needs to be shown."""
    if label is None or not (label.startswith("<") and label.endswith(">")):
        return label
    inner = label[1:-1]
    listed = inner.startswith("list[") and inner.endswith("]")
    if listed:
        inner = inner[5:-1]
    if inner not in _TYPE_NAMES:
        return label
    name = _TYPE_NAMES[inner]
    if name is None or (listed and inner == "str"):  # arguments already show their name
        return None
    return f"<{name}>"


def install_rich_help() -> None:
    """Dutch panel titles and type names for typer's Rich help (only imported when help
    is shown)."""
    try:
        from typer import core, rich_utils
    except ImportError:  # pragma: no cover - typer without Rich help
        return
    for name, text in _PANEL_TITLES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    for kind in (getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)):
        shown = getattr(kind, "display_type_rich", None)
        if shown is None or getattr(shown, "_wijzer", False):
            continue

        def in_dutch(self: Any, ctx: Any, _shown: Any = shown) -> str | None:
            return dutch_type(_shown(self, ctx=ctx))

        in_dutch._wijzer = True  # type: ignore[attr-defined]
        kind.display_type_rich = in_dutch  # type: ignore[union-attr]
    highlighter = getattr(rich_utils, "OptionHighlighter", None)
    if highlighter is not None:
        highlighter.highlights = [
            *highlighter.highlights[:-1],
            r"(?P<usage>Gebruik: )",
        ]
