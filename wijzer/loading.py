"""Loading rule sets and answer files: YAML -> version check -> models -> cross-checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wijzer import texts
from wijzer.answers import FORMAT_VERSION as ANSWER_FORMAT
from wijzer.answers import AnswerFile, Project, project_from
from wijzer.errors import MAX_PROBLEMS, InputError, Problem
from wijzer.references import broken_references
from wijzer.ruleset import FORMAT_VERSION as RULES_FORMAT
from wijzer.ruleset import RuleSet
from wijzer.validation import dotted, shown_value, suggestion, validate
from wijzer.yamlio import (
    ANSWER_LIMITS,
    RULESET_LIMITS,
    YamlDocument,
    load_file,
    parse,
    source_name,
)

ENV_RULES = "WIJZER_REGELS"
DEFAULT_RULES_FILE = "standaard.yaml"


def default_rules_path() -> Path:
    """The embedded default rule set: package data (`wijzer/rules/` in the wheel), or the
    source tree's `rules/` when run from a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules" / DEFAULT_RULES_FILE
    return packaged if packaged.is_file() else here.parent / "rules" / DEFAULT_RULES_FILE


def rules_path(explicit: Path | None = None) -> Path:
    """Which rule set to use: the explicit path, else $WIJZER_REGELS, else the one the
    user's config names (`wijzer config`), else the default one."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(ENV_RULES)
    if from_env:
        return Path(from_env)
    from wijzer.config import configured_rules

    return configured_rules() or default_rules_path()


def load_ruleset(path: Path | None = None, *, bounded: bool = True) -> RuleSet:
    """Load and fully check a rule set; every problem is located. `bounded` also refuses
    a rule set whose what-if search would take too long (see `ruleset_from`)."""
    path = rules_path(path)
    doc = single_document(
        load_file(path, RULESET_LIMITS), source_name(path), texts.RULESET_EXPECTED
    )
    return ruleset_from(doc, bounded=bounded)


def ruleset_from(doc: YamlDocument, *, bounded: bool = True) -> RuleSet:
    """A checked rule set from a parsed document (format version first, then the model).

    `bounded`: a group of questions that share level rules so much that finding what would
    change an advice takes more than MAX_ENUMERATION tries is refused, so that no advice
    and no batch can run for minutes. `wijzer regels controleer` loads without this check
    and reports it among its findings."""
    data = _mapping(doc, texts.RULESET_EXPECTED)
    if "wijzer_regels" not in data:
        raise InputError.single(doc.source, texts.RULESET_VERSION_MISSING, line=doc.line)
    if not _is_version(data["wijzer_regels"], RULES_FORMAT):
        got = shown_value(data["wijzer_regels"])
        raise InputError.single(
            doc.source,
            texts.RULESET_VERSION.format(got=got, supported=RULES_FORMAT),
            line=doc.line_of(("wijzer_regels",)),
        )
    rs: RuleSet = validate(RuleSet, doc)
    problems: list[Problem] = []
    omitted = 0
    for path, message, pool in broken_references(rs):
        if len(problems) == MAX_PROBLEMS:  # explained: enough; the rest is counted
            omitted += 1
            continue
        hint = suggestion(_bad(doc, path), pool) if pool else ""
        problems.append(Problem(doc.source, message, doc.line_of(path), dotted(path), hint))
    if problems:
        raise InputError(problems, omitted)
    if bounded:
        _refuse_oversized(rs, doc)
    return rs


def _refuse_oversized(rs: RuleSet, doc: YamlDocument) -> None:
    from wijzer.kernel import oversized_groups

    for questions, checks in oversized_groups(rs):
        message = texts.WHATIF_TOO_BIG.format(questions=texts.some(questions), checks=checks)
        line = doc.line_of(("regels",))
        raise InputError.single(doc.source, message, line=line, path="regels")


def _bad(doc: YamlDocument, path: tuple[str | int, ...]) -> str:
    node = doc.data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return ""
    return str(node)


def load_answers(path: Path, rs: RuleSet) -> Project:
    """Load one answer file (or stdin for '-') and check it against the rule set."""
    source = source_name(path)
    docs = load_file(path, ANSWER_LIMITS)
    doc = single_document(docs, source, texts.ANSWERS_EXPECTED, texts.BATCH_HINT)
    return project_from_document(doc, rs)


def parse_answers(text: str, rs: RuleSet, source: str = "<antwoorden>") -> Project:
    """Check an answer file given as text."""
    docs = parse(text, source, ANSWER_LIMITS)
    doc = single_document(docs, source, texts.ANSWERS_EXPECTED, texts.BATCH_HINT)
    return project_from_document(doc, rs)


def project_from_document(doc: YamlDocument, rs: RuleSet) -> Project:
    """A validated project from one parsed answer document."""
    data = _mapping(doc, texts.ANSWERS_EXPECTED)
    if "wijzer" in data and not _is_version(data["wijzer"], ANSWER_FORMAT):
        raise InputError.single(
            doc.source,
            texts.ANSWERS_VERSION.format(got=shown_value(data["wijzer"]), supported=ANSWER_FORMAT),
            line=doc.line_of(("wijzer",)),
        )
    file: AnswerFile = validate(AnswerFile, doc)
    return project_from(file, rs, doc.source, doc.line_of)


def _mapping(doc: YamlDocument, expected: str) -> dict[Any, Any]:
    """The document's top-level mapping. Anything else is named by its kind only: a file
    that is not YAML for wijzer (a password file, say) is never echoed back."""
    data = doc.data
    if data is None:
        raise InputError.single(
            doc.source, texts.EMPTY_FILE.format(expected=expected), line=doc.line
        )
    if not isinstance(data, dict):
        kind = texts.KIND_NAMES.get(type(data).__name__, texts.KIND_OTHER)
        message = texts.NOT_A_MAPPING.format(expected=expected, kind=kind)
        raise InputError.single(doc.source, message, line=doc.line)
    return data


def _is_version(value: object, supported: int) -> bool:
    """A format version is the whole number itself: not `true`, not `1.0`."""
    return type(value) is int and value == supported


def single_document(
    docs: list[YamlDocument], source: str, expected: str, hint: str = ""
) -> YamlDocument:
    """The one document a file must hold; none or several is a located error."""
    if not docs:
        raise InputError.single(source, texts.EMPTY_FILE.format(expected=expected))
    if len(docs) > 1:
        message = texts.MULTIPLE_DOCUMENTS.format(count=len(docs))
        raise InputError.single(source, message, line=docs[1].line, hint=hint)
    return docs[0]
