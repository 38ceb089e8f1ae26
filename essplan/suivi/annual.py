"""L'année d'un plan, telle que le bilan annuel la montre au conseil : ce qui s'est passé dans
l'année (journal, étapes franchies), les indicateurs jusqu'à elle, le prévu et le dépensé de
l'année et depuis le début du plan.

Rien de ce qui est daté d'après l'année n'entre ici : chaque fonction prend l'année et ne lit
que ce qui tombe en elle (ou avant, pour les cumuls et les séries). L'état d'une fiche à la fin
de l'année est celui de `state`, au mois de décembre ; le prévu d'une année, celui de
`spending.counted_in`, c'est-à-dire celui de `essplan budget` sans `--prorata`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model.fiche import Indicateur
from ..model.months import Month, month_at
from ..model.suivi import EntreeSuivi, Etape
from .spending import ZERO, counted_in, spent

Figure = str | int | float  # une valeur ou une cible d'indicateur, telle qu'écrite


def december(year: int) -> Month:
    """Le dernier mois de l'année : la date à laquelle un bilan annuel est arrêté."""
    return month_at(year * 12 + 11)


def entries_in(fiche, year: int) -> list[EntreeSuivi]:
    """Les entrées du journal datées de l'année, de la plus ancienne à la plus récente ; à mois
    égal, dans l'ordre écrit (le tri est stable)."""
    entries = [entry for entry in fiche.suivi or () if entry.date.annee == year]
    return sorted(entries, key=lambda entry: entry.date.index)


def etapes_done_in(fiche, year: int) -> list[Etape]:
    """Les étapes faites pendant l'année (`realisee` tombe dans l'année) ; une étape faite à une
    date inconnue (« ? ») n'appartient à aucune année."""
    return [
        etape
        for etape in fiche.etapes or ()
        if etape.realisee is not None and etape.realisee.known and etape.realisee.annee == year
    ]


def values_until(indicateur: Indicateur, year: int) -> list[tuple[int, Figure]]:
    """Les valeurs mesurées jusqu'à l'année comprise, par année croissante."""
    return sorted((known, value) for known, value in indicateur.valeurs.items() if known <= year)


def targets_until(indicateur: Indicateur, year: int) -> list[tuple[int, Figure]]:
    """Les cibles annuelles (`cibles`) des années jusqu'à celle du bilan comprise : celles des
    années suivantes appartiennent aux bilans suivants."""
    return sorted((known, value) for known, value in indicateur.cibles.items() if known <= year)


@dataclass(frozen=True, slots=True)
class Spending:
    """Le prévu et le dépensé d'une action, ou d'un ensemble d'actions, sur une ou plusieurs
    années.

    `prevu` est ce que le budget compte ; une année où il ne sait pas compter le coût d'une
    action (non chiffrée, montant ambigu, non datée) n'y entre pas : l'action est citée dans
    `non_chiffrees`, jamais comptée zéro (le cumul garde les années comptées, comme la somme des
    budgets de ces années). `depense` est None quand `depenses` n'écrit rien pour
    ces années : rien de rapporté n'est pas « 0 € dépensé »."""

    prevu: Decimal
    depense: Decimal | None
    non_chiffrees: tuple[str, ...]

    @property
    def ecart(self) -> Decimal | None:
        """Dépensé moins prévu compté (positif : plus que prévu), comme `YearSpending.ecart` ;
        None s'il n'y a rien à comparer : aucune dépense écrite, ou aucun prévu compté."""
        if self.depense is None or (self.non_chiffrees and self.prevu == ZERO):
            return None
        return self.depense - self.prevu


def fiche_spending(fiche, years: Sequence[int], period) -> Spending:
    """Le prévu et le dépensé d'une fiche sur les années `years` (une année, ou toutes celles
    du plan jusqu'au bilan, pour le cumul)."""
    planned, unknown = ZERO, False
    written = [amount for amount in (spent(fiche, year) for year in years) if amount is not None]
    for year in years:
        counted = counted_in(fiche, year, period)
        if counted is None:
            unknown = True
        else:
            planned += counted
    return Spending(
        planned,
        sum(written, ZERO) if written else None,
        (fiche.id,) if unknown else (),
    )


def combined(spendings: Iterable[Spending]) -> Spending:
    """Plusieurs actions ensemble : les prévus comptés et les dépenses écrites s'additionnent,
    les actions non chiffrées se citent."""
    planned, total, any_written = ZERO, ZERO, False
    unknown: list[str] = []
    for item in spendings:
        planned += item.prevu
        unknown.extend(item.non_chiffrees)
        if item.depense is not None:
            total += item.depense
            any_written = True
    return Spending(planned, total if any_written else None, tuple(unknown))
