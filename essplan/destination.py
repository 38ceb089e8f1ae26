"""Où une commande écrit ce qu'elle produit : `-o FICHIER`, ou la sortie standard.

Une seule règle pour le `-o` de toutes les commandes (lint, budget, report) :
- `-o -` écrit sur la sortie standard ;
- `-o FICHIER` écrit le fichier d'un coup, atomiquement (un fichier temporaire renommé) : un
  échec ou une interruption laisse l'ancien fichier intact ;
- le dossier de FICHIER doit exister : essplan ne crée pas de dossier pour un `-o` (une faute de
  frappe dans le chemin ne doit pas semer des dossiers) ; seul le dossier par défaut de
  `essplan report`, `build/<plan>/`, est créé ;
- FICHIER doit être absent ou un fichier ordinaire : ni un dossier, ni un lien symbolique, ni un
  périphérique ;
- sinon, erreur d'usage (code 2), avant tout travail, et rien n'est écrit.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from . import atomic
from .french import os_error

STDOUT = "-"


class DestinationError(Exception):
    """Un `-o` impossible : le message dit pourquoi, en français (code de sortie 2)."""


def check_destination(destination: str) -> None:
    """Vérifie qu'on pourra écrire `destination`, avant de faire le travail."""
    if destination == STDOUT:
        return
    path = Path(destination)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise DestinationError(
            f"impossible d'écrire « {destination} » : le dossier « {parent} »"
            " n'existe pas (essplan ne crée pas de dossier pour -o)"
        )
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


def write_output(text: str, destination: str | None) -> None:
    """Écrit `text` sur la sortie standard (None ou « - ») ou dans le fichier, atomiquement."""
    if destination is None or destination == STDOUT:
        sys.stdout.write(text)
        return
    check_destination(destination)
    try:
        atomic.write_atomic(Path(destination), text)
    except OSError as error:
        raise DestinationError(
            f"impossible d'écrire « {destination} » : {os_error(error)}"
        ) from None
