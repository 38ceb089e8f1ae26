"""Écrire un fichier sans jamais laisser de fichier à moitié écrit ; échanger deux dossiers.

On écrit dans un fichier temporaire du même dossier, on le force sur le disque, puis on le
renomme par-dessus la cible (`os.replace` est atomique sur un même système de fichiers) :
une interruption ou un disque plein laisse l'ancien fichier intact, et le temporaire est
supprimé. `fsync_files` force d'un coup beaucoup de fichiers déjà écrits (un import en écrit
des milliers), plusieurs à la fois plutôt qu'un par un.

Un dossier ne se remplace pas ainsi : sous Linux, `rename` d'un dossier sur un dossier non vide
échoue. `exchange` échange deux dossiers d'un seul appel système (`renameat2`, drapeau
`RENAME_EXCHANGE`, Linux 3.15 et glibc 2.28), appelé par ctypes faute d'enveloppe dans `os` ;
`rename_new` renomme sans jamais remplacer (`RENAME_NOREPLACE`). Là où le système ou le
système de fichiers ne les connaît pas, ils rendent False et l'appelant prend un autre chemin.
"""

from __future__ import annotations

import ctypes
import errno
import os
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any


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
            os.chmod(temporary, 0o666 & ~umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Force sur le disque les entrées d'un dossier (un renommage, un fichier créé)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def fsync_file(path: Path) -> None:
    """Force sur le disque un fichier déjà écrit (sans suivre de lien)."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


FSYNC_WORKERS = 32


def fsync_files(paths: Sequence[Path], workers: int = FSYNC_WORKERS) -> None:
    """Force sur le disque chacun des fichiers `paths` (déjà écrits et fermés), plusieurs à la
    fois : `os.fsync` rend la main aux autres fils pendant qu'il attend le disque, et le système
    de fichiers regroupe dans un même passage de son journal les fichiers forcés ensemble.
    Quand la fonction rend la main, tous le sont ; sinon elle lève la première erreur (disque
    plein…), les autres fils s'arrêtant au fichier suivant.

    Les fils sont des démons, et une interruption (Ctrl-C, SIGTERM, reçue par le fil principal)
    ne les attend pas : le processus se termine sans rester suspendu à un disque lent. Ils ne
    font que forcer des fichiers déjà écrits : l'appelant peut retirer le dossier aussitôt."""
    pending = iter(paths)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        while not errors:
            with lock:
                path = next(pending, None)
            if path is None:
                return
            try:
                fsync_file(path)
            except BaseException as error:  # rendue au fil principal, qui la lève
                errors.append(error)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(min(workers, len(paths)))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except BaseException as interrupted:
        errors.append(interrupted)  # les fils s'arrêtent au fichier suivant
        raise
    if errors:
        raise errors[0]


_AT_FDCWD = -100
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
# Ce que renvoie renameat2 quand le noyau ou le système de fichiers ne connaît pas le drapeau.
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


@cache
def _renameat2() -> Any:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # pas de glibc 2.28 (musl ancien, macOS, Windows)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _rename_with(source: Path, target: Path, flags: int) -> bool:
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(target))


def exchange(first: Path, second: Path) -> bool:
    """Échange `first` et `second` (deux chemins existants) d'un seul appel système : aucun
    instant où l'un manque ou mêle les deux. False si le système ne sait pas le faire."""
    return _rename_with(first, second, _RENAME_EXCHANGE)


def rename_new(source: Path, target: Path) -> bool:
    """Renomme `source` en `target` si `target` n'existe pas (sinon `FileExistsError`) ; False
    si le système ne sait pas le garantir."""
    return _rename_with(source, target, _RENAME_NOREPLACE)
