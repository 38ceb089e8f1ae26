"""Écrire les fiches réécrites (`rewrite.py`), toutes ou aucune.

1. chaque nouveau texte est écrit à côté de sa fiche, sous un nom caché que le chargement ignore
   (`.1.1.yaml.essplan-collect-XXXX.new`), et forcé sur le disque ; chaque fiche reçoit un lien
   physique de sauvegarde (`….old`) ; un échec ici ne change rien ;
2. les renommages, l'un après l'autre (`os.replace`, atomique pour chaque fichier), Ctrl-C et
   SIGTERM bloqués le temps de la boucle ; un renommage qui échoue remet, depuis les
   sauvegardes, les fiches déjà renommées ;
3. les temporaires et les sauvegardes sont retirés.

Seul un arrêt net (SIGKILL, coupure de courant) pendant l'étape 2 peut laisser des fiches
nouvelles et d'autres anciennes ; chacune est entière et valide, et, la fusion étant
idempotente, relancer la même fusion avec `--write` termine le travail. Les restes cachés d'un
tel arrêt sont retirés à la fusion suivante, sous le verrou de `plans/` (`locking.py`).
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .. import atomic

TAG = ".essplan-collect-"


def leftovers(folder: Path) -> list[Path]:
    """Les restes cachés d'une fusion arrêtée net dans `fiches/` (à retirer sous le verrou)."""
    fiches = folder / "fiches"
    if not fiches.is_dir():
        return []
    return sorted(p for p in fiches.iterdir() if p.name.startswith(".") and TAG in p.name)


def write_all(texts: list[tuple[Path, bytes]]) -> None:
    """Écrit chaque texte à son chemin : tous ou aucun (voir le protocole en tête du module)."""
    staged: list[tuple[Path, Path, Path]] = []
    try:
        for path, data in texts:
            staged.append(_stage(path, data))
        _rename_all(staged)
    finally:
        for _, new, old in staged:
            new.unlink(missing_ok=True)
            old.unlink(missing_ok=True)
    for folder in {path.parent for path, _ in texts}:
        atomic.fsync_folder(folder)


def _stage(path: Path, data: bytes) -> tuple[Path, Path, Path]:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}{TAG}", suffix=".new", dir=path.parent)
    new = Path(name)
    old = new.with_suffix(".old")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), path.stat().st_mode & 0o7777)
            os.fsync(stream.fileno())
        os.link(path, old)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    return path, new, old


def _rename_all(staged: list[tuple[Path, Path, Path]]) -> None:
    done: list[tuple[Path, Path]] = []
    with _signals_blocked():
        try:
            for path, new, old in staged:
                os.replace(new, path)
                done.append((path, old))
        except BaseException:
            for path, old in done:
                with suppress(OSError):
                    os.replace(old, path)
            raise


@contextmanager
def _signals_blocked() -> Iterator[None]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
