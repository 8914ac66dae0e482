"""A quick reader for the plain YAML that answer files are written in.

Answer files use a small part of YAML: block mappings with plain keys, nested by
indentation; values that are plain words, simple quoted strings, one-line lists in
brackets or `- item` lists; blank lines and comments. For such a text this reader gives
exactly the data (and first line) that the full reader in `wijzer.yamlio` gives, in a
fraction of the time: a batch reads thousands of files, and libyaml's parser with
PyYAML's node objects costs more than all the rest of parsing an answer file.

Anything else — other characters, anchors, tags, block scalars, multi-line or escaped
strings, several documents, duplicate keys, odd indentation, values that are not plain
strings, numbers, booleans, dates or nulls, sizes near the limits, and every syntax error
— it declines (returns None), and the full reader reads the text, with its limits and its
located error messages. tests/test_quickyaml.py holds the two readers to the same result.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

_ALLOWED = re.compile(
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
"""Line feeds and printable characters; no tabs, carriage returns, control characters,
other line breaks (NEL, LS, PS) or byte-order marks, which YAML treats in its own ways."""

_LINE = re.compile(r"^( *)(?:([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?|(-)(?: (.*))?|#.*|(.+))?$", re.M)
"""One line: its indentation, then a `key:` with what follows it, a `- ` list item, a
comment, or something else (which this reader declines); blank lines match with nothing."""
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?')
_SINGLE = re.compile(r"'([^']*)'(?: +#.*)?")
_FLOW = re.compile(r"\[([^\[\]{}#'\":?]*)\](?: +#.*)?")
_MAX_LINES = 4096
"""Longer texts are left to the full reader (an answer file has a few dozen lines)."""
_MAX_KEY = 1024
"""libyaml refuses a longer key (a 'simple key' may span at most 1024 characters)."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a plain scalar may not start with (or, for '-', '?' and ':', only in ways
this reader leaves to the full one)."""

STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_CONSTRUCT = {
    tag: yaml.constructor.SafeConstructor.yaml_constructors[tag]
    for tag in (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp"))
}


def scalar_value(node: yaml.ScalarNode) -> Any:
    """A scalar's value as YAML's safe loader makes it, for the tags both readers accept
    (str, int, float, bool, null, timestamp): LookupError for any other tag, ValueError
    or a YAMLError for a text its tag refuses."""
    if node.tag == STR:
        return node.value
    construct = _CONSTRUCT.get(node.tag)
    if construct is None:
        raise LookupError(node.tag)
    return construct(_constructor, node)


class _Declined(Exception):
    """The text is outside what this reader knows: leave it to the full reader."""


class _Value(NamedTuple):
    """What the text after `key:` or `- ` reads as: a scalar, a bracketed list (kept as a
    tuple: values are shared between documents), or nothing (`nodes` is 0)."""

    value: Any
    is_list: bool
    nodes: int


_NOTHING = _Value(None, False, 0)


MEMO_TEXT = 64
"""Scalar texts up to this length are memoised where they are read (what a value reads
as, here; a scalar's tag, here and in `wijzer.yamlio`): answer files repeat the same few
words. Longer texts are read each time: they rarely repeat, and must not pile up. Both
memos are of pure functions of the text, bounded (`functools.lru_cache`)."""
MEMO_SIZE = 4096


def _value(text: str) -> _Value:
    """What a value's text reads as (memoised when short)."""
    return _short_value(text) if len(text) <= MEMO_TEXT else _read_value(text)


def _read_value(text: str) -> _Value:
    """A one-line value: plain, simply quoted, or a bracketed list of plain words."""
    text = text.strip(" ")
    if not text or text[0] == "#":
        return _NOTHING
    first = text[0]
    if first == '"' or first == "'":
        quoted = (_DOUBLE if first == '"' else _SINGLE).fullmatch(text)
        if quoted is None:
            raise _Declined
        return _Value(quoted[1], False, 1)
    if first == "[":
        flow = _FLOW.fullmatch(text)
        if flow is None:
            raise _Declined
        inner = flow[1].strip(" ")
        items = inner.split(",") if inner else []
        return _Value(tuple(_plain(item.strip(" ")) for item in items), True, 1 + len(items))
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment].rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise _Declined
    return _Value(_plain(text), False, 1)


_short_value = lru_cache(maxsize=MEMO_SIZE)(_read_value)


def resolve_plain(text: str) -> str:
    """The tag YAML's safe loader gives `text` as a plain scalar (STR for a string)."""
    return scalar_tag(text, True) if len(text) <= MEMO_TEXT else _tag(text, True)


def _tag(text: str, plain: bool) -> str:
    # Without path resolvers (the safe loader has none) a scalar's tag depends only on
    # its text and on whether it was plain.
    return str(_resolver.resolve(yaml.ScalarNode, text, (plain, not plain)))  # type: ignore[no-untyped-call]


scalar_tag = lru_cache(maxsize=MEMO_SIZE)(_tag)
"""The tag YAML's safe loader gives a scalar (`plain`: written without quotes), memoised:
call it for texts up to MEMO_TEXT long."""


def _plain(text: str) -> Any:
    """A plain scalar's value, resolved as YAML's safe loader resolves it."""
    if not text or text[0] in _INDICATORS:
        raise _Declined
    tag = resolve_plain(text)
    if tag == STR:
        return text
    try:
        return scalar_value(yaml.ScalarNode(tag, text))
    except (LookupError, yaml.YAMLError, ValueError):
        raise _Declined from None


def read(text: str, max_depth: int, max_nodes: int) -> tuple[Any, int] | None:
    """The data of a one-document text whose top is a block mapping, and the line it starts
    on; None when the text is not plain enough for this reader."""
    if "\r" in text:  # Windows line ends are line ends; a lone CR is left to libyaml
        text = text.replace("\r\n", "\n")
    if text.count("\n") > _MAX_LINES or _ALLOWED.fullmatch(text) is None:
        return None
    try:
        return _read(_LINE.findall(text), max_depth, max_nodes)
    except _Declined:
        return None


def _read(rows: list[tuple[str, ...]], max_depth: int, max_nodes: int) -> tuple[Any, int] | None:
    """Nesting by indentation, with a stack of open blocks (mappings and lists), each with
    its indentation; a `key:` with nothing after it waits for what the next line opens."""
    first = 0
    root: dict[str, Any] = {}
    outer: list[tuple[Any, int]] = []
    block: Any = root  # the innermost open mapping or list
    indent = -1
    waiting: str | None = None  # a key whose value is on the lines below
    nodes = 1
    known = _short_value
    for number, (spaces, key, rest, dash, item, other) in enumerate(rows, 1):
        if other:
            return None
        if not key and not dash:
            continue  # blank or comment
        at = len(spaces)
        if indent < 0:  # the first line opens the top mapping
            if dash:
                return None
            first, indent = number, at
        elif waiting is not None:
            if at > indent or (at == indent and dash):
                opened: Any = [] if dash else {}
                block[waiting] = opened
                outer.append((block, indent))
                if len(outer) >= max_depth:
                    return None
                block, indent = opened, at
            else:
                block[waiting] = None
            waiting = None
        in_list = type(block) is list
        if at != indent or (dash and not in_list) or (key and in_list):
            # Leave finished blocks: back to an outer indentation, or from a list at its
            # key's own indentation to that mapping's next key.
            if at > indent:
                return None
            while outer and (at < indent or (key and type(block) is list)):
                block, indent = outer.pop()
            in_list = type(block) is list
            if at != indent or (dash and not in_list) or (key and in_list):
                return None
        text = item or rest
        found = known(text) if len(text) <= MEMO_TEXT else _read_value(text)
        if dash:
            if not found.nodes:
                return None
            block.append(list(found.value) if found.is_list else found.value)
        else:
            if key in block or len(key) > _MAX_KEY or type(_value(key).value) is not str:
                return None
            if not found.nodes:
                waiting = key
                continue
            block[key] = list(found.value) if found.is_list else found.value
        nodes += found.nodes
    if indent < 0 or nodes * 2 > max_nodes:
        return None
    if waiting is not None:
        block[waiting] = None
    return root, first
