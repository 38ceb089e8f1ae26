"""Écrire les fichiers d'un dépôt ou d'un plan : tout ou rien, sans jamais remplacer un fichier.

`existing` dit, avant toute écriture, chaque chemin qui gênerait : un fichier déjà là, ou un
fichier là où il faudrait un dossier. `write_all` écrit ensuite :

- dans un dossier qui n'existe pas encore (`essplan init nouveau-dossier`, `essplan new plan`) :
  tout est construit dans un dossier temporaire à côté, puis renommé d'un seul appel système
  qui ne remplace rien (`atomic.rename_new`) : le dossier apparaît complet, ou pas du tout ;
- dans un dossier qui existe (`essplan init .`) : tout est construit dans un dossier temporaire
  du dossier (`.essplan-init-…`), puis chaque fichier y est déplacé sans rien remplacer. Une
  erreur ou une interruption (Ctrl-C, SIGTERM) en chemin retire ce qui a déjà été déplacé :
  rien ne reste. Seul un arrêt brutal (coupure, `kill -9`) pendant les déplacements peut
  laisser une partie des fichiers, tous complets ; relancer la commande les liste.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..atomic import fsync_folder, rename_new, umask

STAGING_PREFIX = ".essplan-init-"


def existing(folder: Path, files: Mapping[str, str]) -> list[str]:
    """Les chemins de `files` (relatifs à `folder`) qui empêchent d'écrire, triés."""
    found: set[str] = set()
    for relative in files:
        path = folder / relative
        if os.path.lexists(path):
            found.add(relative)
        for parent in Path(relative).parents:
            if str(parent) != "." and os.path.lexists(folder / parent):
                if not (folder / parent).is_dir() or (folder / parent).is_symlink():
                    found.add(str(parent))
    return sorted(found)


def write_all(folder: Path, files: Mapping[str, str]) -> None:
    """Écrit `files` (chemin relatif → texte) dans `folder`, tout ou rien ; `FileExistsError`
    si un fichier est apparu entre-temps (rien n'est alors laissé)."""
    if os.path.lexists(folder):
        _into_existing(folder, files)
        return
    parent = folder.parent
    created = _make_parents(Path(parent.anchor), parent)  # « init a/b » crée a s'il le faut
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.essplan-", dir=parent))
    try:
        _build(staging, files)
        os.chmod(staging, 0o777 & ~umask())
        if not rename_new(staging, folder):
            os.mkdir(folder)
            _into_existing(folder, files)
        fsync_folder(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for directory in reversed(created):
            _remove_if_empty(directory)
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _build(staging: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())


def _into_existing(folder: Path, files: Mapping[str, str]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    moved: list[Path] = []
    created: list[Path] = []
    try:
        _build(staging, files)
        for relative in files:
            target = folder / relative
            created += _make_parents(folder, target.parent)
            move_new(staging / relative, target)
            moved.append(target)
        for directory in {folder, *(p.parent for p in moved)}:
            fsync_folder(directory)
    except BaseException:
        for path in reversed(moved):
            path.unlink(missing_ok=True)
        for directory in reversed(created):
            _remove_if_empty(directory)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _make_parents(folder: Path, directory: Path) -> list[Path]:
    """Crée les dossiers qui manquent entre `folder` et `directory` ; rend ceux créés."""
    missing = [p for p in (directory, *directory.parents) if p != folder and folder in p.parents]
    created = []
    for path in reversed(missing):
        if not path.exists():
            path.mkdir()
            created.append(path)
    return created


def _remove_if_empty(directory: Path) -> None:
    try:
        directory.rmdir()
    except OSError:
        pass


def move_new(source: Path, target: Path) -> None:
    """Déplace `source` en `target` sans jamais remplacer (`FileExistsError` si `target` est
    là) : `rename_new`, sinon un lien dur, qui ne remplace rien non plus."""
    if rename_new(source, target):
        return
    os.link(source, target)
    source.unlink()


def write_new(path: Path, text: str) -> None:
    """Écrit un fichier qui n'existe pas encore, complet ou pas du tout (`FileExistsError` s'il
    existe) : écrit à côté, forcé sur le disque, puis déplacé sans remplacer."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~umask())
        move_new(Path(temporary), path)
        fsync_folder(path.parent)
    finally:
        Path(temporary).unlink(missing_ok=True)
