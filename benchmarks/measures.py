"""Ce que partagent adversarial.py et documents.py : les nombres à la française, et la ligne
de commande (un dossier temporaire, les mesures, le tableau imprimé)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def fr(number: float, digits: int = 2) -> str:
    """2.5 → « 2,50 » : les nombres à la française."""
    return f"{number:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def script(
    argv: list[str] | None, doc: str, fiches: int, measure: Callable, table: Callable
) -> int:
    """`--fiches` et `--repeat`, les mesures dans un dossier temporaire, le tableau imprimé."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=fiches, help=f"fiches par plan ({fiches})")
    parser.add_argument("--repeat", type=int, default=3, help="passages mesurés (3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="essplan-mesures-") as work:
        rows = measure([sys.executable, "-m", "essplan"], Path(work), args.fiches, args.repeat)
    print(table(rows))
    return 0
