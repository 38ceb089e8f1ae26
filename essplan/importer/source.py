"""Lire le texte à importer : un fichier ordinaire ou l'entrée standard, jamais plus que la
limite.

Un fichier est lu comme les plans, par `reading.files.read_bounded` : `lstat` d'abord (un tube
nommé, un périphérique comme `/dev/zero` ou un dossier sont refusés sans être ouverts), puis
`fstat` sur le descripteur ouvert, puis une lecture d'au plus la limite plus un octet. L'entrée
standard, qui n'a pas de taille, est lue à la limite plus un octet au plus. Un texte de 300 Mo
est refusé sans être lu.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, TextIO

from ..reading.files import Refused, TooBig, read_bounded
from ..repository import UsageError
from .deliberation import ImportFailure


def read_source(source: str, stdin: TextIO | BinaryIO, limit: int) -> bytes:
    """Les octets de SOURCE (« - » : l'entrée standard), `limit` octets au plus. Un chemin
    absent, ou qui n'est pas un fichier ordinaire lisible, est une erreur d'usage ; un texte
    trop gros, une entrée inutilisable (`ImportFailure`)."""
    try:
        if source != "-":
            if not os.path.lexists(source):
                raise UsageError(f"fichier source introuvable : « {source} »")
            return read_bounded(Path(source), limit)
        data = getattr(stdin, "buffer", stdin).read(limit + 1)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if len(data) > limit:
            raise TooBig(None, limit)
        return data
    except TooBig as error:
        raise ImportFailure(
            f"{error} : une délibération et son annexe tiennent en quelques centaines de"
            " kilo-octets"
        ) from None
    except Refused as error:
        raise UsageError(f"« {source} » : {error}") from None
