"""`python -m tests.fuzz --minutes 30` : une longue campagne au hasard, commande après
commande ; chaque genre de problème trouvé est réduit et écrit dans `--findings`.
`python -m tests.fuzz --replay DOSSIER` rejoue un cas écrit."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # les modules de tests/ (la liste des mots anglais)

from test_french import ENGLISH  # noqa: E402

from .campaign import Tally, read_reproducer, run_batch, write_reproducer  # noqa: E402
from .cases import COMMANDS  # noqa: E402
from .run import execute, problems  # noqa: E402

BATCH = 25  # cas par lot : assez pour explorer, assez peu pour passer vite d'une commande à l'autre


def campaign(minutes: float, findings: Path, start_seed: int) -> Tally:
    tally, rounds = Tally(), 0
    deadline = time.monotonic() + 60 * minutes
    randomness = random.Random(start_seed)
    while time.monotonic() < deadline:
        family = COMMANDS[rounds % len(COMMANDS)]
        rounds += 1
        finding = run_batch(family, BATCH, ENGLISH, tally, randomness.getrandbits(64))
        if finding is not None and finding.signature not in tally.findings:
            tally.findings[finding.signature] = finding
            where = write_reproducer(finding, findings)
            print(f"trouvé : {finding.signature}\n  écrit dans {where}", flush=True)
    return tally


def report(tally: Tally, minutes: float) -> str:
    lines = [f"campagne de {minutes:g} min : {sum(tally.runs.values())} cas", ""]
    lines += ["| commande | cas lancés |", "|---|---:|"]
    lines += [f"| {family} | {tally.runs[family]} |" for family in COMMANDS]
    lines += ["", f"{len(tally.findings)} genre(s) de problème trouvé(s)"]
    lines += [f"- {signature}" for signature in tally.findings]
    return "\n".join(lines)


def replay(folder: Path) -> int:
    case = read_reproducer(folder)
    found = problems(case, execute(case), ENGLISH)
    print(f"$ essplan {' '.join(case.command)}")
    print("\n".join(found) if found else "aucun problème : le cas est corrigé")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--minutes", type=float, default=1.0, help="durée de la campagne")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="graine du hasard")
    parser.add_argument(
        "--findings", type=Path, default=HERE / "findings", help="où écrire les cas trouvés"
    )
    parser.add_argument("--replay", type=Path, help="rejouer un cas écrit")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    print(f"graine : {args.seed}", flush=True)
    tally = campaign(args.minutes, args.findings, args.seed)
    print(report(tally, args.minutes))
    return 1 if tally.findings else 0


if __name__ == "__main__":
    sys.exit(main())
