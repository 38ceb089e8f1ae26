"""Ce que voit le modèle du bilan annuel (`-t bilan --year`) : tout est préparé ici, le modèle
ne fait que mettre en page.

Le bilan d'une année est arrêté en décembre de cette année : statut, avancement et retards sont
ceux de `suivi.state` à ce mois ; le journal et les étapes franchies, ceux de l'année
(`suivi.annual`) ; le prévu, celui de `essplan budget --year` (sans `--prorata`), de l'année et
cumulé sur les années du plan jusqu'à elle (`spending.plan_years`) ; les indicateurs, leurs
valeurs et cibles annuelles jusqu'à l'année, et la cible finale. Rien de daté d'après l'année
n'y entre. Chaque fiche est lue une fois par année du cumul : le bilan reste linéaire dans la
taille du plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..budget.compute import period_of
from ..model.months import Month
from ..model.suivi import EntreeSuivi, Etape
from ..suivi.annual import (
    Figure,
    Spending,
    combined,
    december,
    entries_in,
    etapes_done_in,
    fiche_spending,
    targets_until,
    values_until,
)
from ..suivi.indicators import progression, year_target
from ..suivi.spending import plan_years
from ..suivi.state import is_late, late_etapes, progress_at, status_at, status_is_dated
from ..validation.loader import LoadedPlan
from .charts import indicator_chart
from .views import FicheView, is_number


@dataclass(frozen=True, slots=True)
class IndicatorYear:
    """Un indicateur dans le bilan : la valeur de l'année face à la cible de l'année et à la
    cible finale ; la série des années jusqu'au bilan, et son graphique (None sans valeur
    chiffrée)."""

    action: FicheView
    libelle: str
    unite: str | None
    valeur: Figure | None  # celle de l'année du bilan
    derniere: tuple[int, Figure] | None  # sans valeur cette année : la dernière d'avant
    cible_annee: Figure | None
    cible: Figure | None
    progression: int | None  # la valeur de l'année rapportée à la cible finale, en %
    serie: tuple[tuple[int, Figure], ...]
    cibles: tuple[tuple[int, Figure], ...]  # les cibles annuelles jusqu'à l'année
    graphique: Markup | None

    @property
    def lignes(self) -> list[tuple[int, Figure | None, Figure | None]]:
        """(année, valeur, cible de l'année) des années qui ont l'une ou l'autre : le tableau
        qui accompagne le graphique, et le remplace en Markdown."""
        values, targets = dict(self.serie), dict(self.cibles)
        return [(year, values.get(year), targets.get(year)) for year in sorted({*values, *targets})]


@dataclass(frozen=True, slots=True)
class ActionYear:
    """Une action à la fin de l'année : où elle en est, ce qui s'est passé, ce qu'elle a coûté."""

    vue: FicheView
    statut: str | None
    statut_date: bool  # le journal date ce statut ; sinon c'est le `statut` écrit, d'aujourd'hui
    avancement: int | float | None
    en_retard: bool
    entrees: tuple[EntreeSuivi, ...]
    etapes_franchies: tuple[Etape, ...]
    etapes_en_retard: tuple[Etape, ...]
    depenses: Spending  # l'année
    cumul: Spending  # depuis le début du plan
    indicateurs: tuple[IndicatorYear, ...]

    @property
    def chiffree(self) -> bool:
        """L'action a un prévu ou une dépense jusqu'à l'année : elle a sa ligne au tableau des
        dépenses (une action qui n'a pas encore commencé n'y figure pas)."""
        cumul = self.cumul
        return bool(cumul.prevu or cumul.depense is not None or cumul.non_chiffrees)


@dataclass(frozen=True, slots=True)
class AxeYear:
    axe: Any  # model.plan.Axe
    actions: tuple[ActionYear, ...]
    depenses: Spending
    cumul: Spending

    @property
    def chiffrees(self) -> list[ActionYear]:
        return [action for action in self.actions if action.chiffree]


@dataclass(frozen=True, slots=True)
class Bilan:
    annee: int
    arrete: Month  # décembre de l'année : la date de l'état des actions
    annees: tuple[int, ...]  # les années du cumul, jusqu'à l'année comprise
    hors_periode: bool  # l'année n'est pas dans la période du plan
    axes: tuple[AxeYear, ...]
    depenses: Spending
    cumul: Spending

    @property
    def annees_du_cumul(self) -> str:
        """« 2021–2022 » ; « 2022 » quand le cumul n'a qu'une année (ou aucune)."""
        first = self.annees[0] if self.annees else self.annee
        return f"{first}–{self.annee}" if first != self.annee else str(self.annee)

    @property
    def actions(self) -> list[ActionYear]:
        return [action for axe in self.axes for action in axe.actions]

    @property
    def en_retard(self) -> list[ActionYear]:
        return [action for action in self.actions if action.en_retard]

    @property
    def etapes_en_retard(self) -> list[tuple[ActionYear, Etape]]:
        return [(action, etape) for action in self.actions for etape in action.etapes_en_retard]

    @property
    def indicateurs(self) -> list[IndicatorYear]:
        return [indicator for action in self.actions for indicator in action.indicateurs]

    @property
    def graphiques(self) -> int:
        return sum(1 for indicator in self.indicateurs if indicator.graphique is not None)


def bilan(loaded: LoadedPlan, fiches: Sequence[FicheView], year: int) -> Bilan:
    """Le bilan de l'année `year` d'un plan valide ; `fiches` : ses fiches dans l'ordre du plan."""
    plan, period = loaded.plan, period_of(loaded.plan)
    years = tuple(plan_years(loaded, year))
    chart_years = _chart_years(plan, year)
    by_axe: dict[str, list[ActionYear]] = {str(axe.code): [] for axe in plan.axes}
    counter = itertools.count(1)  # l'identifiant de chaque graphique dans la page
    for vue in fiches:
        action = _action(vue, year, years, period, chart_years, counter)
        by_axe[str(vue.fiche.axe)].append(action)
    axes = tuple(_axe(axe, tuple(by_axe[str(axe.code)])) for axe in plan.axes)
    in_period = plan.periode is None or plan.periode.debut.annee <= year <= plan.periode.fin.annee
    return Bilan(
        year,
        december(year),
        years,
        not in_period,
        axes,
        combined(axe.depenses for axe in axes),
        combined(axe.cumul for axe in axes),
    )


def _axe(axe: Any, actions: tuple[ActionYear, ...]) -> AxeYear:
    return AxeYear(
        axe,
        actions,
        combined(action.depenses for action in actions),
        combined(action.cumul for action in actions),
    )


def _action(vue: FicheView, year: int, years, period, chart_years, counter) -> ActionYear:
    fiche, end = vue.fiche, december(year)
    indicators = tuple(
        _indicator(vue, indicateur, year, chart_years, f"indicateur-{next(counter)}")
        for indicateur in fiche.indicateurs or ()
    )
    return ActionYear(
        vue,
        status_at(fiche, end),
        status_is_dated(fiche),
        progress_at(fiche, end),
        is_late(fiche, end),
        tuple(entries_in(fiche, year)),
        tuple(etapes_done_in(fiche, year)),
        tuple(dated.etape for dated in late_etapes(fiche, end)),
        fiche_spending(fiche, (year,), period),
        fiche_spending(fiche, years, period),
        indicators,
    )


def _indicator(vue: FicheView, indicateur, year: int, chart_years, ident: str) -> IndicatorYear:
    serie = tuple(values_until(indicateur, year))
    targets = tuple(targets_until(indicateur, year))
    value = indicateur.valeurs.get(year)
    earlier = serie[-1] if value is None and serie else None
    return IndicatorYear(
        vue,
        indicateur.libelle,
        indicateur.unite,
        value,
        earlier,
        year_target(indicateur, year),
        indicateur.cible,
        progression(value, indicateur.cible),
        serie,
        targets,
        _chart(indicateur, serie, targets, chart_years, ident),
    )


def _chart(indicateur, serie, targets, chart_years: range, ident: str) -> Markup | None:
    """Le graphique, s'il y a au moins une valeur chiffrée ; les valeurs écrites en texte
    (« en cours de mesure ») restent au tableau, jamais converties."""
    values = [(known, value) for known, value in serie if is_number(value)]
    if not values:
        return None
    yearly = [(known, target) for known, target in targets if is_number(target)]
    first = min(chart_years.start, values[0][0], *(known for known, _ in yearly))
    final = indicateur.cible if is_number(indicateur.cible) else None
    years = range(first, chart_years.stop)
    return indicator_chart(
        ident, indicateur.libelle, indicateur.unite, years, values, yearly, final
    )


def _chart_years(plan, year: int) -> range:
    """Les années d'un graphique : du début du plan (s'il a commencé) à l'année du bilan."""
    start = plan.periode.debut.annee if plan.periode else year
    return range(min(start, year), year + 1)
