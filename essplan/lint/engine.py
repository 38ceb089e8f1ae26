"""Le moteur du linter : les règles de `rules/` passées sur un plan chargé.

Le moteur ajoute à chaque constat son code, son nom et sa sévérité, applique la configuration
(`select`, `ignore`, sévérités, `per-file-ignores`) et les suppressions écrites dans les
fichiers (`suppressions.py`). Un plan invalide est rendu avec ses erreurs de validation ; les
règles ne passent que sur ce qui a pu être chargé.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import french
from ..config import Config
from ..diagnostics import Citations, Diagnostic
from ..model.months import Month
from ..repository import PlanTarget
from ..validation.cache import CacheMismatch, PlanCache, open_plan_cache
from ..validation.loader import LoadedPlan, prepare, read_pending
from ..validation.pool import map_plans
from ..validation.validate import Outcome, PlanOutcome, validate_plan
from .cached import Remembered, note_findings, recall_findings
from .rule import FicheContext, Finding, PlanContext, Rule
from .rules import RULES, UNUSED_SUPPRESSION
from .suppressions import apply_suppressions


@dataclass(slots=True)
class LintResult:
    loaded: LoadedPlan
    diagnostics: list[Diagnostic] = field(default_factory=list)


def lint_plan(
    target: PlanTarget, config: Config, reference: Month | None, cache: PlanCache | None = None
) -> LintResult:
    """Valide puis contrôle un plan ; `cache` : le cache du linter pour ce plan (`cached.py`)."""
    loaded = validate_plan(target, config.limits, cache)
    try:
        return lint_loaded(loaded, config, reference, target.root, cache)
    except CacheMismatch:  # une entrée qui ne dit pas son texte : le plan sans le cache
        return lint_plan(target, config, reference)


def lint_loaded(
    loaded: LoadedPlan,
    config: Config,
    reference: Month | None,
    root: Path,
    cache: PlanCache | None = None,
) -> LintResult:
    """Les règles sur un plan déjà validé (`root` : le dépôt, pour `per-file-ignores` ;
    `reference` : le mois du contrôle, None pour taire les règles qui en dépendent)."""
    result = LintResult(loaded, list(loaded.diagnostics))
    if loaded.plan is None:
        return result
    rules = [rule for rule in RULES if config.enabled(rule.code)]
    context = PlanContext(loaded, reference, config.horizons)
    remembered, digest = recall_findings(context, cache, config, rules) if cache else ({}, "")
    produced: Remembered | None = {} if cache is not None else None
    raw = _run(rules, context, remembered, produced)
    if produced is not None and cache is not None:
        note_findings(context, cache, digest, produced)
    documents = [loaded.plan_document, *(item.document for item in loaded.fiches)]
    # la ligne citée de chaque constat dès sa création, quand son fichier a été lu ; celle d'un
    # fichier que le cache a cru sans le lire, après `read_pending` (`citations.cite`)
    citations = Citations(loaded.sources)
    kept = apply_suppressions(raw, documents, config, UNUSED_SUPPRESSION, loaded.id, citations)
    if config.per_file_ignores:
        kept = [
            d
            for d in kept
            if not config.ignored_for_file(d.code, _in_repository(d.file, loaded, root))
        ]
    result.diagnostics.extend(kept)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    if cache is not None:
        read_pending(loaded, cache, {d.file for d in result.diagnostics})
    result.diagnostics = citations.cite(result.diagnostics)
    return result


def _in_repository(file: str, loaded: LoadedPlan, root: Path) -> str:
    """Le chemin d'un fichier du plan relatif au dépôt (« plans/p/fiches/1.1.yaml »), sans
    passer par le dossier courant : le fichier affiché commence par le dossier affiché."""
    inside = (
        file.removeprefix(f"{loaded.display}/") if file.startswith(f"{loaded.display}/") else file
    )
    return Path(os.path.relpath(loaded.folder / inside, root)).as_posix()


def lint(
    targets: Iterable[PlanTarget], config: Config, reference: Month | None
) -> Iterator[LintResult]:
    for target in targets:
        yield lint_plan(target, config, reference)


def lint_outcomes(
    targets: Iterable[PlanTarget],
    configs: Mapping[Path, Config],
    reference: Month | None,
    jobs: int | None = None,
    cache_key: bytes | None = None,
) -> Iterator[Outcome]:
    """`lint` pour la ligne de commande : (plan, diagnostics) de chaque plan, dans l'ordre des
    plans, en parallèle sur un gros dépôt (`validation.pool.map_plans`) ; chaque plan avec la
    configuration de son dépôt (`config.configs_for`)."""
    preload = (prepare, french.prepare)
    return map_plans(_lint_outcome, targets, (configs, reference, cache_key), jobs, preload)


def _lint_outcome(
    target: PlanTarget,
    configs: Mapping[Path, Config],
    reference: Month | None,
    cache_key: bytes | None,
) -> Outcome:
    import essplan

    config = configs[target.root]
    cache = None
    if cache_key is not None:
        cache = open_plan_cache(
            target.root, target.folder, cache_key, config.limits, essplan.__version__, "lint"
        )
    result = lint_plan(target, config, reference, cache)
    if cache is not None:
        cache.save()
    return PlanOutcome.of(result.loaded), result.diagnostics


def _run(
    rules: list[Rule], context: PlanContext, remembered: Remembered, produced: Remembered | None
) -> list[tuple[Rule, Finding]]:
    """Les constats de chaque règle, dans l'ordre des règles puis du plan. Avec le cache
    (`produced` n'est pas None) : ceux d'une fiche de `remembered` ne sont pas recherchés, et
    ceux des règles de fiche sont gardés dans `produced`, par fiche."""
    # L'ordre du plan et le contexte de chaque fiche, une fois pour toutes les règles de fiche.
    fiches = [FicheContext(context, item) for item in context.loaded.in_plan_order()]
    raw: list[tuple[Rule, Finding]] = []
    append = raw.append  # chemin chaud : une règle de fiche × chaque fiche du dépôt
    for rule in rules:
        check = rule.check
        if rule.scope == "plan":
            raw.extend((rule, finding) for finding in check(context))
        elif produced is None:
            for fiche_context in fiches:
                for finding in check(fiche_context):
                    append((rule, finding))
        else:
            raw.extend((rule, f) for f in _with_cache(rule, fiches, remembered, produced))
    return raw


def _with_cache(
    rule: Rule, fiches: list[FicheContext], remembered: Remembered, produced: Remembered
) -> Iterator[Finding]:
    code = rule.code
    for fiche_context in fiches:
        shown = fiche_context.item.document.file
        kept = remembered.get(shown)
        found = kept.get(code, []) if kept is not None else list(rule.check(fiche_context))
        if found:
            produced.setdefault(shown, {})[code] = found
            yield from found
