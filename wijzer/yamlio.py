"""The one place where YAML is read: safely, with line numbers and hard limits.

libyaml (when available) composes the node tree in C; walking it we bound the nesting
depth and the number of nodes after alias expansion, so an alias bomb is refused before
it grows, and refuse tags, complex keys and duplicate keys. The tree is kept beside the
data, so a problem found later can still be pointed at its line.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from wijzer import quickyaml, texts
from wijzer.errors import InputError
from wijzer.printable import STDIN_SOURCE, has_control, is_stdin, shown_path

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader (libyaml's when available), with short scalars' tags memoised
    (`quickyaml.scalar_tag`): answer files repeat the same few words (keys, option ids)
    over and over, and resolving each one anew runs a handful of regular expressions in
    Python per scalar."""

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or len(value) > quickyaml.MEMO_TEXT:
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
        return quickyaml.scalar_tag(value, implicit[0])


PathKey = tuple[str | int, ...]

_NULL = "tag:yaml.org,2002:null"
_NULL_TEXTS = frozenset(("", "~", "null", "Null", "NULL"))
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Limits:
    """Hard limits for one input: bytes before parsing, nesting depth, nodes after aliases."""

    max_bytes: int = 256 * 1024
    max_depth: int = 40
    max_nodes: int = 10_000


ANSWER_LIMITS = Limits()
"""One answer file: a real one is a few KiB with under a hundred nodes."""
RULESET_LIMITS = Limits(max_bytes=1024 * 1024, max_depth=60, max_nodes=200_000)
"""A rule set: the default one is about 60 KiB and 5,000 nodes."""


@dataclass(frozen=True)
class YamlDocument:
    """One parsed YAML document, with its composed node tree for finding lines.

    Lines are only needed to explain a problem, so they are looked up on demand by walking
    the node tree along a path, instead of being recorded for every node while parsing.
    """

    data: Any
    source: str
    line: int
    node: Any = None
    text: str | None = None
    """Set instead of `node` when the quick reader read the document: the tree is then
    composed only when a line is asked for (that is, for an error message)."""
    offset: int = 0
    """Lines before the text the document was parsed from (its place in a stream)."""

    @cached_property
    def tree(self) -> Any:
        """The composed node tree: as parsed, or composed once from `text` when first
        asked for (a file with many problems asks once per problem)."""
        if self.node is None and self.text is not None:
            try:
                return yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:  # the quick reader read what libyaml will not: no lines
                return None
        return self.node

    def line_of(self, path: PathKey) -> int:
        """The 1-based line of the node at `path` (a mapping entry: its key's line), or of
        its nearest ancestor that exists."""
        node, line = self.tree, self.line
        for part in path:
            if isinstance(node, yaml.MappingNode):
                entry = next(
                    ((k, v) for k, v in node.value if _plain_key(k) == part and part is not None),
                    None,
                )
                if entry is None:
                    break
                line, node = entry[0].start_mark.line + 1 + self.offset, entry[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1 + self.offset
            else:
                break
        return line


def _plain_key(node: Any) -> Any:
    """A mapping key as the data has it (only scalar keys occur: others are refused)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    try:
        return quickyaml.scalar_value(node)
    except Exception:  # any value its tag refuses (see _Walker.scalar) is no key to find
        return None


_STREAM = re.compile(r"-|/dev/stdin|/dev/fd/\d+|/proc/(?:self|\d+)/fd/\d+")
"""Names of streams that the user hands over on purpose: standard input, and pipes such
as a shell's `<(...)`. They are read as they come, like standard input."""
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""A FIFO opens at once instead of waiting for a writer; a terminal does not become ours."""
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_stream(name: str) -> bool:
    """Whether a name is standard input or a pipe handed over by name (`<(...)`)."""
    return _STREAM.fullmatch(name) is not None


def open_stream(name: str, source: str) -> BinaryIO:
    """A stream given by name (see `is_stream`), opened for reading as it comes."""
    try:
        return open(name, "rb")  # noqa: PTH123 - the caller closes it
    except OSError as exc:
        raise InputError.single(
            source, texts.FILE_OS_ERROR.format(reason=texts.os_reason(exc))
        ) from None


def source_name(path: str | Path) -> str:
    """How problems name an input: `<stdin>` for '-', else the path, printable."""
    return STDIN_SOURCE if is_stdin(path) else shown_path(path)


def shorten(text: str, width: int = 40) -> str:
    """A value from a file, cut to a length that fits in a message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def read_bytes(
    path: str | Path,
    limits: Limits = ANSWER_LIMITS,
    *,
    within: str | None = None,
    source: str | None = None,
) -> bytes:
    """Read a regular file, or standard input for '-' (also /dev/stdin and /dev/fd/N);
    more than the size limit is never read. Anything else (a FIFO, a device, a socket)
    is refused without waiting for it. `within`: a folder the file must be in (one found
    by walking it): it is opened without following a link, and what was opened is
    checked to lie there. `source` names the file in problems (default: `path`)."""
    name = os.fspath(path)
    source = source or source_name(name)
    if is_stdin(name):
        return _within(sys.stdin.buffer.read(limits.max_bytes + 1), 0, source, limits)
    try:
        fd = os.open(name, _OPEN_FLAGS | (_NO_FOLLOW if within is not None else 0))
    except OSError as exc:
        if within is not None and exc.errno == errno.ELOOP:
            raise InputError.single(source, texts.LINK_SWAPPED) from None
        raise _unreadable(exc, name, source) from None
    try:
        if within is not None and not _opened_within(fd, name, within):
            message = texts.LINK_OUTSIDE.format(folder=shown_path(within))
            raise InputError.single(source, message)
        found = os.fstat(fd)
        if stat.S_ISDIR(found.st_mode):
            raise InputError.single(source, texts.FILE_IS_DIR)
        if not stat.S_ISREG(found.st_mode):
            if not is_stream(name):
                raise InputError.single(source, texts.FILE_NOT_REGULAR)
            os.set_blocking(fd, True)
            return _within(_read_up_to(fd, limits.max_bytes + 1), 0, source, limits)
        # Ask for the file's own size (plus a byte, to notice growth): asking for the
        # limit would allocate 256 KiB for every small file.
        size = found.st_size
        wanted = min(size, limits.max_bytes) + 1 if size else limits.max_bytes + 1
        data = _read_up_to(fd, wanted)
        if len(data) == wanted <= limits.max_bytes:  # it grew while we read
            data += _read_up_to(fd, limits.max_bytes + 1 - len(data))
    except OSError as exc:
        raise InputError.single(
            source, texts.FILE_OS_ERROR.format(reason=texts.os_reason(exc))
        ) from None
    finally:
        os.close(fd)
    return _within(data, size, source, limits)


def _unreadable(exc: OSError, name: str, source: str) -> InputError:
    """Why a file could not be opened, as its problem."""
    if isinstance(exc, IsADirectoryError):
        return InputError.single(source, texts.FILE_IS_DIR)
    if isinstance(exc, FileNotFoundError):
        return InputError.single(source, texts.FILE_NOT_FOUND)
    if isinstance(exc, PermissionError):
        folder = os.path.isdir(name)  # noqa: PTH112 - unlike Path.is_dir, never raises
        message = texts.FOLDER_NOT_READABLE if folder else texts.FILE_NOT_READABLE
        return InputError.single(source, message)
    return InputError.single(source, texts.FILE_OS_ERROR.format(reason=texts.os_reason(exc)))


def _opened_within(fd: int, name: str, folder: str) -> bool:
    """Whether the file open at `fd` lies in `folder`: asked of the open file itself
    where the system tells (Linux), so no folder swapped on the way can mislead it."""
    try:
        real = os.readlink(f"/proc/self/fd/{fd}")  # noqa: PTH115
    except OSError:
        real = os.path.realpath(name)
    return os.path.commonpath((real, folder)) == folder


def _read_up_to(fd: int, wanted: int) -> bytes:
    """Up to `wanted` bytes, fewer only at the end (a pipe may hand them out in parts)."""
    data = os.read(fd, wanted)
    if len(data) == wanted or not data:
        return data
    parts = [data]
    while wanted > (got := sum(map(len, parts))) and (more := os.read(fd, wanted - got)):
        parts.append(more)
    return b"".join(parts)


def _within(data: bytes, size: int, source: str, limits: Limits) -> bytes:
    if len(data) > limits.max_bytes:
        raise InputError.single(
            source, texts.FILE_TOO_BIG.format(size=max(size, len(data)), max=limits.max_bytes)
        )
    return data


_UTF16 = (b"\xff\xfe", b"\xfe\xff")
"""The byte-order marks of UTF-16."""


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 text; binary or otherwise encoded content gets a located error."""
    if data.startswith(_UTF16):
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


def parse(
    text: str, source: str, limits: Limits = ANSWER_LIMITS, quick: bool = True
) -> list[YamlDocument]:
    """Parse all documents of a YAML text; any syntax or limit violation is an InputError.

    Plain one-document texts (what answer files are) are read by `wijzer.quickyaml`, which
    gives the same data several times faster and declines everything else; `quick=False`
    always uses the full reader.
    """
    return list(documents(text, source, limits, quick))


def documents(
    text: str, source: str, limits: Limits = ANSWER_LIMITS, quick: bool = True
) -> Iterator[YamlDocument]:
    """The documents of a YAML text one at a time, so that a long stream is never held
    whole as node trees; a syntax or limit violation raises InputError where it is met."""
    if quick:
        found = quickyaml.read(text, limits.max_depth, limits.max_nodes)
        if found is not None:
            yield YamlDocument(found[0], source, found[1], text=text)
            return
    loader = _Loader(text)
    escapes = "\\" in text or "\x85" in text
    try:
        while loader.check_node():
            node = loader.get_node()
            yield _Walker(source, limits, escapes).document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = texts.yaml_problem(exc.problem or exc.context or "")
        if mark is not None and _long_key(text, mark.line, mark.column):
            message = texts.YAML_KEY_TOO_LONG
        raise InputError.single(source, message, line=line) from None
    except yaml.reader.ReaderError as exc:  # a forbidden character: a position, no mark
        line = text.count("\n", 0, max(0, exc.position)) + 1
        raise InputError.single(source, texts.yaml_problem(str(exc)), line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.single(source, texts.yaml_problem(str(exc))) from None
    except RecursionError:  # only without libyaml: the pure-Python composer recurses
        raise InputError.single(source, texts.YAML_TOO_DEEP.format(max=limits.max_depth)) from None
    finally:
        loader.dispose()


def _long_key(text: str, line: int, column: int) -> bool:
    """Whether libyaml stopped at a ':' after more than 1,024 characters of a key (the
    longest key it reads): its own message then speaks of something else."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if not start:
            return False
    before = text[start : start + column]
    return len(before.lstrip()) > 1024 and text[start + column : start + column + 1] == ":"


def stream_documents(
    stream: BinaryIO, source: str, limits: Limits = ANSWER_LIMITS
) -> Iterator[YamlDocument | InputError]:
    """The documents of a YAML stream, each read, decoded and parsed on its own as it comes
    (`---` at the start of a line always starts a document, so the split is exact). A
    document is at most `limits.max_bytes`: memory stays within that however long the
    stream is, or however long one of its lines. A bad document is its InputError, and
    the stream goes on with the next one."""
    for start, data in _split(stream, limits.max_bytes):
        if data is None:
            yield InputError.single(
                source, texts.DOCUMENT_TOO_BIG.format(max=limits.max_bytes), line=start
            )
            continue
        try:
            text = decode(data, source)
        except InputError as exc:
            yield exc.shifted(start - 1)
            if data.startswith(_UTF16):
                return  # the whole stream is in another encoding: nothing more to read
            continue
        try:
            for doc in documents(text, source, limits):
                yield replace(doc, line=doc.line + start - 1, offset=start - 1)
        except InputError as exc:
            yield exc.shifted(start - 1)


def has_markers(data: bytes) -> bool:
    """Whether a text may hold `---` or `...` lines (several documents)."""
    return data.startswith((b"---", b"...")) or b"\n---" in data or b"\n..." in data


def _split(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(first line, bytes) of each document in a stream; None instead of the bytes of a
    document larger than `max_bytes`, which are skipped rather than kept."""
    parts: list[bytes] = []
    size, start, line = 0, 1, 1
    preamble = True  # only directives, comments and blank lines so far: `---` joins them
    at_start = True  # at the start of a line (a line longer than max_bytes comes in pieces)
    while piece := stream.readline(max_bytes + 1):
        marker = piece[:3] if at_start and _MARKER.match(piece) else None
        if marker == b"---":
            if not preamble:  # content or a marker before it: this line starts the next one
                yield start, _joined(parts, size, max_bytes)
                parts, size, start = [], 0, line
            if size == 0 and piece.rstrip(b"\r\n") == b"---":
                piece = b"\n"  # a bare marker first reads as an empty line does, and quickly
            preamble = False
        elif preamble and not (at_start and _PREAMBLE.match(piece)):
            preamble = False
        size += len(piece)
        if size <= max_bytes:
            parts.append(piece)
        else:
            parts = []  # too big: only counted from here on, up to the next document
        at_start = piece.endswith(b"\n")
        if at_start:
            line += 1
        if marker == b"..." and at_start:
            yield start, _joined(parts, size, max_bytes)
            parts, size, start, preamble = [], 0, line, True
    if parts or size:
        yield start, _joined(parts, size, max_bytes)


_MARKER = re.compile(rb"(?:---|\.\.\.)(?:[ \t\r\n]|$)")
_PREAMBLE = re.compile(rb"[ \t]*(?:#.*|%.*)?\r?\n?$")


def _joined(parts: list[bytes], size: int, max_bytes: int) -> bytes | None:
    return None if size > max_bytes else b"".join(parts)


def load_file(path: Path, limits: Limits = ANSWER_LIMITS) -> list[YamlDocument]:
    """Read, decode and parse a YAML file (or stdin for '-')."""
    source = source_name(path)
    return parse(decode(read_bytes(path, limits), source), source, limits)


class _Walker:
    """Turns a composed node tree into Python data plus a line map, within limits.

    libyaml composes the tree in C (and refuses nesting beyond 1000 levels itself); an
    alias is the same node object reached twice, so counting every visit bounds the
    expanded size and stops an alias bomb before it grows.
    """

    def __init__(self, source: str, limits: Limits, escapes: bool = True) -> None:
        self.source = source
        self.limits = limits
        self.visited = 0
        self.escapes = escapes
        """Whether the text may hold escapes or NEL, which can make control characters:
        without them YAML's reader has refused every control character already."""

    def _fail(self, message: str, node: Any) -> InputError:
        return InputError.single(self.source, message, line=node.start_mark.line + 1)

    def document(self, node: Any) -> YamlDocument:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value in _NULL_TEXTS:
            return YamlDocument(None, self.source, line, {(): line})
        return YamlDocument(self.build(node, 0), self.source, line, node)

    def build(self, node: Any, depth: int) -> Any:
        self.visited += 1
        if self.visited > self.limits.max_nodes:
            raise self._fail(texts.YAML_TOO_MANY_NODES.format(max=self.limits.max_nodes), node)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if depth >= self.limits.max_depth:
            raise self._fail(texts.YAML_TOO_DEEP.format(max=self.limits.max_depth), node)
        if kind is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self._fail(texts.YAML_BAD_TAG.format(tag=node.tag), node)
            return [self.build(child, depth + 1) for child in node.value]
        if node.tag != _MAP:
            raise self._fail(texts.YAML_BAD_TAG.format(tag=node.tag), node)
        mapping: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise self._fail(texts.YAML_COMPLEX_KEY, key_node)
            if key_node.tag == _MERGE_TAG:
                self.merge(merged, self.build(value_node, depth + 1), value_node)
                continue
            key = self.scalar(key_node)
            if key in mapping:
                raise self._fail(texts.YAML_DUPLICATE_KEY.format(key=key), key_node)
            mapping[key] = self.build(value_node, depth + 1)
        for key, value in merged.items():
            mapping.setdefault(key, value)
        return mapping

    def merge(self, into: dict[Any, Any], value: Any, node: Any) -> None:
        for source in value if isinstance(value, list) else [value]:
            if not isinstance(source, dict):
                raise self._fail(texts.YAML_BAD_MERGE, node)
            for key, item in source.items():
                into.setdefault(key, item)

    def scalar(self, node: Any) -> Any:
        try:
            value = quickyaml.scalar_value(node)
        except LookupError:
            raise self._fail(texts.YAML_BAD_TAG.format(tag=node.tag), node) from None
        except Exception:  # a constructor meets text it was not made for: any error
            shown = shorten(node.value)
            raise self._fail(
                texts.YAML_BAD_SCALAR.format(value=shown, tag=node.tag), node
            ) from None
        if type(value) is str and self.escapes:
            char = has_control(value)
            if char is not None:
                raise self._fail(texts.YAML_CONTROL.format(char=char), node)
        return value
