"""Loading rule sets and answer files: YAML -> version check -> models -> cross-checks."""

from __future__ import annotations

import os
from pathlib import Path

from wijzer import texts
from wijzer.answers import FORMAT_VERSION as ANSWER_FORMAT
from wijzer.answers import AnswerFile, Project, project_from
from wijzer.errors import InputError, Problem
from wijzer.ruleset import FORMAT_VERSION as RULES_FORMAT
from wijzer.ruleset import RuleSet, broken_references
from wijzer.validation import dotted, suggestion, validate
from wijzer.yamlio import ANSWER_LIMITS, RULESET_LIMITS, YamlDocument, load_file, parse

ENV_RULES = "WIJZER_REGELS"
DEFAULT_RULES_FILE = "standaard.yaml"


def default_rules_path() -> Path:
    """The embedded default rule set: package data (`wijzer/rules/` in the wheel), or the
    source tree's `rules/` when run from a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules" / DEFAULT_RULES_FILE
    return packaged if packaged.is_file() else here.parent / "rules" / DEFAULT_RULES_FILE


def rules_path(explicit: Path | None = None) -> Path:
    """Which rule set to use: the explicit path, else $WIJZER_REGELS, else the default one."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(ENV_RULES)
    return Path(from_env) if from_env else default_rules_path()


def load_ruleset(path: Path | None = None) -> RuleSet:
    """Load and fully check a rule set; every problem is located."""
    path = rules_path(path)
    doc = single_document(load_file(path, RULESET_LIMITS), str(path), texts.RULESET_EXPECTED)
    return ruleset_from(doc)


def ruleset_from(doc: YamlDocument) -> RuleSet:
    """A checked rule set from a parsed document (format version first, then the model)."""
    data = doc.data
    if not isinstance(data, dict):
        raise InputError.single(
            doc.source, texts.EMPTY_FILE.format(expected=texts.RULESET_EXPECTED)
        )
    if "wijzer_regels" not in data:
        raise InputError.single(doc.source, texts.RULESET_VERSION_MISSING, line=doc.line)
    if data["wijzer_regels"] != RULES_FORMAT:
        got = data["wijzer_regels"]
        raise InputError.single(
            doc.source,
            texts.RULESET_VERSION.format(got=got, supported=RULES_FORMAT),
            line=doc.line_of(("wijzer_regels",)),
        )
    rs: RuleSet = validate(RuleSet, doc)
    problems = [
        Problem(
            doc.source,
            message,
            doc.line_of(path),
            dotted(path),
            suggestion(_bad(doc, path), pool) if pool else "",
        )
        for path, message, pool in broken_references(rs)
    ]
    if problems:
        raise InputError(problems)
    return rs


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
    source = "<stdin>" if str(path) == "-" else str(path)
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
    data = doc.data
    if data is None:
        raise InputError.single(
            doc.source, texts.EMPTY_FILE.format(expected=texts.ANSWERS_EXPECTED), line=doc.line
        )
    if isinstance(data, dict) and "wijzer" in data and data["wijzer"] != ANSWER_FORMAT:
        raise InputError.single(
            doc.source,
            texts.ANSWERS_VERSION.format(got=data["wijzer"], supported=ANSWER_FORMAT),
            line=doc.line_of(("wijzer",)),
        )
    file: AnswerFile = validate(AnswerFile, doc)
    return project_from(file, rs, doc.source, doc.line_of)


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
