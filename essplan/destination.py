"""Où une commande écrit ce qu'elle produit : `-o FICHIER`, ou la sortie standard.

Une seule règle pour le `-o` de toutes les commandes (lint, budget, report, export) :
- `-o -` écrit sur la sortie standard ;
- `-o FICHIER` écrit le fichier d'un coup, atomiquement (un fichier temporaire renommé) : un
  échec ou une interruption laisse l'ancien fichier intact ;
- le dossier de FICHIER doit exister : essplan ne crée pas de dossier pour un `-o` (une faute de
  frappe dans le chemin ne doit pas semer des dossiers) ; seul le dossier par défaut de
  `essplan report`, `build/<plan>/`, est créé ;
- FICHIER doit être absent ou un fichier ordinaire : ni un dossier, ni un lien symbolique, ni un
  périphérique ;
- FICHIER ne doit pas être dans un dossier de plans (`plans/` d'un dépôt) ni dans un dossier de
  plan (qui a un plan.yaml) : seul `essplan import` y écrit, et un rapport écrit par-dessus une
  fiche la remplacerait par du HTML. Le chemin est résolu d'abord (`..`, liens) : un lien vers
  `plans/` n'y fait pas entrer ; `build/`, à la racine du dépôt, n'est pas dans `plans/` ;
- sinon, erreur d'usage (code 2), avant tout travail, et rien n'est écrit.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from . import atomic
from .french import os_error
from .repository import shown

STDOUT = "-"


class DestinationError(Exception):
    """Un `-o` impossible : le message dit pourquoi, en français (code de sortie 2)."""


def check_destination(destination: str, cwd: Path) -> None:
    """Vérifie qu'on pourra écrire `destination` (relatif à `cwd`), avant de faire le travail."""
    if destination == STDOUT:
        return
    path = cwd / destination
    parent = path.parent
    if not parent.is_dir():
        shown_parent = Path(destination).parent if str(Path(destination).parent) else Path(".")
        raise DestinationError(
            f"impossible d'écrire « {destination} » : le dossier « {shown_parent} »"
            " n'existe pas (essplan ne crée pas de dossier pour -o)"
        )
    check_outside_plans(destination, cwd)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise DestinationError(
            f"impossible d'écrire « {destination} » : {os_error(error)}"
        ) from None
    if not stat.S_ISREG(status.st_mode):
        kind = (
            "un dossier"
            if stat.S_ISDIR(status.st_mode)
            else "un lien symbolique"
            if stat.S_ISLNK(status.st_mode)
            else "un fichier spécial"
        )
        raise DestinationError(
            f"impossible d'écrire « {destination} » : c'est {kind}, pas un fichier ordinaire"
        )


def check_outside_plans(destination: str, cwd: Path) -> None:
    """Le dossier de FICHIER, résolu (`..` et liens ; il peut ne pas exister encore), ni dans
    `plans/` ni dans un dossier de plan. Le dernier élément n'est pas suivi : un lien est
    refusé comme tel."""
    resolved = Path(os.path.realpath((cwd / destination).parent))
    for folder in (resolved, *resolved.parents):
        if folder.name == "plans" or os.path.lexists(folder / "plan.yaml"):
            what = "de plans" if folder.name == "plans" else "de plan"
            raise DestinationError(
                f"impossible d'écrire « {destination} » : c'est dans le dossier {what}"
                f" « {shown(folder, Path(os.path.realpath(cwd)))} », où seul essplan import"
                " écrit ; choisissez un fichier hors de ce dossier (par exemple dans build/)"
            )


def write_output(content: str | bytes, destination: str | None, cwd: Path) -> None:
    """Écrit `content` (un texte, ou des octets : un classeur, un PDF) sur la sortie standard
    (None ou « - ») ou dans le fichier, atomiquement."""
    if destination is None or destination == STDOUT:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
        return
    check_destination(destination, cwd)
    try:
        atomic.write_atomic(cwd / destination, content)
    except OSError as error:
        raise DestinationError(
            f"impossible d'écrire « {destination} » : {os_error(error)}"
        ) from None
