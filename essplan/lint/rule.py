"""Ce qu'une règle du linter voit et rend : l'API des modules de `rules/`.

Une règle est une fonction décorée par `fiche_rule` (appelée pour chaque fiche, avec un
`FicheContext`) ou `plan_rule` (appelée une fois par plan, avec un `PlanContext`), qui porte
son code stable, son nom, son intitulé français, sa sévérité par défaut et sa documentation
(`essplan rule ESS302`). Elle produit des `Finding` positionnés ; le moteur (`engine.py`) en
fait des diagnostics.

Ce module n'importe rien du moteur : les règles en dépendent, le moteur dépend des règles.
Le décorateur n'inscrit la règle nulle part : le registre est la liste explicite de
`rules/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import Horizons
from ..diagnostics import CodeDoc, Severity
from ..model.cost_checks import CostIssue, cost_issues
from ..model.months import Month
from ..reading.document import KeyPath, YamlDocument
from ..suivi.state import has_follow_up
from ..validation.loader import LoadedFiche, LoadedPlan


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


def fiche_rule(**doc: Any) -> Callable[[Callable[[FicheContext], Iterable[Finding]]], Rule]:
    return lambda check: Rule(CodeDoc(**doc), "fiche", check)


def plan_rule(**doc: Any) -> Callable[[Callable[[PlanContext], Iterable[Finding]]], Rule]:
    return lambda check: Rule(CodeDoc(**doc), "plan", check)


def finding_in(
    document: YamlDocument, path: KeyPath, message: str, suggestion: str | None = None
) -> Finding:
    """Un constat sur `document`, à la position de `path` (ou de son parent le plus proche)."""
    line, column, key_path = document.locate(path)
    return Finding(message, document.file, line, column, key_path, suggestion)


@dataclass(slots=True)
class PlanContext:
    loaded: LoadedPlan
    reference: Month | None  # le mois de référence (`--date`) ; None : les règles datées se taisent
    horizons: Horizons = Horizons()  # `[suivi]` de essplan.toml (ESS602)
    # le plan porte un suivi : None, calculé à la première demande (`carries_follow_up`) ; le
    # cache du linter le donne d'avance, ses fiches ne sauraient pas le dire (`cached.py`)
    follow_up: bool | None = None

    @property
    def plan(self) -> Any:
        return self.loaded.plan

    @property
    def vote(self) -> Any:
        """Les comptes du vote de la délibération, s'il y en a."""
        deliberation = self.plan.deliberation
        return deliberation.vote if deliberation else None

    @property
    def carries_follow_up(self) -> bool:
        """Une fiche au moins porte des données de suivi (journal, dépenses, valeurs
        d'indicateurs) : le plan est suivi. Calculé une fois par plan, pas une fois par fiche
        (ESS605 le demande à chacune : sinon, le linter serait quadratique)."""
        if self.follow_up is None:
            self.follow_up = any(has_follow_up(item.fiche) for item in self.loaded.fiches)
        return self.follow_up

    def at(self, path: KeyPath, message: str, suggestion: str | None = None) -> Finding:
        """Un constat sur plan.yaml, à la position de `path` (ou de son parent le plus proche)."""
        return finding_in(self.loaded.plan_document, path, message, suggestion)


@dataclass(slots=True)
class FicheContext:
    plan_context: PlanContext
    item: LoadedFiche
    _cost_issues: tuple[CostIssue, ...] | None = None  # calculés une fois par fiche
    # `item.fiche`, en attribut : les règles le demandent des centaines de milliers de fois
    fiche: Any = field(init=False)

    def __post_init__(self) -> None:
        self.fiche = self.item.fiche

    @property
    def plan(self) -> Any:
        return self.plan_context.plan

    def at(self, path: KeyPath, message: str, suggestion: str | None = None) -> Finding:
        return finding_in(self.item.document, path, message, suggestion)

    def cost_findings(self, code: str) -> Iterator[Finding]:
        """Les constats de la règle `code` sur le coût de la fiche (voir `cost_checks`), à la
        clé qu'ils visent quand le coût est écrit en dictionnaire."""
        issues = self._cost_issues
        if issues is None:  # cinq règles les lisent : un seul calcul
            cout = self.fiche.cout
            issues = self._cost_issues = cost_issues(cout) if cout is not None else ()
        if not issues:  # le cas courant : rien à dire sur le coût
            return
        mapping = isinstance(self.item.document.data.get("cout"), dict)
        for issue in issues:
            if issue.code == code and issue.message:
                path = ("cout", issue.key) if mapping and issue.key else ("cout",)
                yield self.at(path, issue.message, issue.suggestion)
