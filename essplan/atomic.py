"""Écrire un fichier sans jamais laisser de fichier à moitié écrit.

On écrit dans un fichier temporaire du même dossier, on le force sur le disque, puis on le
renomme par-dessus la cible (`os.replace` est atomique sur un même système de fichiers) :
une interruption ou un disque plein laisse l'ancien fichier intact, et le temporaire est
supprimé.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> None:
    """Écrit `content` dans `path` ; le dossier doit exister (l'appelant le crée s'il le faut)."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
