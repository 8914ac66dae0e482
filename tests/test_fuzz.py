"""A seeded fuzz run: 20,000 generated and mutated answer files through `load_answers`, a
whole batch and `advies`, with zero internal errors (exit 3) and every file accounted for.

`WIJZER_FUZZ=N` runs N files instead (a longer run; see docs/slechte-invoer.md), and
`WIJZER_FUZZ_SEED` another seed. A failure names the file that caused it, kept in the
test's temporary folder.
"""

from __future__ import annotations

import io
import json
import os
import random
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from tests.conftest import FULL_ANSWERS
from wijzer.cli import main
from wijzer.cli.exits import INTERNAL_ERROR
from wijzer.errors import InputError
from wijzer.loading import load_answers
from wijzer.ruleset import RuleSet

COUNT = int(os.environ.get("WIJZER_FUZZ", "20000"))
SEED = int(os.environ.get("WIJZER_FUZZ_SEED", "20261201"))

KEYS = [
    "wijzer", "project", "gemeente", "toelichting", "antwoorden", "doel", "beleidsruimte",
    "rol", "draagvlak", "middelen", "bijdrage", "impact", "initiatief", "fase",
    "doelgroepen", "thema", "weet_ik_niet", "<<", "?", "", "k" * 1100,
]  # fmt: skip
SCALARS = [
    "1", "1.0", "true", "yes", "no", "on", "null", "~", "''", '""', "0x" + "f" * 3600,
    "9" * 5000, "1e400", "-.inf", ".nan", "2024-01-01", "2024-13-45", "!!timestamp x",
    "!!binary x", "!!float x", "!!int x", "!!python/object/apply:os.system ['x']",
    "!!str", "!t x", "&a x", "*a", "*b", "[", "]", "{", "}", "'", '"', "|", ">", "- x",
    '"\\e]0;t\\e\\\\"', '"\\u2028"', '"\\x85"', '"\\0"', "'a\nb'", "informeren",
    "advies_vragen", "weet_ik_niet", "[alle_inwoners, lage_ses]", "[weet_ik_niet, jongeren]",
    "[[]]", "{a: b}", "%YAML 1.1", "---", "...", "#", "é", "😀", "\u00a0", "a: b: c",
]  # fmt: skip
BYTES = [
    b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\t", b"\x85",
    "\u2028".encode(), b"\x1b[2J", b": ", b"\n  - ", b"\n---\n", b"\n...\n", b"[[[", b"]]]",
    b"{{", b"&a ", b"*a", b"<<: *a\n", b"!!", b"%", b"@", b"`", b"'", b'"', b"\\", b"#",
    b"\n" * 3, b" " * 41, b"x" * 5000,
]  # fmt: skip


def _value(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return "[" + ", ".join(_value(rng, depth + 1) for _ in range(rng.randint(0, 4))) + "]"
    if depth < 3 and roll < 0.25:
        items = (f"{rng.choice(KEYS[:16])}: {_value(rng, depth + 1)}" for _ in range(3))
        return "{" + ", ".join(items) + "}"
    return rng.choice(SCALARS)


def generated(rng: random.Random) -> bytes:
    """A document built from answer-file keys and tricky YAML values, block style."""
    lines = []
    for _ in range(rng.randint(0, 6)):
        key = rng.choice(KEYS)
        if key == "antwoorden" and rng.random() < 0.7:
            lines.append("antwoorden:")
            for _ in range(rng.randint(0, 12)):
                indent = " " * rng.choice((2, 2, 2, 4, 1, 3))
                lines.append(f"{indent}{rng.choice(KEYS)}: {_value(rng)}")
        else:
            lines.append(f"{key}: {_value(rng)}")
    return "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"


def mutated(rng: random.Random) -> bytes:
    """A valid answer file with a few bytes cut, replaced or inserted."""
    data = bytearray(FULL_ANSWERS.encode())
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(data) + 1)
        cut = rng.choice((0, 0, 1, 2, 8))
        data[at : at + cut] = rng.choice(BYTES) if rng.random() < 0.8 else rng.randbytes(4)
    return bytes(data)


def spliced(rng: random.Random) -> bytes:
    """Pieces of files glued together, truncated anywhere: several documents, half ones."""
    parts = [rng.choice((generated, mutated))(rng) for _ in range(rng.randint(1, 3))]
    data = rng.choice((b"\n---\n", b"\n", b"")).join(parts)
    return data[: rng.randint(0, len(data))] if rng.random() < 0.3 else data


def corpus(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    makers = (generated, mutated, spliced)
    paths = []
    for number in range(count):
        path = folder / f"{number // 1000:03d}" / f"f{number:06d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(makers[number % 3](rng))
        paths.append(path)
    return paths


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def test_fuzzed_answer_files_never_cause_an_internal_error(rules: RuleSet, tmp_path: Path) -> None:
    paths = corpus(tmp_path, COUNT, SEED)
    accepted = 0
    for path in paths:
        try:
            load_answers(path, rules)
        except InputError:
            continue  # a located error: what bad input gets
        accepted += 1
    assert 0 < accepted < len(paths)  # both outcomes are exercised

    output = tmp_path / "uit.jsonl"
    code, _, err = run(["batch", str(tmp_path), "-f", "jsonl", "-j", "1", "-o", str(output)])
    assert code == 1, err[-2000:]
    assert "interne fout" not in err
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    seen = {r["bestand"] for r in records}
    assert seen == {str(p) for p in paths}  # every file has its record, none is lost
    assert sum(r["status"] == "ok" for r in records) >= accepted

    for path in paths[:: max(1, len(paths) // 200)]:  # a sample through `advies` as well
        code, _, err = run(["advies", "-a", str(path), "-f", "json"])
        assert code in (0, 1), (path, err)
        assert code != INTERNAL_ERROR, (path, err)
