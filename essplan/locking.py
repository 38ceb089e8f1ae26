"""Le verrou d'un dossier `plans/` : deux commandes qui écrivent des plans (`essplan import`,
`essplan collect --merge --write`) ne s'entrecroisent jamais.

`fcntl.flock` sur `plans/.essplan-import.lock` (le nom d'avant que collect ne le partage) : la
seconde commande est refusée tout de suite (`PlansBusy`), plutôt que d'attendre sans rien dire
derrière la première. Le noyau rend le verrou à la mort du processus, même par SIGKILL : pas de
verrou orphelin à retirer à la main. Le fichier est retiré à la fin, sous le verrou ; celui qui
l'a ouvert entre-temps vérifie, une fois le verrou pris, que le fichier verrouillé est encore au
chemin (même inode), et recommence sinon : deux commandes ne tiennent jamais deux verrous
différents.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .repository import shown

LOCK_NAME = ".essplan-import.lock"
_ATTEMPTS = 100  # un verrou retiré sous nos pas se reprend ; tant de fois, c'est qu'il est tenu


class PlansBusy(Exception):
    """Le verrou est tenu par une autre commande : le message dit où, en français."""


@contextmanager
def plans_lock(plans: Path, cwd: Path) -> Iterator[None]:
    """Le verrou de `plans/`, tenu le temps de l'écriture ; `PlansBusy` s'il est déjà tenu.
    Les erreurs du système passent (`OSError`) : l'appelant dit quel dossier il écrivait."""
    plans.mkdir(parents=True, exist_ok=True)
    path = plans / LOCK_NAME
    handle = _acquire(path, plans, cwd)
    try:
        yield
    finally:
        # Retiré avant d'être rendu : le dépôt ne garde pas de fichier de verrou, et une
        # commande qui aurait ouvert ce fichier entre-temps voit qu'il n'est plus au chemin.
        with suppress(FileNotFoundError):
            os.unlink(path)
        os.close(handle)  # rend le verrou


def _acquire(path: Path, plans: Path, cwd: Path) -> int:
    # O_NOFOLLOW : un lien posé à la place du verrou n'est pas suivi (ELOOP).
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(_ATTEMPTS):
        handle = os.open(path, flags, 0o666)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            break
        if _still_at(path, handle):
            return handle
        os.close(handle)  # verrouillé après que son détenteur l'a retiré : un autre fichier
    raise PlansBusy(
        f"une autre commande d'essplan (import ou collect) écrit en ce moment dans"
        f" {shown(plans, cwd)} : rien n'est écrit ; relancez quand elle aura fini"
    )


def _still_at(path: Path, handle: int) -> bool:
    """Le fichier verrouillé est-il encore celui du chemin ?"""
    try:
        here = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
