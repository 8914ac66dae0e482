"""The terminal adapter for the interview: questionary prompts behind the `Asker` protocol.

Only the interactive path imports this module, so questionary and prompt_toolkit are never
loaded by `--antwoorden` runs or other commands. Ctrl-C raises KeyboardInterrupt (we use
`unsafe_ask`, which does not turn an interrupt into None).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.formatted_text import to_formatted_text
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.layout.controls import FormattedTextControl
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wijzer import texts
from wijzer.conditions import UNKNOWN
from wijzer.interview import CONFIRM, Nav, ReviewRow, Stopped
from wijzer.ruleset import Question, RuleSet

_BACK = "__wijzer_terug__"
_HELP = "__wijzer_uitleg__"
_DONE = "__wijzer_klaar__"


class Spot(NamedTuple):
    """Where the user was in a question when they asked for help: the highlighted option
    and, in a multiple choice, the ticked ones; the question comes back just so."""

    pointer: str | None
    ticked: tuple[str, ...] = ()


def _inquirer(question: Any) -> InquirerControl | None:
    """The options' control of a questionary prompt."""
    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window.content
    return None


def _spot(control: InquirerControl | None) -> Spot:
    if control is None:
        return Spot(None)
    pointed = control.get_pointed_at()
    ticked = tuple(v for v in control.selected_options if v not in (_BACK, _HELP))
    return Spot(getattr(pointed, "value", None), ticked)


def _navigation_keys(question: Any, *, exclusive: str | None = None) -> Any:
    """Add ← (back) and ? (help, which keeps the highlight and the ticks) to a questionary
    prompt. In a multiple choice, `exclusive` is the option that stands alone: ticking it
    unticks the others, ticking another unticks it."""
    keys = KeyBindings()
    control = _inquirer(question)

    @keys.add("left")
    @keys.add("escape")  # Esc goes back too, as in most dialogs
    def _back(event: Any) -> None:
        event.app.exit(result=_BACK)

    @keys.add("?")
    def _help(event: Any) -> None:
        event.app.exit(result=(_HELP, _spot(control)))

    if exclusive is not None and control is not None:

        @keys.add(" ", eager=True)  # questionary binds the space eagerly too
        def _tick(event: Any) -> None:
            pointed = getattr(control.get_pointed_at(), "value", None)
            if pointed is None or pointed in (_BACK, _HELP):
                return
            chosen = control.selected_options
            if pointed in chosen:
                chosen.remove(pointed)
            elif pointed == exclusive:
                chosen[:] = [pointed]
            else:
                chosen[:] = [v for v in chosen if v != exclusive] + [pointed]

    return _with_keys(question, keys)


def _with_keys(question: Any, keys: KeyBindings | None = None) -> Any:
    """A questionary prompt with extra key bindings, which win over its own. Ctrl-D
    stops the interview as Ctrl-C does (the draft is kept), on every prompt. The prompt
    says in Dutch what questionary says in English (see `_dutch`)."""
    stop = KeyBindings()

    @stop.add("c-d")
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, stop, *([keys] if keys else [])])
    sessions: set[int] = set()
    for window in app.layout.find_all_windows():
        control = window.content
        if isinstance(control, FormattedTextControl):
            control.text = _dutch(control.text)  # the options, and what is under them
        # The question line (and its answer, once given) is the prompt session's message,
        # drawn as the prefix of its input line.
        prefix = getattr(window, "get_line_prefix", None)
        session = getattr(getattr(prefix, "func", None), "__self__", None)
        if isinstance(session, PromptSession) and id(session) not in sessions:
            sessions.add(id(session))
            session.message = _dutch(session.message)
    return question


_SELECTIONS = re.compile(r"done \((\d+) selections\)")


def _dutch(text: Any) -> Any:
    """Formatted text with questionary's own English in Dutch (questionary 2.x writes
    'done', 'done (3 selections)', '[Alle inwoners]' for an answered checkbox and
    '  Description: …' under a highlighted option). Only those exact fragments change;
    anything else, and text of another questionary version, passes as it is."""

    def translate(fragment: tuple[Any, ...]) -> tuple[Any, ...]:
        style, value = fragment[0], fragment[1]
        if style == "class:answer" and isinstance(value, str):
            if value == "done":
                value = texts.CHECKBOX_NONE
            elif match := _SELECTIONS.fullmatch(value):
                value = texts.CHECKBOX_MANY.format(count=match.group(1))
            elif value.startswith("[") and value.endswith("]"):
                value = value[1:-1]
        elif style == "class:text" and isinstance(value, str) and value.startswith(_DESCRIPTION):
            value = "  " + value.removeprefix(_DESCRIPTION)
        return (style, value, *fragment[2:])

    def dutch() -> Any:
        return [translate(f) for f in to_formatted_text(text)]

    return dutch


_DESCRIPTION = "  Description: "


class TerminalAsker:
    """Asks the interview's questions in a terminal, one at a time."""

    def __init__(self, rs: RuleSet, console: Console) -> None:
        self.rs = rs
        self.console = console
        self._edited: str | None = None
        """The answer last chosen on the review screen: the cursor comes back to it."""

    # --- the Asker protocol --------------------------------------------------------------
    def ask(
        self, question: Question, number: int, total: int, current: tuple[str, ...] | None
    ) -> tuple[str, ...] | Nav:
        """Ask until an answer or `Nav.BACK` comes; help is shown in between."""
        message = texts.QUESTION_PROGRESS.format(number=number, total=total, text=question.tekst)
        spot: Spot | None = None
        while True:
            if question.meerkeuze:
                result = self._checkbox(question, message, current, spot)
            else:
                result = self._select(question, message, current, spot)
            if isinstance(result, tuple) and result and result[0] == _HELP:
                spot = result[1]
                self._show_help(question)
                continue
            if result == _HELP:
                spot = Spot(_HELP, spot.ticked if spot else ())
                self._show_help(question)
                continue
            if result == _BACK:
                if number == 1:
                    self.console.print(Text(texts.FIRST_QUESTION, style="dim"))
                return Nav.BACK
            return tuple(result) if isinstance(result, list) else (str(result),)

    def review(self, rows: list[ReviewRow]) -> str | None:
        """Show all answers in a table; return a question to change, or CONFIRM."""
        table = Table(title=texts.REVIEW_TITLE, title_justify="left", show_lines=False)
        for column in texts.REVIEW_COLUMNS:
            table.add_column(column)
        for row in rows:
            answer = self.rs.answer_label(row.question.id, row.answer)
            table.add_row(Text(row.question.label()), Text(answer), Text(row.source))
        # The choices below repeat every answer; the table only helps when there is room.
        if self.console.height >= 2 * len(rows) + 14:
            self.console.print(table)
        choices: list[Any] = [Choice(texts.REVIEW_CONFIRM, value=_DONE)]
        for row in rows:
            label = row.question.label()
            if row.editable:
                answer = self.rs.answer_label(row.question.id, row.answer)
                if row.question.meerkeuze and len(row.answer) > 1:
                    answer = texts.REVIEW_MANY.format(count=len(row.answer), answers=answer)
                # As much of the answer as the line has room for ("   Wijzig: label (…)").
                room = max(20, self.console.width - len(label) - 16)
                title = texts.REVIEW_EDIT.format(label=label, answer=_short(answer, room))
                choices.append(Choice(title, value=row.question.id))
            else:
                choices.append(Choice(texts.REVIEW_FIXED.format(label=label), disabled=" "))
        editable = {row.question.id for row in rows if row.editable}
        chosen = _with_keys(
            questionary.select(
                texts.REVIEW_PROMPT,
                choices=choices,
                instruction=texts.INSTRUCTION_SIMPLE,
                default=self._edited if self._edited in editable else None,
            )
        ).unsafe_ask()
        self._edited = None if chosen == _DONE else str(chosen)
        return CONFIRM if chosen == _DONE else str(chosen)

    # --- other prompts -------------------------------------------------------------------
    def text(self, message: str, default: str = "", longest: int | None = None) -> str:
        """A line of free text (at most `longest` characters: what the answer file that
        keeps it will read back). Ctrl-C and Ctrl-D stop with what was typed so far
        (`Stopped`), so that it can be kept."""

        def fits(typed: str) -> bool | str:
            if longest is not None and len(typed.strip()) > longest:
                return texts.TEXT_TOO_LONG.format(max=longest, got=len(typed.strip()))
            return True

        prompt = questionary.text(message, default=default, validate=fits)
        keys = KeyBindings()

        @keys.add("c-c")
        @keys.add("c-d")
        def _stop(event: Any) -> None:
            typed = event.app.current_buffer.text.strip()
            event.app.exit(exception=Stopped(typed[:longest] if longest else typed))

        return str(_with_keys(prompt, keys).unsafe_ask()).strip()

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no (a two-way choice, so that the answer reads in Dutch too)."""
        options = [("ja", texts.YES), ("nee", texts.NO)]
        return self.choose(message, options, default="ja" if default else "nee") == "ja"

    def choose(
        self, message: str, options: list[tuple[str, str]], default: str | None = None
    ) -> str:
        """One of several (value, title) options."""
        choices = [Choice(title, value=value) for value, title in options]
        prompt = questionary.select(
            message, choices=choices, default=default, instruction=texts.INSTRUCTION_SIMPLE
        )
        return str(_with_keys(prompt).unsafe_ask())

    def say(self, message: str) -> None:
        """A line of information (plain text: rule-set texts never count as markup)."""
        self.console.print(Text(message))

    # --- helpers -------------------------------------------------------------------------
    def _extra_choices(self, question: Question) -> list[Any]:
        assumed = (
            texts.ASSUMPTION_NOTE.format(
                assumed=self.rs.answer_label(question.id, question.aanname)
            )
            if question.aanname
            else None
        )
        return [
            Separator(),
            Choice(texts.CHOICE_UNKNOWN, value=UNKNOWN, description=assumed),
            Choice(texts.CHOICE_BACK, value=_BACK),
            Choice(texts.CHOICE_HELP, value=_HELP),
        ]

    def _select(
        self, question: Question, message: str, current: tuple[str, ...] | None, spot: Spot | None
    ) -> Any:
        choices: list[Any] = [
            Choice(o.tekst, value=o.id, description=o.uitleg or None) for o in question.opties
        ]
        choices += self._extra_choices(question)
        default = spot.pointer if spot and spot.pointer else current[0] if current else None
        prompt = questionary.select(
            message,
            choices=choices,
            default=default,
            instruction=texts.INSTRUCTION_SELECT,
            use_jk_keys=False,
        )
        return _navigation_keys(prompt).unsafe_ask()

    def _checkbox(
        self, question: Question, message: str, current: tuple[str, ...] | None, spot: Spot | None
    ) -> Any:
        """The groups to tick; '← Vorige vraag' and '? Uitleg' are keys here, no options to
        tick. Nothing ticked is asked about before it counts as 'weet ik niet'."""
        chosen = set(spot.ticked if spot is not None else current or ())
        while True:
            choices: list[Any] = [
                Choice(o.tekst, value=o.id, checked=o.id in chosen, description=o.uitleg or None)
                for o in question.opties
            ]
            choices += [
                Separator(),
                Choice(texts.CHOICE_UNKNOWN, value=UNKNOWN, checked=UNKNOWN in chosen),
            ]
            pointer = spot.pointer if spot and spot.pointer not in (None, _HELP, _BACK) else None
            prompt = questionary.checkbox(
                message,
                choices=choices,
                instruction=texts.INSTRUCTION_CHECKBOX,
                initial_choice=pointer,
            )
            result = _navigation_keys(prompt, exclusive=UNKNOWN).unsafe_ask()
            if not isinstance(result, list):
                return result  # back, or help with where the user was
            if result:
                return result
            if self.confirm(texts.NOTHING_TICKED, default=False):
                return [UNKNOWN]
            chosen, spot = set(), None

    def _show_help(self, question: Question) -> None:
        lines = Text()
        lines.append(question.tekst + "\n", style="bold")
        lines.append((question.uitleg or texts.NO_HELP) + "\n")
        for option in question.opties:
            lines.append(f"  • {option.tekst}", style="bold")
            lines.append(f" — {option.uitleg}\n" if option.uitleg else "\n")
        if question.aanname:
            assumed = self.rs.answer_label(question.id, question.aanname)
            lines.append(texts.ASSUMPTION_NOTE.format(assumed=assumed), style="italic")
        self.console.print(lines)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
