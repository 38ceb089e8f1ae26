"""Ouvrir un fichier sans risque : seulement un fichier ordinaire du dépôt, jamais au-delà de
sa limite. Les plans, les fiches et la configuration sont lus par cette seule fonction.

L'ordre compte :
1. `lstat` du chemin, sans suivre de lien : un lien qui sort du dépôt est refusé avant toute
   ouverture, de même qu'un tube nommé, un périphérique, une socket ou un dossier (ouvrir un
   tube attendrait un écrivain sans fin ; lire /dev/zero ne finirait pas) ;
2. `open` sans suivre de lien final (`O_NOFOLLOW` : on ouvre le chemin qu'on a contrôlé) et
   sans attendre (`O_NONBLOCK` : un tube mis à sa place entre-temps ne bloque pas) ;
3. `fstat` du descripteur : c'est le fichier ouvert, pas le chemin, qui doit être ordinaire et
   sous la limite (entre un `stat` et un `open` par le chemin, le fichier peut changer) ;
4. lire au plus la limite plus un octet : un fichier qui grandit, ou qui annonce une taille
   fausse (les pseudo-fichiers de /proc annoncent 0), n'est jamais lu au-delà.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..french import number, os_error
from .document import is_within

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 1 << 20
# Ce qu'un fichier est quand il n'est pas un fichier ordinaire, dit comme on le dirait.
_KINDS = (
    (stat.S_ISDIR, "dossier"),
    (stat.S_ISFIFO, "tube nommé"),
    (stat.S_ISCHR, "périphérique"),
    (stat.S_ISBLK, "périphérique"),
    (stat.S_ISSOCK, "socket"),
)


def outside(what: str) -> str:
    """Le refus d'un lien (vers `what` : « un fichier », « un dossier ») qui sort du dépôt."""
    return (
        f"lien symbolique vers {what} hors du dépôt : refusé (un dépôt de plans doit se"
        " suffire à lui-même)"
    )


class Refused(Exception):
    """Un fichier qui n'est pas lu (ou pas au-delà de sa limite) ; le message dit pourquoi."""


class TooBig(Refused):
    """Un fichier plus gros que sa limite, refusé sans être lu en entier."""

    def __init__(self, size: int | None, limit: int) -> None:
        if size is None:  # la taille annoncée était fausse : on s'est arrêté à la limite
            super().__init__(f"fichier trop gros (plus de {number(limit)} octets, la limite)")
        else:
            super().__init__(f"fichier trop gros ({number(size)} octets, limite {number(limit)})")


def read_bounded(path: Path, limit: int, root: Path | None = None) -> bytes:
    """Les octets de `path`, s'il est un fichier ordinaire d'au plus `limit` octets ; un lien
    doit mener sous `root` (le dépôt). `Refused` sinon, sans avoir ouvert ce qui n'est pas un
    fichier ordinaire. Les dossiers qui mènent au fichier sont à contrôler par l'appelant."""
    try:
        target, announced = _checked_target(path, root)
        if announced > limit:  # trop gros : refusé sans même l'ouvrir
            raise TooBig(announced, limit)
        descriptor = os.open(target, _FLAGS)
    except OSError as error:
        raise Refused(_cause(error)) from None
    try:
        status = os.fstat(descriptor)
        _check_kind(status.st_mode)
        if status.st_size > limit:
            raise TooBig(status.st_size, limit)
        data = _read_at_most(descriptor, limit + 1)
    except OSError as error:
        raise Refused(_cause(error)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise TooBig(None, limit)
    return data


def _checked_target(path: Path, root: Path | None) -> tuple[str, int]:
    """Le chemin à ouvrir : `path` lui-même, ou ce vers quoi mène son lien, s'il reste dans le
    dépôt ; dans les deux cas un fichier ordinaire (`lstat`, sans rien ouvrir) ; et sa taille
    annoncée."""
    status = os.lstat(path)
    target = os.fspath(path)
    if stat.S_ISLNK(status.st_mode):
        if root is not None and not is_within(path, root):
            raise Refused(outside("un fichier"))
        status = os.stat(path)  # suit le lien : une boucle est ELOOP, un lien cassé ENOENT
        target = os.path.realpath(path)
    _check_kind(status.st_mode)
    return target, status.st_size


def _check_kind(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "fichier spécial")
    raise Refused(f"ce n'est pas un fichier ordinaire ({kind}) : il n'est pas lu")


def _read_at_most(descriptor: int, count: int) -> bytes:
    chunks = []
    while count > 0:
        chunk = os.read(descriptor, min(count, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def _cause(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "lecture refusée (droits du fichier)"
    return f"fichier illisible : {os_error(error)}"
