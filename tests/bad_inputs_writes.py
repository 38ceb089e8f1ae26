"""Les générateurs des cas « writes-* » de tests/bad_inputs/ : ce qui ne se range pas dans git
(liens, tubes nommés, un texte de 300 Mo, le dossier qu'un import arrêté net laisse derrière
lui). Ces cas lancent `import`, `lint`, `budget` ou `report` (clé `args` de `case.toml`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PLANS = Path("plans")


def fiches_link(root: Path) -> None:
    """plans/p/fiches est un lien vers les fiches d'un autre plan, plans/q."""
    shutil.copytree(root / PLANS / "p", root / PLANS / "q")
    shutil.rmtree(root / PLANS / "p" / "fiches")
    os.symlink("../q/fiches", root / PLANS / "p" / "fiches")


def folder_link(root: Path) -> None:
    """plans/p est un lien vers le dossier d'un autre plan, plans/q."""
    os.rename(root / PLANS / "p", root / PLANS / "q")
    os.symlink("q", root / PLANS / "p")


def source_fifo(root: Path) -> None:
    os.mkfifo(root / "tube.txt")


def source_huge(root: Path) -> None:
    with open(root / "enorme.txt", "wb") as stream:
        stream.truncate(300 * 1024 * 1024)  # 300 Mo, creux : rien n'est écrit sur le disque


def between_renames(root: Path) -> None:
    """Un import arrêté net entre ses deux renommages : l'ancien dossier est à l'écart, le
    nouveau, complet, n'est pas encore à sa place."""
    os.rename(root / PLANS / "p", root / PLANS / ".essplan-import-p.old-k3j2x9ab")
    shutil.copytree(
        root / PLANS / ".essplan-import-p.old-k3j2x9ab",
        root / PLANS / ".essplan-import-p.new-k3j2x9ab",
    )


def output_link(root: Path) -> None:
    os.symlink("plans/p", root / "sortie")


def output_fifo(root: Path) -> None:
    os.mkfifo(root / "sortie.txt")


GENERATORS = {
    "writes-fiches-link": fiches_link,
    "writes-folder-link": folder_link,
    "writes-source-fifo": source_fifo,
    "writes-source-huge": source_huge,
    "writes-between-renames": between_renames,
    "writes-output-link": output_link,
    "writes-output-fifo": output_fifo,
}
