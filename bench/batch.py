"""Benchmark `wijzer batch` against a floor measured in the same run.

Generates N synthetic answer files (varied valid ones, some with unknown answers, and a few
broken ones), then times, each as a fresh process, start-up included:

  floor   - one Python process that parses the same files with PyYAML's C loader
  wijzer  - `wijzer batch DIR` (stdout to /dev/null) with --jobs 1, 2 and automatic, as
            JSON Lines (the full advice per file) and as the summary table

Each wijzer run is paired with a floor run just before it (this machine's speed drifts
over minutes; a pair sees the same moment), R pairs per variant. Reported: the median of
the paired ratios (and their range), and the best time over the best floor. `--memory`
adds the peak memory (max RSS) of `--jobs 1` for N and 10*N files.
Usage: python bench/batch.py [N] [--repeat R] [--memory]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = {
    "doel": [
        "informeren",
        "meningen_peilen",
        "advies_vragen",
        "samen_ontwikkelen",
        "inwoners_beslissen",
    ],
    "beleidsruimte": ["geen", "uitwerking", "keuzes", "alles"],
    "rol": ["kaderstellend", "sturend", "samenwerkend", "faciliterend"],
    "draagvlak": ["geen", "beperkt", "redelijk", "groot"],
    "middelen": ["krap", "beperkt", "voldoende"],
    "bijdrage": ["kennisnemen", "mening", "kennis_ideeen", "meewerken", "eigenaarschap"],
    "impact": ["klein", "merkbaar", "groot"],
    "initiatief": ["nee", "actieve_bewoners", "burgerinitiatief"],
    "fase": ["verkenning", "planvorming", "besluitvorming", "uitvoering", "evaluatie"],
    "thema": ["gezondheid", "groen", "veiligheid", "wijkinrichting", "zorg_welzijn", "anders"],
}
GROUPS = [
    "alle_inwoners",
    "lage_ses",
    "migrantenachtergrond",
    "jongeren",
    "ouderen",
    "clienten_mantelzorgers",
    "ondernemers",
]
BROKEN = [
    "antwoorden:\n  doel: advies_vrage\n",
    "antwoorden:\n  doel: informeren\n   rol: x\n",
    "antwoorden: [1, 2]\n",
    "",
]


def answer_file(rng: random.Random, i: int) -> str:
    lines = ["wijzer: 1", f"project: Project {i}", f"gemeente: Gemeente {i % 40}", "antwoorden:"]
    for question, options in QUESTIONS.items():
        roll = rng.random()
        if roll < 0.05:
            continue
        value = "weet_ik_niet" if roll < 0.10 else rng.choice(options)
        lines.append(f"  {question}: {value}")
    groups = rng.sample(GROUPS, rng.randint(1, 3))
    lines.append(f"  doelgroepen: [{', '.join(groups)}]")
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    broken = 0
    for i in range(count):
        sub = folder / f"d{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if i % 997 == 13:
            text = BROKEN[broken % len(BROKEN)]
            broken += 1
        else:
            text = answer_file(rng, i)
        (sub / f"p{i:06d}.yaml").write_text(text, encoding="utf-8")
    return broken


FLOOR = """
import sys, os, yaml
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), 'rb') as f:
            try:
                yaml.load(f, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                pass
        n += 1
print(n)
"""


def run_once(command: list[str]) -> float:
    """Wall time of one fresh run of `command` (output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def paired_times(
    floor: list[str], commands: dict[str, list[str]], repeat: int
) -> dict[str, list[tuple[float, float]]]:
    """Per command, `repeat` pairs (floor time, command time), each pair run back to back:
    this machine's speed drifts over minutes, and a pair sees the same moment."""
    pairs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            pairs[name].append((run_once(floor), run_once(command)))
    return pairs


def peak_rss(command: list[str]) -> int:
    """Peak RSS (KiB) of one fresh run, measured by a small wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="also measure 10x the files")
    args = parser.parse_args()
    beside = Path(sys.executable).parent / "wijzer"
    wijzer = str(beside) if beside.exists() else shutil.which("wijzer")
    if wijzer is None:
        sys.exit("wijzer is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        broken = generate(folder, args.count)
        print(f"{args.count} files ({broken} broken), {os.cpu_count()} cores")
        floor_command = [sys.executable, "-c", FLOOR, str(folder)]
        commands = {
            f"{fmt} {jobs}": [wijzer, "batch", str(folder), "--formaat", fmt, "--jobs", jobs]
            for fmt in ("jsonl", "tabel")
            for jobs in ("1", "2", "0")
        }
        pairs = paired_times(floor_command, commands, args.repeat)
        floor = min(f for runs in pairs.values() for f, _ in runs)
        print(f"floor (C loader parse, 1 process): best {floor:6.2f} s")
        print("ratio: median over the pairs (lowest-highest); best: best time / best floor")
        best = {name: min(t for _, t in runs) for name, runs in pairs.items()}
        for fmt in ("jsonl", "tabel"):
            for jobs in ("1", "2", "0"):
                runs = pairs[f"{fmt} {jobs}"]
                ratios = sorted(t / f for f, t in runs)
                label = "auto" if jobs == "0" else jobs
                print(
                    f"wijzer batch -f {fmt:5} --jobs {label:4}: best {best[f'{fmt} {jobs}']:6.2f} s"
                    f"  ratio {statistics.median(ratios):5.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})"
                    f"  best {best[f'{fmt} {jobs}'] / floor:5.2f}x"
                )
            print(f"  --jobs 2 vs --jobs 1: {best[fmt + ' 1'] / best[fmt + ' 2']:.2f}x faster")
        if args.memory:
            small = peak_rss([wijzer, "batch", str(folder), "-f", "jsonl", "--jobs", "1"])
            big_folder = Path(tmp) / "big"
            big_folder.mkdir()
            generate(big_folder, args.count * 10)
            big = peak_rss([wijzer, "batch", str(big_folder), "-f", "jsonl", "--jobs", "1"])
            print(
                f"peak RSS --jobs 1: {small / 1024:.1f} MiB for {args.count}, "
                f"{big / 1024:.1f} MiB for {args.count * 10}: {big / small:.2f}x"
            )


if __name__ == "__main__":
    main()
