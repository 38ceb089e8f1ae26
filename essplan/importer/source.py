"""Lire le texte à importer : un fichier ordinaire ou l'entrée standard, jamais plus que la
limite.

La taille se vérifie avant la lecture : `stat` d'abord (un tube nommé, un périphérique comme
`/dev/zero` ou un dossier sont refusés sans être ouverts), puis `fstat` sur le descripteur
ouvert (le fichier lu est bien celui qu'on a regardé), puis une lecture d'au plus la limite
plus un octet (un fichier qui grossit entre-temps, ou l'entrée standard, qui n'a pas de
taille). Un texte de 300 Mo est refusé sans qu'un octet en soit lu.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, TextIO

from ..french import os_error
from ..repository import UsageError
from .deliberation import ImportFailure

# Ce qu'est un fichier qui n'est pas un fichier ordinaire, pour le message.
_KINDS = (
    (stat.S_ISDIR, "un dossier"),
    (stat.S_ISFIFO, "un tube nommé"),
    (stat.S_ISCHR, "un périphérique"),
    (stat.S_ISBLK, "un périphérique"),
    (stat.S_ISSOCK, "une prise réseau (socket)"),
)


def read_source(source: str, stdin: TextIO | BinaryIO, limit: int) -> bytes:
    """Les octets de SOURCE (« - » : l'entrée standard), `limit` octets au plus ; un chemin
    absent ou qui n'est pas un fichier ordinaire est une erreur d'usage, un texte trop gros
    une entrée invalide (`ImportFailure`)."""
    if source == "-":
        data = getattr(stdin, "buffer", stdin).read(limit + 1)
        return _bounded(data.encode("utf-8") if isinstance(data, str) else data, limit)
    try:
        _regular(os.stat(source), source)
        handle = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UsageError(f"fichier source introuvable : « {source} »") from None
    except OSError as error:
        raise ImportFailure(f"lecture impossible ({os_error(error)})") from None
    with os.fdopen(handle, "rb") as stream:
        try:
            status = os.fstat(stream.fileno())
            _regular(status, source)  # remplacé entre `stat` et l'ouverture
            if status.st_size > limit:
                raise ImportFailure(too_big(f"{status.st_size} octets", limit))
            data = stream.read(limit + 1)
        except OSError as error:
            raise ImportFailure(f"lecture impossible ({os_error(error)})") from None
    return _bounded(data, limit)


def too_big(size: str, limit: int) -> str:
    return (
        f"texte trop gros ({size}, limite {limit}) : une délibération et son annexe tiennent en"
        " quelques centaines de kilo-octets"
    )


def _bounded(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise ImportFailure(too_big(f"plus de {limit} octets", limit))
    return data


def _regular(status: os.stat_result, source: str) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "un fichier spécial")
    raise UsageError(f"« {source} » n'est pas un fichier ordinaire (c'est {kind}) : rien n'est lu")
