"""Le linter : des règles, une par module dans `essplan/rules/`, passées sur un plan chargé.

Une règle est une fonction décorée par `fiche_rule` (appelée pour chaque fiche) ou
`plan_rule` (appelée une fois par plan), qui porte son code stable, son nom, sa sévérité par
défaut et sa documentation (`essplan rule ESS302`). Elle produit des `Finding` positionnés ;
le moteur y ajoute code et sévérité, applique la configuration (`select`, `ignore`,
sévérités, `per-file-ignores`) et les suppressions écrites dans les fichiers
(`# essplan: ignore[ESS302]`), puis signale les suppressions qui n'ont servi à rien (ESS900).

Un plan invalide est rendu avec ses erreurs de validation ; les règles ne passent que sur ce
qui a pu être chargé.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .diagnostics import CATALOGUE, CodeDoc, Diagnostic, Severity, format_key_path
from .loader import LoadedFiche, LoadedPlan
from .repository import PlanTarget
from .validate import Outcome, PlanOutcome, map_plans, validate_plan
from .months import Month
from .yamlfile import Suppression, YamlDocument


@dataclass(frozen=True, slots=True)
class Finding:
    """Ce qu'une règle a trouvé, et où ; le moteur en fait un `Diagnostic`."""

    message: str
    file: str
    line: int
    column: int
    path: str = ""
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    doc: CodeDoc
    scope: str  # "fiche" | "plan"
    check: Callable[..., Iterable[Finding]]

    @property
    def code(self) -> str:
        return self.doc.code

    @property
    def name(self) -> str:
        return self.doc.name

    @property
    def severity(self) -> Severity:
        return self.doc.severity


RULES: dict[str, Rule] = {}


def _rule(scope: str, **doc: object) -> Callable[[Callable], Rule]:
    def register(check: Callable) -> Rule:
        rule = Rule(CodeDoc(**doc), scope, check)
        RULES[rule.code] = rule
        CATALOGUE[rule.code] = rule.doc
        return rule

    return register


def fiche_rule(**doc: object) -> Callable[[Callable], Rule]:
    return _rule("fiche", **doc)


def plan_rule(**doc: object) -> Callable[[Callable], Rule]:
    return _rule("plan", **doc)


def all_rules() -> dict[str, Rule]:
    from . import rules  # noqa: F401 — l'import enregistre chaque règle

    return RULES


# ------------------------------------------------------------------------------ contextes


def finding_in(document: YamlDocument, path: tuple, message: str, suggestion: str | None = None) -> Finding:
    """Un constat sur `document`, à la position de `path` (ou de son parent le plus proche)."""
    line, column = document.position(path)
    return Finding(message, document.file, line, column, format_key_path(path), suggestion)


@dataclass(slots=True)
class PlanContext:
    loaded: LoadedPlan
    reference: Month  # le mois de référence (`--date`) pour les actions en retard

    @property
    def plan(self):
        return self.loaded.plan

    @property
    def vote(self):
        """Les comptes du vote de la délibération, s'il y en a."""
        deliberation = self.plan.deliberation
        return deliberation.vote if deliberation else None

    def at(self, path: tuple, message: str, suggestion: str | None = None) -> Finding:
        """Un constat sur plan.yaml, à la position de `path` (ou de son parent le plus proche)."""
        return finding_in(self.loaded.document, path, message, suggestion)


@dataclass(slots=True)
class FicheContext:
    plan_context: PlanContext
    item: LoadedFiche
    _cost_issues: tuple | None = None  # `cost_checks.cost_issues`, calculés une fois par fiche

    @property
    def fiche(self):
        return self.item.fiche

    @property
    def plan(self):
        return self.plan_context.plan

    def at(self, path: tuple, message: str, suggestion: str | None = None) -> Finding:
        return finding_in(self.item.document, path, message, suggestion)

    def cost_findings(self, code: str) -> Iterator[Finding]:
        """Les constats de la règle `code` sur le coût de la fiche (voir `cost_checks`), à la
        clé qu'ils visent quand le coût est écrit en dictionnaire."""
        from .cost_checks import cost_issues

        cout = self.fiche.cout
        if cout is None:
            return
        if self._cost_issues is None:  # cinq règles les lisent : un seul calcul
            self._cost_issues = cost_issues(cout)
        mapping = isinstance(self.item.document.data.get("cout"), dict)
        for issue in self._cost_issues:
            if issue.code == code and issue.message:
                path = ("cout", issue.key) if mapping and issue.key else ("cout",)
                yield self.at(path, issue.message, issue.suggestion)


# ------------------------------------------------------------------------------- le moteur


@dataclass(slots=True)
class LintResult:
    loaded: LoadedPlan
    diagnostics: list[Diagnostic] = field(default_factory=list)


def lint_plan(target: PlanTarget, config: Config, reference: Month) -> LintResult:
    return lint_loaded(validate_plan(target, config.limits), config, reference, target.root)


def lint_loaded(loaded: LoadedPlan, config: Config, reference: Month, root: Path) -> LintResult:
    """Les règles sur un plan déjà validé (`root` : le dépôt, pour `per-file-ignores`)."""
    result = LintResult(loaded, list(loaded.diagnostics))
    if loaded.plan is None:
        return result
    rules = [rule for rule in all_rules().values() if config.enabled(rule.code)]
    context = PlanContext(loaded, reference)
    raw = list(_run(rules, context))
    documents = [loaded.document, *(item.document for item in loaded.fiches)]
    kept = _apply_suppressions(raw, documents, config)
    kept = [d for d in kept if not config.ignored_for_file(d.code, root, d.file)]
    result.diagnostics.extend(d.with_plan(loaded.id) for d in kept)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def lint(targets: Iterable[PlanTarget], config: Config, reference: Month) -> Iterator[LintResult]:
    for target in targets:
        yield lint_plan(target, config, reference)


def lint_outcomes(targets: Iterable[PlanTarget], configs: Mapping[Path, Config],
                  reference: Month) -> Iterator[Outcome]:
    """`lint` pour la ligne de commande : (plan, diagnostics) de chaque plan, dans l'ordre des
    plans, en parallèle sur un gros dépôt (voir `validate.map_plans`) ; chaque plan avec la
    configuration de son dépôt (`config.configs_for`)."""
    return map_plans(_lint_outcome, targets, (configs, reference))


def _lint_outcome(target: PlanTarget, configs: Mapping[Path, Config], reference: Month) -> Outcome:
    result = lint_plan(target, configs[target.root], reference)
    return PlanOutcome.of(result.loaded), result.diagnostics


def _run(rules: list[Rule], context: PlanContext) -> Iterator[tuple[Rule, Finding]]:
    # L'ordre du plan et le contexte de chaque fiche, une fois pour toutes les règles de fiche.
    fiches = [FicheContext(context, item) for item in context.loaded.in_plan_order()]
    for rule in rules:
        if rule.scope == "plan":
            for finding in rule.check(context):
                yield rule, finding
        else:
            for fiche_context in fiches:
                for finding in rule.check(fiche_context):
                    yield rule, finding


def _diagnostic(code: str, severity: Severity, finding: Finding) -> Diagnostic:
    return Diagnostic(code, finding.message, finding.file, finding.line, finding.column,
                      finding.path, severity, finding.suggestion)


def _apply_suppressions(raw: list[tuple[Rule, Finding]], documents: list[YamlDocument],
                        config: Config) -> list[Diagnostic]:
    """Retire ce que les commentaires `# essplan: ignore[…]` suppriment ; signale l'inutile."""
    by_file = {doc.file: doc.suppressions for doc in documents if doc is not None}
    used: set[tuple[str, int, str]] = set()
    kept = []
    for rule, finding in raw:
        suppression = _matching(by_file.get(finding.file, ()), rule.code, finding.line)
        if suppression is not None:
            used.add((finding.file, suppression.line, rule.code))
            continue
        kept.append(_diagnostic(rule.code, config.severity(rule.code), finding))
    if config.enabled("ESS900"):
        kept.extend(_unused(by_file, used, config))
    return kept


def _matching(suppressions: Iterable[Suppression], code: str, line: int) -> Suppression | None:
    for suppression in suppressions:
        if code in suppression.codes and (
            suppression.whole_file or suppression.line in (line, line - 1)
        ):
            return suppression
    return None


def _unused(by_file: dict, used: set, config: Config) -> Iterator[Diagnostic]:
    for file, suppressions in by_file.items():
        for suppression in suppressions:
            if not suppression.codes:
                message = ("suppression sans code : écrivez « # essplan: ignore[ESS302] » (le code"
                           " dit ce qui est supprimé)")
            else:
                unused = [c for c in suppression.codes if (file, suppression.line, c) not in used]
                if not unused:
                    continue
                message = f"suppression inutile : {', '.join(unused)} ne signale rien ici"
            yield Diagnostic("ESS900", message, file, suppression.line, suppression.column,
                             severity=config.severity("ESS900"),
                             suggestion="retirez le commentaire, ou le code qui ne sert plus")


def reference_month(text: str | None) -> Month:
    """Le mois de `--date AAAA-MM`, par défaut le mois courant ; `MonthError` s'il n'est pas un
    mois exact (une date de contrôle ne peut pas être « 2026 » ou « fin 2026 »)."""
    from .months import MonthError, parse_month

    if text is None:
        today = dt.date.today()
        return Month(today.strftime("%Y-%m"), today.year, today.month)
    try:
        month = parse_month(text)
    except MonthError as error:
        # La lecture la plus proche (« septembre 2026 »), mais pas les formes d'un mois de fiche
        # (« ? » n'a pas de sens pour une date de contrôle).
        nearest = error.suggestion if (error.suggestion or "").startswith("vouliez") else None
        raise MonthError(f"« {text} » n'est pas un mois", nearest) from None
    if not month.known or month.imprecision:
        raise MonthError(f"« {text} » n'est pas un mois précis",
                         f"écrivez --date {month.iso or 'AAAA-MM'}" if month.known else None)
    return month
