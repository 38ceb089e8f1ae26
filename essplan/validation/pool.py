"""Plusieurs plans, plusieurs processus : `map_plans` partage les plans d'un gros dépôt entre
un processus par cœur et rend les résultats dans l'ordre des plans.

Le nombre de processus est un argument (`jobs`) : c'est la ligne de commande qui lit
`ESSPLAN_JOBS`. Rien n'est gardé dans une variable du module : le travail et ses arguments
voyagent avec chaque lot de plans.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from ..repository import PlanTarget

Result = TypeVar("Result")

# En dessous de ce nombre de fichiers de fiches, un seul processus : lancer le pool (une
# trentaine de millisecondes) coûterait plus qu'il ne fait gagner.
PARALLEL_MIN_FICHES = 1000
# Au plus ce nombre de plans par lot envoyé à un processus : les résultats d'un lot arrivent
# ensemble, et un lot proportionnel au dépôt ferait croître la mémoire avec lui.
MAX_CHUNK = 4


def map_plans(
    work: Callable[..., Result],
    targets: Iterable[PlanTarget],
    args: tuple,
    jobs: int | None = None,
    preload: tuple[Callable[[], object], ...] = (),
) -> Iterator[Result]:
    """`work(target, *args)` pour chaque plan, résultats dans l'ordre des plans.

    `jobs` : 1 pour un seul processus, N pour N ; None (automatique) : un processus par cœur sur
    un gros dépôt (au moins `PARALLEL_MIN_FICHES` fichiers de fiches, plusieurs plans, plusieurs
    cœurs), un seul sinon. Chaque processus ne renvoie que ce que `work` rend (le résumé du plan
    et ses diagnostics, pas les modèles) ; la sortie se fait au fil de l'eau. `preload` : ce qui
    importe ou charge ce dont `work` a besoin à son premier plan (`loader.prepare`,
    `french.prepare`), appelé une fois avant de lancer les processus, qui en héritent au lieu
    de le faire chacun ; rien quand ce peut ne pas servir (`validate` avec le cache : un dépôt
    inchangé n'importe jamais les modèles).

    Ce qui vit avant le premier plan (modules, modèles, configuration) est mis hors de portée du
    ramasse-miettes des cycles le temps du travail (`gc.freeze`) : ce n'est pas un déchet, et
    chaque collecte complète le parcourait en entier (10 000 fiches : 0,05 s pour validate,
    0,08 s pour lint). Dans le pool, c'est ce que recommande la documentation de `gc` avant
    une bifurcation : les processus de travail ne touchent plus les pages qu'ils partagent.
    """
    targets = list(targets)
    count = min(jobs, max(len(targets), 1)) if jobs else automatic_jobs(targets)
    if count < 2:
        return _in_turn(work, targets, args)
    for step in preload:
        step()
    return _in_pool(partial(_apply, work, args), targets, count)


def _in_turn(
    work: Callable[..., Result], targets: list[PlanTarget], args: tuple
) -> Iterator[Result]:
    """Les plans l'un après l'autre, dans ce processus (voir `gc.freeze` plus haut)."""
    gc.freeze()
    try:
        for target in targets:
            yield work(target, *args)
    finally:
        gc.unfreeze()


def automatic_jobs(targets: list[PlanTarget]) -> int:
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    if cores < 2 or len(targets) < 2:
        return 1
    files = 0
    for target in targets:
        try:
            files += len(os.listdir(target.folder / "fiches"))
        except OSError:
            continue
        if files >= PARALLEL_MIN_FICHES:
            return min(cores, len(targets))
    return 1


def _apply(work: Callable[..., Result], args: tuple, target: PlanTarget) -> Result:
    return work(target, *args)


def _in_pool(
    task: Callable[[PlanTarget], Result], targets: list[PlanTarget], jobs: int
) -> Iterator[Result]:
    import multiprocessing

    # « fork » (Linux, macOS) : les processus de travail naissent avec les modules déjà
    # importés ; ailleurs, la méthode par défaut. Ce qui attend dans les tampons de sortie est
    # écrit avant : sinon chaque processus l'écrirait une seconde fois en se terminant.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # les processus de travail en héritent ; ce processus-ci, lui, le défait
    try:
        pool = context.Pool(jobs, initializer=_ignore_signals)
    finally:
        gc.unfreeze()
    chunk = max(1, min(MAX_CHUNK, len(targets) // (jobs * 16)))
    try:
        yield from pool.imap(task, targets, chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_signals() -> None:
    """Ctrl-C et SIGTERM sont l'affaire du processus principal, qui arrête le pool (`terminate`
    envoie SIGTERM) : un processus de travail n'écrit rien, il s'arrête net."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
