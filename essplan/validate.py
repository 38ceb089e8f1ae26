"""Valider des plans : schéma (via le chargement) puis références entre fichiers.

Références vérifiées : chaque fiche est rattachée à un axe déclaré (ESS006), identifiants
uniques dans un plan (ESS007), `liens`, `budget.lignes[].fiches` et `sources[].fichier`
mènent quelque part (ESS008).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity, format_key_path
from .loader import LoadedPlan, load_plan
from .repository import PlanTarget
from .yamlfile import Limits, YamlDocument, is_within


def validate_plan(target: PlanTarget, limits: Limits = Limits()) -> LoadedPlan:
    loaded = load_plan(target.folder, target.display, limits, target.root)
    if loaded.plan is not None:
        loaded.diagnostics.extend(check_references(loaded))
    loaded.diagnostics[:] = sorted(
        (d.with_plan(loaded.id) for d in loaded.diagnostics), key=Diagnostic.sort_key
    )
    return loaded


def validate(targets: Iterable[PlanTarget], limits: Limits = Limits()) -> Iterator[LoadedPlan]:
    """Un plan après l'autre : la mémoire reste celle d'un plan, quel que soit le corpus."""
    for target in targets:
        yield validate_plan(target, limits)


# ------------------------------------------------------- plusieurs plans, plusieurs processus


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

# `ESSPLAN_JOBS` : 1 pour un seul processus, N pour N processus ; absent (ou 0) : automatique,
# autant de processus que de cœurs, et un seul pour un petit dépôt.
JOBS_VARIABLE = "ESSPLAN_JOBS"
# En dessous de ce nombre de fichiers de fiches, un seul processus : lancer le pool (une
# trentaine de millisecondes) coûterait plus qu'il ne fait gagner.
PARALLEL_MIN_FICHES = 1000


def validate_outcomes(targets: Iterable[PlanTarget], configs: Mapping[Path, Any]) -> Iterator[Outcome]:
    """`validate` pour la ligne de commande : (plan, diagnostics) de chaque plan, dans l'ordre
    des plans, en parallèle sur un gros dépôt (voir `map_plans`). `configs` : la configuration
    de chaque dépôt (`config.configs_for`), dont on prend les limites de lecture."""
    return map_plans(_validate_outcome, targets, (configs,))


def _validate_outcome(target: PlanTarget, configs: Mapping[Path, Any]) -> Outcome:
    loaded = validate_plan(target, configs[target.root].limits)
    return PlanOutcome.of(loaded), loaded.diagnostics


def map_plans(work: Callable[..., Outcome], targets: Iterable[PlanTarget], args: tuple) -> Iterator[Outcome]:
    """`work(target, *args)` pour chaque plan, résultats dans l'ordre des plans.

    Sur un gros dépôt (au moins `PARALLEL_MIN_FICHES` fichiers de fiches, plusieurs plans,
    plusieurs cœurs), un pool de processus, un par cœur, se partage les plans ; chacun ne
    renvoie que le résumé du plan et ses diagnostics, et la sortie se fait au fil de l'eau.
    Sinon, tout se passe dans ce processus, un plan après l'autre.
    """
    targets = list(targets)
    jobs = _jobs(targets)
    if jobs < 2:
        return (work(target, *args) for target in targets)
    return _in_pool(work, targets, args, jobs)


def _jobs(targets: list[PlanTarget]) -> int:
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return min(int(setting), max(len(targets), 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
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


def _in_pool(work: Callable[..., Outcome], targets: list[PlanTarget], args: tuple,
             jobs: int) -> Iterator[Outcome]:
    import multiprocessing

    from . import models  # noqa: F401 — importé avant la bifurcation : les processus en héritent

    # « fork » (Linux, macOS) : les processus de travail naissent avec les modules déjà
    # importés ; ailleurs, la méthode par défaut. Ce qui attend dans les tampons de sortie est
    # écrit avant : sinon chaque processus l'écrirait une seconde fois en se terminant.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    sys.stdout.flush()
    sys.stderr.flush()
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(work, args))
    try:
        yield from pool.imap(_work, targets, chunksize=max(1, len(targets) // (jobs * 16)))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


_job: tuple[Callable[..., Outcome], tuple] | None = None


def _start_worker(work: Callable[..., Outcome], args: tuple) -> None:
    import signal

    global _job
    _job = (work, args)
    # Ctrl-C et SIGTERM sont l'affaire du processus principal, qui arrête le pool
    # (`terminate` envoie SIGTERM) : un processus de travail n'écrit rien, il s'arrête net.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _work(target: PlanTarget) -> Outcome:
    work, args = _job
    return work(target, *args)


@dataclass(slots=True)
class Summary:
    """Les comptes d'une exécution, pour la ligne de résumé."""

    plans: int = 0
    fiches: int = 0
    counts: dict[Severity, int] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)

    def add(self, loaded: LoadedPlan, diagnostics: Iterable[Diagnostic]) -> None:
        self.plans += 1
        self.fiches += loaded.fiche_files
        for diagnostic in diagnostics:
            self.counts[diagnostic.severity] = self.counts.get(diagnostic.severity, 0) + 1
            self.files.add(diagnostic.file)


def _at(document: YamlDocument, path: tuple, code: str, message: str, suggestion: str | None = None) -> Diagnostic:
    line, column = document.position(path)
    return Diagnostic(code, message, document.file, line, column, format_key_path(path),
                      suggestion=suggestion)


def check_references(loaded: LoadedPlan) -> list[Diagnostic]:
    plan, document = loaded.plan, loaded.document
    problems: list[Diagnostic] = []

    axe_codes: dict[str, int] = {}
    for index, axe in enumerate(plan.axes):
        code = str(axe.code)
        if code in axe_codes:
            problems.append(_at(document, ("axes", index, "code"), "ESS007",
                                f"code d'axe « {code} » déjà utilisé (axes[{axe_codes[code] + 1}])"))
        axe_codes.setdefault(code, index)

    ids: dict[str, str] = {}
    for item in loaded.fiches:
        fiche = item.fiche
        if fiche.id in ids:
            problems.append(_at(item.document, ("id",), "ESS007",
                                f"identifiant « {fiche.id} » déjà utilisé par {ids[fiche.id]}"))
        else:
            ids[fiche.id] = item.document.file
        if str(fiche.axe) not in axe_codes:
            problems.append(_at(
                item.document, ("axe",), "ESS006",
                f"axe « {fiche.axe} » inconnu : plan.yaml ne le déclare pas",
                suggestion="axes du plan : " + ", ".join(axe_codes),
            ))

    if loaded.unreadable_fiches:
        return problems  # une fiche illisible peut être la cible de n'importe quel lien
    known = ids.keys() | loaded.invalid_ids
    for item in loaded.fiches:
        for index, target in enumerate(item.fiche.liens or []):
            if target not in known:
                problems.append(_at(item.document, ("liens", index), "ESS008",
                                    f"lien vers la fiche « {target} », qui n'existe pas dans ce plan"))
    if plan.budget:
        for line_index, line in enumerate(plan.budget.lignes):
            for index, target in enumerate(line.fiches):
                if target not in known:
                    problems.append(_at(
                        document, ("budget", "lignes", line_index, "fiches", index), "ESS008",
                        f"la ligne « {line.libelle} » finance la fiche « {target} », qui n'existe pas",
                    ))
    for index, source in enumerate(plan.sources):
        if source.fichier and not _source_exists(loaded.folder, source.fichier):
            problems.append(_at(document, ("sources", index, "fichier"), "ESS008",
                                f"fichier source « {source.fichier} » introuvable dans le dossier du plan"))
    return problems


def _source_exists(folder: Path, relative: str) -> bool:
    path = folder / relative
    return path.is_file() and is_within(path, folder)
