"""Écrire un dossier de plan sans jamais mêler l'ancien et le nouveau (`essplan import`).

Le protocole, et pourquoi :

1. **Un verrou** : `fcntl.flock` sur `plans/.essplan-import.lock` (`locking.py`, partagé avec
   `essplan collect --merge --write`). Deux imports dans le même `plans/` ne s'entrecroisent
   pas : le second est refusé tout de suite, plutôt que d'attendre sans rien dire derrière le
   premier ; le noyau rend le verrou à la mort du processus, même par SIGKILL.
2. **La reprise**, sous le verrou, avant tout : les restes d'un import arrêté net (voir plus
   bas). Le verrou garantit qu'aucun import vivant ne les utilise.
3. **Le nouveau dossier est construit à côté de l'ancien**, dans `plans/` (le même système de
   fichiers : un renommage suffit), sous un nom caché que les commandes ignorent
   (`.essplan-import-<plan>.new-XXXXXXXX`) ; chaque fichier y est écrit, puis tous sont forcés
   sur le disque, plusieurs à la fois (`atomic.fsync_files`), puis ses dossiers.
   Les fichiers de l'ancien dossier qui ne sont pas réécrits y sont recopiés, sauf les fiches
   que l'import n'a pas. L'ancien dossier n'est pas touché.
4. **L'échange**, d'un seul renommage : `renameat2(RENAME_EXCHANGE)` (`atomic.exchange`) met
   le nouveau dossier à la place de l'ancien et l'ancien dans le dossier de travail, qu'on
   supprime. Un lecteur voit l'ancien dossier entier ou le nouveau complet, à tout instant.
   C'est le choix par défaut parce qu'il n'a aucun instant creux : `rename` d'un dossier sur
   un dossier non vide échoue sous Linux, et deux renommages laissent un instant sans dossier.
   Là où le système ne sait pas échanger (noyau ou système de fichiers qui ne connaît pas le
   drapeau, autre système que Linux), on fait ces deux renommages : l'ancien à l'écart
   (`….old-XXXXXXXX`), le nouveau à sa place, SIGINT et SIGTERM bloqués entre les deux. Seul
   un arrêt net peut s'y glisser, et la reprise remet alors l'ancien dossier en place.

La reprise (étape 2) : un `….new-…` est toujours à supprimer (avant l'échange, c'est un
dossier incomplet ; après, c'est l'ancien dossier) ; un `….old-…` est remis en place si
`plans/<plan>` manque (arrêt entre les deux renommages), supprimé sinon (arrêt après).

On n'écrit jamais à travers un lien : le dossier du plan, ou un élément qu'il contient, qui
est un lien symbolique, ou un fichier spécial (tube, périphérique), est refusé avant tout.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from .. import atomic, locking  # par le module : un test remplace `atomic.exchange`
from ..repository import UsageError, shown
from .deliberation import ImportFailure

_PREFIX = ".essplan-import-"
_NEW, _OLD = ".new-", ".old-"


@contextmanager
def plans_lock(plans: Path, cwd: Path) -> Iterator[None]:
    """Le verrou de `plans/` (`locking.py`, partagé avec `essplan collect`), tenu le temps de
    l'import ; `ImportFailure` s'il est déjà tenu."""
    with ExitStack() as stack:
        try:
            stack.enter_context(locking.plans_lock(plans, cwd))
        except locking.PlansBusy as error:
            raise ImportFailure(str(error)) from None
        yield


def recover_interrupted(plans: Path, cwd: Path) -> list[str]:
    """Reprend les restes des imports arrêtés net dans `plans/` (sous le verrou) ; rend ce qui
    a été fait, une phrase par reste."""
    left = [p for p in plans.iterdir() if p.name.startswith(_PREFIX) and _plan_of(p.name)]
    notes = [_recover(path, plans, cwd) for path in sorted(left, key=lambda p: _NEW in p.name)]
    if notes:
        atomic.fsync_folder(plans)
    return notes


def _plan_of(name: str) -> str | None:
    for kind in (_NEW, _OLD):
        plan, found, _ = name.removeprefix(_PREFIX).partition(kind)
        if found and plan:
            return plan
    return None


def _recover(path: Path, plans: Path, cwd: Path) -> str:
    folder = plans / str(_plan_of(path.name))
    if _OLD in path.name and not os.path.lexists(folder):
        os.rename(path, folder)
        return (
            f"import arrêté net entre deux renommages : {shown(folder, cwd)} remis en place"
            f" depuis {shown(path, cwd)}"
        )
    _remove(path)
    return (
        f"reste d'un import arrêté net, supprimé : {shown(path, cwd)}"
        f" ({shown(folder, cwd)} ne l'utilisait pas)"
    )


def existing_files(folder: Path, cwd: Path) -> list[Path] | None:
    """Les fichiers du dossier existant (chemins relatifs), None s'il n'existe pas ;
    `UsageError` pour un lien ou un fichier spécial, le dossier lui-même ou ce qu'il contient."""
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        return None
    _refuse_unusual(folder, status, cwd)
    if not stat.S_ISDIR(status.st_mode):
        raise UsageError(
            f"« {shown(folder, cwd)} » est un fichier, pas un dossier de plan : essplan import"
            " ne le remplacera pas ; rien n'est écrit"
        )
    files = []
    for parent, folders, names in os.walk(folder, onerror=_raise):
        for name in sorted(folders + names):
            path = Path(parent, name)
            status = os.lstat(path)
            _refuse_unusual(path, status, cwd)
            if stat.S_ISREG(status.st_mode):
                files.append(path.relative_to(folder))
    return files


def _raise(error: OSError) -> None:
    raise error  # un sous-dossier illisible : ses fichiers ne doivent pas être perdus en silence


def _refuse_unusual(path: Path, status: os.stat_result, cwd: Path) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise UsageError(
            f"« {shown(path, cwd)} » est un lien symbolique : essplan import n'écrit jamais à"
            " travers un lien ; rien n'est écrit"
        )
    if not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
        raise UsageError(
            f"« {shown(path, cwd)} » n'est ni un fichier ordinaire ni un dossier : essplan"
            " import ne le remplacera pas ; rien n'est écrit"
        )


def replace_folder(
    folder: Path, files: list[tuple[Path, str]], old: list[Path] | None, dropped: set[Path]
) -> None:
    """Met à la place de `folder` un dossier neuf : `files` (chemins sous `folder`, textes),
    plus les fichiers de l'ancien (`old`, relatifs ; None : pas d'ancien dossier) qui ne sont
    ni réécrits ni dans `dropped`. Sous le verrou de `plans_lock`."""
    work = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{folder.name}{_NEW}", dir=folder.parent))
    try:
        _build(work, folder, files, old or [], dropped)
        _swap(work, folder, replacing=old is not None)
    finally:
        # avant l'échange : le dossier incomplet ; après : l'ancien dossier
        if os.path.lexists(work):
            _remove(work)
    atomic.fsync_folder(folder.parent)


def _build(
    work: Path, folder: Path, files: list[tuple[Path, str]], old: list[Path], dropped: set[Path]
) -> None:
    """Écrit tous les fichiers dans `work`, puis les force sur le disque ensemble
    (`atomic.fsync_files`, plusieurs à la fois), puis ses dossiers : quand elle rend la main,
    tout le nouveau dossier est sur le disque, avant l'échange."""
    os.chmod(work, _mode(folder, 0o777))  # mkdtemp crée le dossier en 0700
    written = {path.relative_to(folder) for path, _ in files}
    not_copied = written | dropped
    copied = [relative for relative in old if relative not in not_copied]
    for relative in {r.parent for r in copied} | {r.parent for r in written}:
        (work / relative).mkdir(parents=True, exist_ok=True)
    for relative in copied:
        shutil.copy2(folder / relative, work / relative, follow_symlinks=False)
    for path, text in files:
        _write_new(work / path.relative_to(folder), text.encode("utf-8"), _mode(path, 0o666))
    atomic.fsync_files([work / relative for relative in copied + sorted(written)])
    for parent, _, _ in os.walk(work, topdown=False):
        atomic.fsync_folder(Path(parent))


def _mode(path: Path, default: int) -> int:
    """Les droits de l'ancien fichier ou dossier ; pour un nouveau, ceux que donne l'umask."""
    try:
        return os.lstat(path).st_mode & 0o7777
    except FileNotFoundError:
        return default & ~atomic.umask()


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Crée `path` (jamais à travers un lien) ; `_build` le force ensuite sur le disque."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    with os.fdopen(os.open(path, flags, 0o600), "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fchmod(stream.fileno(), mode)


def _swap(work: Path, folder: Path, replacing: bool) -> None:
    if not replacing:
        # Sans `rename_new` (RENAME_NOREPLACE), un simple rename : sous le verrou, seul un
        # autre programme qu'essplan aurait pu créer le dossier entre-temps, et un dossier
        # non vide fait échouer rename.
        if not atomic.rename_new(work, folder):
            os.rename(work, folder)
    elif not atomic.exchange(work, folder):
        _swap_in_two_renames(work, folder)


def _swap_in_two_renames(work: Path, folder: Path) -> None:
    aside = work.with_name(work.name.replace(_NEW, _OLD, 1))
    # Ni Ctrl-C ni SIGTERM entre les deux renommages : ils attendent la fin de l'échange.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        os.rename(folder, aside)
        try:
            os.rename(work, folder)
        except BaseException:
            os.rename(aside, folder)
            raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    atomic.fsync_folder(folder.parent)
    _remove(aside)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink()
    else:
        shutil.rmtree(path)
