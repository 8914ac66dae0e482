"""The one place where YAML is read: safely, with line numbers and hard limits.

Documents are built from libyaml's event stream (the C parser when available) rather than
from a composed node tree. The event parser keeps its own stack, so a deeply nested
document cannot exhaust the C stack; while building we bound the nesting depth and the
number of nodes after alias expansion, so an alias bomb is refused before it grows.
Along the way every node's line is recorded, so later validation can point at a line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wijzer import texts
from wijzer.errors import InputError

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MERGE = object()
"""Stands for a plain `<<` key (a merge key), unlike a quoted '<<', which is text."""


@dataclass(frozen=True)
class Limits:
    """Hard limits for one input: bytes before parsing, nesting depth, nodes after aliases."""

    max_bytes: int = 1_048_576
    max_depth: int = 40
    max_nodes: int = 100_000


ANSWER_LIMITS = Limits()
RULESET_LIMITS = Limits(max_bytes=4 * 1_048_576, max_depth=60, max_nodes=1_000_000)


@dataclass(frozen=True)
class YamlDocument:
    """One parsed YAML document and the 1-based line of each of its nodes."""

    data: Any
    source: str
    line: int
    lines: Mapping[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int:
        """The line of the node at `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return self.line


def read_bytes(path: Path, limits: Limits = ANSWER_LIMITS) -> bytes:
    """Read a file (or stdin for '-') with a size limit checked before the content is read."""
    source = str(path)
    if source == "-":
        data = sys.stdin.buffer.read(limits.max_bytes + 1)
    else:
        try:
            if path.is_dir():
                raise InputError.single(source, texts.FILE_IS_DIR)
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise InputError.single(
                    source, texts.FILE_TOO_BIG.format(size=size, max=limits.max_bytes)
                )
            with path.open("rb") as handle:
                data = handle.read(limits.max_bytes + 1)
        except FileNotFoundError:
            raise InputError.single(source, texts.FILE_NOT_FOUND) from None
        except PermissionError:
            raise InputError.single(source, texts.FILE_NOT_READABLE) from None
        except OSError as exc:
            raise InputError.single(
                source, texts.FILE_OS_ERROR.format(reason=exc.strerror)
            ) from None
    if len(data) > limits.max_bytes:
        raise InputError.single(
            source, texts.FILE_TOO_BIG.format(size=len(data), max=limits.max_bytes)
        )
    return data


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 text; binary or otherwise encoded content gets a located error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.single(source, texts.ENCODING_UTF16, line=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError.single(source, texts.BINARY_FILE, line=data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError.single(
            source, texts.NOT_UTF8.format(byte=data[exc.start]), line=line
        ) from None


def parse(text: str, source: str, limits: Limits = ANSWER_LIMITS) -> list[YamlDocument]:
    """Parse all documents of a YAML text; any syntax or limit violation is an InputError."""
    builder = _Builder(source, limits)
    try:
        for event in _events(text):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = texts.yaml_problem(exc.problem or exc.context or "")
        raise InputError.single(source, message, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.single(source, texts.yaml_problem(str(exc))) from None
    return builder.documents


def load_file(path: Path, limits: Limits = ANSWER_LIMITS) -> list[YamlDocument]:
    """Read, decode and parse a YAML file (or stdin for '-')."""
    source = "<stdin>" if str(path) == "-" else str(path)
    return parse(decode(read_bytes(path, limits), source), source, limits)


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


@dataclass
class _Frame:
    """An open mapping or sequence while its events are being read."""

    container: Any
    path: PathKey
    line: int
    anchor: str | None
    nodes: int = 1
    key: Any = None
    key_line: int = 0
    has_key: bool = False
    merged: dict[Any, Any] = field(default_factory=dict)


class _Builder:
    """Turns an event stream into Python data plus a line map, within limits."""

    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.documents: list[YamlDocument] = []
        self._stack: list[_Frame] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._lines: dict[PathKey, int] = {}
        self._doc_line = 1
        self._root: Any = None
        self._total = 0

    def _fail(self, message: str, line: int) -> InputError:
        return InputError.single(self.source, message, line=line)

    def feed(self, event: Any) -> None:
        line = event.start_mark.line + 1
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._add(self._scalar(event, line), line, 1, event.anchor)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._check_tag(event.tag, line, mapping=kind is yaml.MappingStartEvent)
            if len(self._stack) >= self.limits.max_depth:
                raise self._fail(texts.YAML_TOO_DEEP.format(max=self.limits.max_depth), line)
            container: Any = {} if kind is yaml.MappingStartEvent else []
            self._stack.append(_Frame(container, self._child_path(), line, event.anchor))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self._stack.pop()
            for key, value in frame.merged.items():
                frame.container.setdefault(key, value)
            self._add(frame.container, frame.line, frame.nodes, frame.anchor, counted=True)
        elif kind is yaml.AliasEvent:
            if event.anchor not in self._anchors:
                raise self._fail(texts.YAML_UNKNOWN_ALIAS.format(alias=event.anchor), line)
            value, size = self._anchors[event.anchor]
            self._add(value, line, size, None)
        elif kind is yaml.DocumentStartEvent:
            self._doc_line, self._root, self._lines, self._total = line, None, {}, 0
            self._anchors = {}
        elif kind is yaml.DocumentEndEvent:
            self.documents.append(
                YamlDocument(self._root, self.source, self._doc_line, self._lines)
            )

    def _child_path(self) -> PathKey:
        if not self._stack:
            return ()
        parent = self._stack[-1]
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        return (*parent.path, parent.key) if parent.has_key else parent.path

    def _add(
        self, value: Any, line: int, size: int, anchor: str | None, counted: bool = False
    ) -> None:
        if not counted:
            self._total += size
            if self._total > self.limits.max_nodes:
                raise self._fail(texts.YAML_TOO_MANY_NODES.format(max=self.limits.max_nodes), line)
        if anchor:
            self._anchors[anchor] = (value, size)
        if not self._stack:
            self._root = value
            self._lines[()] = line
            return
        frame = self._stack[-1]
        frame.nodes += size
        if isinstance(frame.container, list):
            self._lines[(*frame.path, len(frame.container))] = line
            frame.container.append(value)
        elif not frame.has_key:
            if isinstance(value, (dict, list)):
                raise self._fail(texts.YAML_COMPLEX_KEY, line)
            if value in frame.container:
                raise self._fail(texts.YAML_DUPLICATE_KEY.format(key=value), line)
            frame.key, frame.key_line, frame.has_key = value, line, True
        else:
            frame.has_key = False
            if frame.key is _MERGE:
                self._merge(frame, value, line)
                return
            frame.container[frame.key] = value
            self._lines[(*frame.path, frame.key)] = frame.key_line

    def _merge(self, frame: _Frame, value: Any, line: int) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise self._fail(texts.YAML_BAD_MERGE, line)
            for key, item in source.items():
                frame.merged.setdefault(key, item)

    def _check_tag(self, tag: str | None, line: int, mapping: bool) -> None:
        allowed = "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq"
        if tag not in (None, "!", allowed):
            raise self._fail(texts.YAML_BAD_TAG.format(tag=tag), line)

    def _scalar(self, event: Any, line: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return event.value
            tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
        if tag == _STR:
            return event.value
        if tag == _MERGE_TAG:
            return _MERGE
        if tag not in _ALLOWED_TAGS:
            raise self._fail(texts.YAML_BAD_TAG.format(tag=tag), line)
        try:
            return _constructor.construct_object(yaml.ScalarNode(tag, event.value))
        except (yaml.YAMLError, ValueError):
            raise self._fail(
                texts.YAML_BAD_SCALAR.format(value=event.value, tag=tag), line
            ) from None
