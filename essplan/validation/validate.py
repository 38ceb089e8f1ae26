"""Valider des plans : le schéma (au chargement, `loader.py`) puis les références entre
fichiers (`references.py`), un plan après l'autre ou, sur un gros dépôt, en parallèle
(`pool.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, with_excerpts
from ..reading.document import Limits
from ..repository import PlanTarget
from .cache import CacheMismatch, PlanCache, open_plan_cache
from .loader import LoadedPlan, load_plan, prepare, read_pending
from .pool import map_plans
from .references import check_references


def validate_plan(
    target: PlanTarget, limits: Limits = Limits(), cache: PlanCache | None = None
) -> LoadedPlan:
    loaded = load_plan(target.folder, target.display, limits, target.root, cache)
    if loaded.plan is not None:
        loaded.diagnostics.extend(check_references(loaded))
    if cache is not None:
        try:
            read_pending(loaded, cache, {d.file for d in loaded.diagnostics})
        except CacheMismatch:  # une fiche a changé pendant la lecture : le plan sans le cache
            return validate_plan(target, limits)
    loaded.diagnostics[:] = with_excerpts(
        sorted((d.with_plan(loaded.id) for d in loaded.diagnostics), key=Diagnostic.sort_key),
        loaded.sources,
    )
    return loaded


def validate(targets: Iterable[PlanTarget], limits: Limits = Limits()) -> Iterator[LoadedPlan]:
    """Un plan après l'autre : la mémoire reste celle d'un plan, quel que soit le corpus."""
    for target in targets:
        yield validate_plan(target, limits)


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """Ce que le rapport d'une commande garde d'un plan : qui il est, combien il a de fiches.

    C'est tout ce qu'un processus de travail renvoie avec les diagnostics : pas les modèles.
    """

    id: str
    display: str
    fiche_files: int

    @classmethod
    def of(cls, loaded: LoadedPlan) -> PlanOutcome:
        return cls(loaded.id, loaded.display, loaded.fiche_files)


Outcome = tuple[PlanOutcome, list[Diagnostic]]


def validate_outcomes(
    targets: Iterable[PlanTarget],
    configs: Mapping[Path, Any],
    jobs: int | None = None,
    cache_key: bytes | None = None,
) -> Iterator[Outcome]:
    """`validate` pour la ligne de commande : (plan, diagnostics) de chaque plan, dans l'ordre
    des plans, en parallèle sur un gros dépôt (`pool.map_plans`). `configs` : la configuration
    de chaque dépôt (`config.configs_for`), dont on prend les limites de lecture ; `cache_key` :
    la clé qui signe le cache (`cache.py`), None pour s'en passer."""
    # avec le cache, un dépôt inchangé n'importe pas les modèles : pas avant le pool
    preload = (prepare,) if cache_key is None else ()
    return map_plans(_validate_outcome, targets, (configs, cache_key), jobs, preload)


def _validate_outcome(
    target: PlanTarget, configs: Mapping[Path, Any], cache_key: bytes | None
) -> Outcome:
    import essplan

    limits = configs[target.root].limits
    cache = None
    if cache_key is not None:
        cache = open_plan_cache(target.root, target.folder, cache_key, limits, essplan.__version__)
    loaded = validate_plan(target, limits, cache)
    if cache is not None:
        cache.save()
    return PlanOutcome.of(loaded), loaded.diagnostics
