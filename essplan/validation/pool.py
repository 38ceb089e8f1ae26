"""Plusieurs plans, plusieurs processus : `map_plans` partage les plans d'un gros dépôt entre
un processus par cœur et rend les résultats dans l'ordre des plans.

Le nombre de processus est un argument (`jobs`) : c'est la ligne de commande qui lit
`ESSPLAN_JOBS`. Rien n'est gardé dans une variable du module : le travail et ses arguments
voyagent avec chaque lot de plans.
"""

from __future__ import annotations

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
    preload: bool = True,
) -> Iterator[Result]:
    """`work(target, *args)` pour chaque plan, résultats dans l'ordre des plans.

    `jobs` : 1 pour un seul processus, N pour N ; None (automatique) : un processus par cœur sur
    un gros dépôt (au moins `PARALLEL_MIN_FICHES` fichiers de fiches, plusieurs plans, plusieurs
    cœurs), un seul sinon. Chaque processus ne renvoie que ce que `work` rend (le résumé du plan
    et ses diagnostics, pas les modèles) ; la sortie se fait au fil de l'eau. `preload` : les
    modèles (pydantic) importés une fois avant de lancer les processus, qui en héritent ; False
    quand ils peuvent ne pas servir (`validate` avec le cache : chaque processus les importe à
    sa première fiche relue, un dépôt inchangé jamais).
    """
    targets = list(targets)
    count = min(jobs, max(len(targets), 1)) if jobs else automatic_jobs(targets)
    if count < 2:
        return (work(target, *args) for target in targets)
    if preload:
        from ..model import fiche, plan  # noqa: F401 — avant la bifurcation : les processus en héritent
    return _in_pool(partial(_apply, work, args), targets, count)


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
    pool = context.Pool(jobs, initializer=_ignore_signals)
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
