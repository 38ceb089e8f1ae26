"""Le suivi dans la synthèse : le statut de chaque action à la date de contrôle, ses retards,
et les indicateurs qui ont une unité, une cible ou des valeurs.

La date de contrôle est `--date`, sinon le mois courant (la ligne de commande le donne) ; une
bibliothèque qui n'en donne pas obtient le `statut` écrit, sans retard : la date du jour ne se
lit qu'en `cli/`. Un plan dont aucune action n'a de statut (ni écrit, ni au journal) ne dépend
pas de la date : sa synthèse ne la nomme pas et reste la même d'un mois à l'autre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model.months import LAST_YEAR, Month
from ..suivi.indicators import IndicatorState, indicator_state
from ..suivi.state import is_late, status_at
from .views import FicheView


@dataclass(frozen=True, slots=True)
class FicheState:
    """Une action à la date de contrôle : son statut (None : non renseigné) et son retard."""

    statut: str | None
    en_retard: bool


def fiche_states(fiches: Sequence[FicheView], check: Month | None) -> dict[str, FicheState]:
    """id de fiche → son état à la date de contrôle."""
    if check is None:
        return {vue.id: FicheState(vue.fiche.statut, False) for vue in fiches}
    return {
        vue.id: FicheState(status_at(vue.fiche, check), is_late(vue.fiche, check)) for vue in fiches
    }


def statuses_month(fiches: Sequence[FicheView], check: Month | None) -> Month | None:
    """Le mois auquel les statuts sont lus, s'il change quelque chose : None quand aucune action
    n'a de statut, écrit ou au journal (rien alors n'y dépend de la date)."""
    tracked = any(
        vue.fiche.statut or any(entry.statut for entry in vue.fiche.suivi or ()) for vue in fiches
    )
    return check if tracked else None


def tracked_indicators(fiches: Sequence[FicheView], check: Month | None) -> list[IndicatorState]:
    """Les indicateurs qui disent plus que leur libellé (unité, cible, cibles annuelles,
    valeurs), avec leur dernière valeur à l'année de contrôle (toutes, sans date)."""
    year = check.annee if check is not None and check.annee is not None else LAST_YEAR
    return [
        indicator_state(vue.fiche, indicateur, year)
        for vue in fiches
        for indicateur in vue.fiche.indicateurs or ()
        if indicateur.unite
        or indicateur.cible is not None
        or indicateur.cibles
        or indicateur.valeurs
    ]
