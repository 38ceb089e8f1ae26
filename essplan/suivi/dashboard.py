"""Le tableau de bord d'un plan à une date (`essplan status`) : le statut de chaque action, ce
qui demande qu'on relance son pilote, les indicateurs face à leur cible, le prévu face au
dépensé.

Des données, sans rien afficher (`tables.py` et `data.py` les mettent en forme). Chaque notion
vient de `state.py`, `indicators.py` et `spending.py` : ce module les rassemble, il n'en
redéfinit aucune. Un tableau de bord ne garde rien du plan chargé (ni modèles, ni documents) :
c'est lui qu'un processus de travail renvoie, et la mémoire reste celle d'un plan.

Ce qui demande qu'on relance un pilote (décision du projet, README « essplan status ») : une
action en retard, sans nouvelles ou à échéance, une étape en retard ou à échéance. Une action
au statut non renseigné n'en fait pas partie : c'est un manque du plan (les quatre plans livrés
n'ont aucun statut), pas une nouvelle à demander.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..budget.compute import plan_info
from ..budget.figures import AxeInfo, PlanInfo
from ..budget.plans import InvalidPlan
from ..config import Horizons
from ..model.month_words import strip_accents
from ..model.months import Month
from ..model.suivi import STATUTS
from ..repository import PlanTarget
from ..validation.loader import LoadedPlan, prepare
from ..validation.pool import map_plans
from ..validation.validate import validate_plan
from . import state
from .indicators import IndicatorState, indicator_state
from .spending import YearSpending, plan_years, year_spending

NOT_GIVEN = "non_renseigne"  # la clé des actions sans statut à la date
STATUS_KEYS = (*STATUTS, NOT_GIVEN)
NO_PILOTE = "sans pilote"


@dataclass(frozen=True, slots=True)
class EtapeState:
    """Une étape en retard ou à échéance, avec la fiche qui la porte."""

    fiche: str
    libelle: str
    echeance: Month


@dataclass(frozen=True, slots=True)
class FicheStatus:
    """Une action à la date : son statut, son avancement, ses nouvelles, ce qui presse."""

    id: str
    axe: str
    titre: str
    pilotes: tuple[str, ...]
    statut: str | None  # None : non renseigné à la date
    avancement: int | float | None
    dernier_suivi: Month | None  # la dernière entrée du journal à la date
    nouvelles: Month | None  # la dernière nouvelle : l'entrée du journal, sinon le début
    fin: Month | None
    en_retard: bool
    sans_nouvelles: bool
    a_echeance: bool
    etapes_en_retard: tuple[EtapeState, ...]
    etapes_a_echeance: tuple[EtapeState, ...]

    @property
    def status_key(self) -> str:
        return self.statut or NOT_GIVEN

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.en_retard
            or self.sans_nouvelles
            or self.a_echeance
            or self.etapes_en_retard
            or self.etapes_a_echeance
        )


def fiche_status(fiche, date: Month, horizons: Horizons) -> FicheStatus:
    entry = state.last_entry(fiche, date)
    fin = fiche.fin if fiche.fin is not None and fiche.fin.known else None
    return FicheStatus(
        fiche.id,
        str(fiche.axe),
        fiche.titre,
        tuple(dict.fromkeys(name.strip() for name in fiche.pilotes or () if name.strip())),
        state.status_at(fiche, date),
        state.progress_at(fiche, date),
        entry.date if entry is not None else None,
        state.news_month(fiche, date),
        fin,
        state.is_late(fiche, date),
        state.is_stale(fiche, date, horizons),
        state.is_due(fiche, date, horizons),
        _etapes(fiche, state.late_etapes(fiche, date)),
        _etapes(fiche, state.due_etapes(fiche, date, horizons)),
    )


def _etapes(fiche, found: Iterable[state.DatedEtape]) -> tuple[EtapeState, ...]:
    # late_etapes et due_etapes ne rendent que des étapes à l'échéance connue.
    return tuple(
        EtapeState(fiche.id, item.etape.libelle, item.etape.echeance)  # type: ignore[arg-type]
        for item in found
    )


@dataclass(frozen=True, slots=True)
class PlanDashboard:
    """Un plan à la date : ses actions dans l'ordre du plan, ses indicateurs, ses années."""

    plan: PlanInfo
    date: Month
    horizons: Horizons
    fiches: tuple[FicheStatus, ...]
    indicateurs: tuple[IndicatorState, ...]
    budget: tuple[YearSpending, ...]  # les années du plan jusqu'à celle de la date

    @property
    def statuts(self) -> dict[str, int]:
        return status_counts(self.fiches)

    def axes(self) -> list[tuple[AxeInfo, dict[str, int]]]:
        """Les comptes par statut de chaque axe du plan, dans son ordre (un axe sans action
        compte zéro partout)."""
        per_axe: dict[str, list[FicheStatus]] = {}
        for item in self.fiches:
            per_axe.setdefault(item.axe, []).append(item)
        return [(axe, status_counts(per_axe.get(axe.code, ()))) for axe in self.plan.axes]

    def en_retard(self) -> tuple[FicheStatus, ...]:
        return tuple(item for item in self.fiches if item.en_retard)

    def sans_nouvelles(self) -> tuple[FicheStatus, ...]:
        return tuple(item for item in self.fiches if item.sans_nouvelles)

    def a_echeance(self) -> tuple[FicheStatus, ...]:
        return tuple(item for item in self.fiches if item.a_echeance)

    def etapes_en_retard(self) -> tuple[EtapeState, ...]:
        return tuple(etape for item in self.fiches for etape in item.etapes_en_retard)

    def etapes_a_echeance(self) -> tuple[EtapeState, ...]:
        return tuple(etape for item in self.fiches for etape in item.etapes_a_echeance)

    def by_statut(self) -> list[tuple[str, list[FicheStatus]]]:
        """Les actions par statut, dans l'ordre du format, « non renseigné » en dernier."""
        groups: dict[str, list[FicheStatus]] = {key: [] for key in STATUS_KEYS}
        for item in self.fiches:
            groups[item.status_key].append(item)
        return [(key, members) for key, members in groups.items() if members]

    def by_pilote(self) -> list[tuple[str, list[FicheStatus]]]:
        """Chaque pilote et les actions qu'il doit mettre à jour ; une action à deux pilotes
        est sous chacun, une action sans pilote sous « sans pilote » (en dernier). Les pilotes
        dans l'ordre alphabétique, accents ignorés : la liste qu'on envoie chaque trimestre."""
        groups: dict[str, list[FicheStatus]] = {}
        for item in self.fiches:
            for name in item.pilotes or (NO_PILOTE,):
                groups.setdefault(name, []).append(item)
        ordered = sorted(
            groups.items(),
            key=lambda group: (group[0] == NO_PILOTE, strip_accents(group[0]).casefold(), group[0]),
        )
        return [
            (name, [item for item in members if item.needs_attention]) for name, members in ordered
        ]


def status_counts(fiches: Iterable[FicheStatus]) -> dict[str, int]:
    """Le nombre d'actions de chaque statut, toutes les clés présentes (zéro compris)."""
    counts = Counter(item.status_key for item in fiches)
    return {key: counts[key] for key in STATUS_KEYS}


def dashboard(loaded: LoadedPlan, date: Month, horizons: Horizons) -> PlanDashboard:
    """Le tableau de bord d'un plan valide (`LoadedPlan.usable`) au mois `date`."""
    ordered = [item.fiche for item in loaded.in_plan_order()]
    rank = {fiche.id: index for index, fiche in enumerate(ordered)}
    year = date.annee
    assert year is not None, "la date d'un tableau de bord est un mois connu"
    return PlanDashboard(
        plan_info(loaded),
        date,
        horizons,
        tuple(fiche_status(fiche, date, horizons) for fiche in ordered),
        tuple(
            indicator_state(fiche, indicateur, year)
            for fiche in ordered
            for indicateur in fiche.indicateurs or ()
        ),
        tuple(_in_plan_order(year_spending(loaded, y), rank) for y in plan_years(loaded, year)),
    )


def _in_plan_order(spending: YearSpending, rank: dict[str, int]) -> YearSpending:
    """Les fiches sans prévu dans l'ordre du plan (le budget les range par raison)."""
    ids = sorted(spending.non_chiffrees, key=lambda fiche_id: rank.get(fiche_id, len(rank)))
    return replace(spending, non_chiffrees=tuple(ids))


def known_figures(year: YearSpending) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Le prévu, le dépensé et l'écart d'une année, None pour ce qui n'est pas connu : rien de
    compté, rien d'écrit, ou l'un des deux (un écart à un inconnu n'est pas un chiffre)."""
    planned = year.prevu if year.prevu_connu else None
    spent = year.depense if year.depense_connue else None
    gap = spent - planned if planned is not None and spent is not None else None
    return planned, spent, gap


# ------------------------------------------------------------------- plusieurs plans


def dashboards(
    targets: Iterable[PlanTarget], configs: Mapping[Path, Any], date: Month, jobs: int | None
) -> Iterator[PlanDashboard | InvalidPlan]:
    """Le tableau de bord de chaque plan, dans l'ordre des plans, en parallèle sur un gros
    dépôt (`pool.map_plans`) ; `configs` : la configuration de chaque dépôt (ses limites de
    lecture et ses horizons)."""
    return map_plans(_dashboard_of, targets, (configs, date), jobs, (prepare,))


def _dashboard_of(
    target: PlanTarget, configs: Mapping[Path, Any], date: Month
) -> PlanDashboard | InvalidPlan:
    config = configs[target.root]
    loaded = validate_plan(target, config.limits)
    if not loaded.usable:
        return InvalidPlan(loaded.id, loaded.display, tuple(loaded.blocking_errors()))
    return dashboard(loaded, date, config.horizons)
