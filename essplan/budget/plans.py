"""Le budget de plusieurs plans : chaque plan calculé à son tour (en parallèle sur un gros
dépôt, `validation.pool.map_plans`), et le total général accumulé plan par plan.

Le total général (`GrandTotal`) ne garde que quatre valeurs par année — le coût des actions,
celui des enveloppes, et s'il y a eu de quoi les compter — : un dépôt de 60 000 fiches n'occupe
pas plus de mémoire qu'un plan. `BudgetReport` garde tous ses plans : c'est la forme d'un
budget déjà calculé (les tests, un appel de bibliothèque) ; la commande `budget`, elle, écrit
chaque plan dès qu'il est calculé (`stream.py`) et l'oublie.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..repository import PlanTarget
from ..validation.loader import prepare
from ..validation.pool import map_plans
from ..validation.validate import validate_plan
from .compute import compute_matrix, compute_year
from .figures import ZERO, PlanMatrix, YearBudget


@dataclass(slots=True)
class GrandTotal:
    """Le total général, année par année, de tous les plans vus (`add`) : jamais la somme des
    actions et des enveloppes, qui ne s'additionnent pas."""

    annee: int | None  # l'année demandée ; None : la matrice de toutes les années
    plans: int = 0
    # année → [coût des actions, enveloppe, une fiche chiffrée, une ligne d'enveloppe comptée]
    years: dict[int, list] = field(default_factory=dict)

    def add(self, item: YearBudget | PlanMatrix) -> None:
        self.plans += 1
        budgets = (item,) if isinstance(item, YearBudget) else item.year_budgets
        for budget in budgets:
            entry = self.years.setdefault(budget.annee, [ZERO, ZERO, False, False])
            entry[0] += budget.total
            entry[1] += budget.enveloppe.total
            entry[2] = entry[2] or bool(budget.fiches)
            # Une enveloppe annuelle déclarée compte, fût-ce 0 € hors de sa période : c'est ce
            # que dit le bloc du plan ; « — » n'est écrit que si aucun plan n'a de ligne annuelle.
            entry[3] = entry[3] or bool(budget.enveloppe.lignes or budget.enveloppe.hors_periode)

    @property
    def annees(self) -> tuple[int, ...]:
        if self.annee is not None:
            return (self.annee,)
        return tuple(sorted(self.years))

    def grand_totals(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Année → (total des fiches, total des enveloppes), tous plans confondus."""
        return {year: (self._entry(year)[0], self._entry(year)[1]) for year in self.annees}

    def counted(self, year: int) -> tuple[bool, bool]:
        """(une fiche chiffrée, une ligne d'enveloppe comptée) cette année, tous plans confondus :
        sans rien de compté, l'affichage écrit « — » plutôt qu'un 0 trompeur."""
        entry = self._entry(year)
        return entry[2], entry[3]

    def _entry(self, year: int) -> list:
        return self.years.get(year, [ZERO, ZERO, False, False])


@dataclass(frozen=True, slots=True)
class BudgetReport:
    """Un budget calculé : une année (`annee`) ou la matrice (`annee` None), tous ses plans."""

    annee: int | None
    prorata: bool
    plans: tuple  # YearBudget si `annee`, sinon PlanMatrix

    def totals(self) -> GrandTotal:
        total = GrandTotal(self.annee)
        for item in self.plans:
            total.add(item)
        return total

    @property
    def annees(self) -> tuple[int, ...]:
        return self.totals().annees

    def grand_totals(self) -> dict[int, tuple[Decimal, Decimal]]:
        return self.totals().grand_totals()

    def counted(self, year: int) -> tuple[bool, bool]:
        return self.totals().counted(year)


# ------------------------------------------------------------------------ plusieurs plans


@dataclass(frozen=True, slots=True)
class InvalidPlan:
    """Un plan qui ne se valide pas : ce qu'il faut pour le dire (`cli.common.reject_invalid`),
    sans ses modèles (c'est ce qu'un processus de travail renvoie)."""

    id: str
    display: str
    errors: tuple[Diagnostic, ...]
    usable: bool = False

    def blocking_errors(self) -> list[Diagnostic]:
        return list(self.errors)


def budgets(
    targets: Iterable[PlanTarget],
    configs: Mapping[Path, Any],
    year: int | None,
    prorata: bool,
    jobs: int | None,
) -> Iterator[YearBudget | PlanMatrix | InvalidPlan]:
    """Le budget de chaque plan (l'année `year`, ou toutes), dans l'ordre des plans, en
    parallèle sur un gros dépôt ; `configs` : la configuration de chaque dépôt (ses limites de
    lecture). Un plan chargé n'est gardé que le temps de calculer son budget."""
    return map_plans(_budget_of, targets, (configs, year, prorata), jobs, (prepare,))


def _budget_of(
    target: PlanTarget, configs: Mapping[Path, Any], year: int | None, prorata: bool
) -> YearBudget | PlanMatrix | InvalidPlan:
    loaded = validate_plan(target, configs[target.root].limits)
    if not loaded.usable:
        return InvalidPlan(loaded.id, loaded.display, tuple(loaded.blocking_errors()))
    return compute_matrix(loaded, prorata) if year is None else compute_year(loaded, year, prorata)
