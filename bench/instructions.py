"""Count the instructions two installs of wijzer execute on the same files (valgrind's
callgrind): exact and repeatable where wall time on a shared machine varies by 10-20 %.

Each install runs `batch` on one file (the start-up) and on N files; the difference is
the cost of N files. Reported: both counts per install and B/A for each.
Usage: python bench/instructions.py A_WIJZER B_WIJZER [N] [--format jsonl]
(needs `valgrind`; about a minute per run for N = 300)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from batch import generate  # type: ignore[import-not-found]


def instructions(wijzer: str, target: Path, fmt: str, out: Path) -> int:
    """Instructions one run executes (the Python behind the `wijzer` script included)."""
    python = Path(wijzer).with_name("python")
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            str(python),
            wijzer,
            "batch",
            str(target),
            "-f",
            fmt,
            "-j",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit(f"callgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", help="the wijzer executable of install A (before)")
    parser.add_argument("b", help="the wijzer executable of install B (after)")
    parser.add_argument("count", nargs="?", type=int, default=300)
    parser.add_argument("--format", default="jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        generate(folder, args.count)
        one = Path(tmp) / "one.yaml"
        one.write_text("wijzer: 1\nantwoorden: {doel: informeren}\n", encoding="utf-8")
        counts = {}
        for side, wijzer in (("A", args.a), ("B", args.b)):
            start = instructions(wijzer, one, args.format, Path(tmp) / f"{side}-one.out")
            total = instructions(wijzer, folder, args.format, Path(tmp) / f"{side}-all.out")
            counts[side] = (start, total - start)
            print(
                f"{side}: start-up {start / 1e6:8.1f} M, {args.count} files"
                f" {(total - start) / 1e6:8.1f} M instructions (-f {args.format})"
            )
        (a_start, a_files), (b_start, b_files) = counts["A"], counts["B"]
        print(f"B/A: start-up {b_start / a_start:.4f}, per file {b_files / a_files:.4f}")


if __name__ == "__main__":
    main()
