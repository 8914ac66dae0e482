"""Compare two installs of wijzer on the same generated files, in pairs (A then B, or B
then A, alternating: this machine's speed drifts, and a pair sees the same moment).

For a refactoring that must not be slower: A is the install before, B the one after.
Reported per variant: the median of the paired ratios B/A (and their range), and B's best
time over A's best time.
Usage: python bench/ab.py A_WIJZER B_WIJZER [N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from batch import generate, run_once  # type: ignore[import-not-found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", help="the wijzer executable of install A (before)")
    parser.add_argument("b", help="the wijzer executable of install B (after)")
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--variants",
        nargs="+",
        default=["jsonl:1", "jsonl:2", "tabel:1", "tabel:2", "csv:2"],
        help="format:jobs pairs",
    )
    args = parser.parse_args()
    variants = [(v.split(":")[0], v.split(":")[1]) for v in args.variants]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        generate(folder, args.count)
        print(f"{args.count} files; B/A per pair, {args.repeat} pairs per variant")
        for fmt, jobs in variants:
            times: dict[str, list[float]] = {"a": [], "b": []}
            ratios = []
            for i in range(args.repeat):
                order = ("a", "b") if i % 2 == 0 else ("b", "a")
                pair = {}
                for side in order:
                    exe = args.a if side == "a" else args.b
                    pair[side] = run_once([exe, "batch", str(folder), "-f", fmt, "-j", jobs])
                    times[side].append(pair[side])
                ratios.append(pair["b"] / pair["a"])
            ratios.sort()
            print(
                f"batch -f {fmt:5} -j {jobs}: B/A median {statistics.median(ratios):.3f}"
                f" ({ratios[0]:.3f}-{ratios[-1]:.3f});"
                f" best A {min(times['a']):.2f} s, best B {min(times['b']):.2f} s,"
                f" best B/A {min(times['b']) / min(times['a']):.3f}"
            )


if __name__ == "__main__":
    main()
