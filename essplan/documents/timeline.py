"""La frise des actions de la synthèse : une barre par action datée, de son début à sa fin,
en mois (jamais en pixels arrondis, pour dire si une action court une année)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.months import Month, month_at
from .views import FicheView


@dataclass(frozen=True, slots=True)
class Bar:
    """Une action sur la frise : ses mois (index, voir `Month.index`), sa place en pixels."""

    fiche: FicheView
    first: int  # premier mois tracé
    last: int  # dernier mois tracé
    x: float
    width: float
    y: float
    end_known: bool

    @property
    def du(self) -> str:
        """Le premier mois tracé, « 2025-01 »."""
        return month_at(self.first).iso or ""

    @property
    def au(self) -> str:
        return month_at(self.last).iso or ""

    def runs_in(self, year: int) -> bool:
        """Vrai si l'action court pendant l'année : on compare des mois, pas des pixels."""
        return self.first <= year * 12 + 11 and self.last >= year * 12


@dataclass(frozen=True, slots=True)
class Timeline:
    years: tuple[int, ...]
    left: float
    year_width: float
    width: float
    height: float
    bars: tuple[Bar, ...]
    undated: tuple[FicheView, ...]

    def year_x(self, index: int) -> float:
        """L'abscisse du début de la `index`-ième année : celle des barres qui y commencent."""
        return _pixel(self.left + index * self.year_width)

    @property
    def assumed_ends(self) -> bool:
        """Vrai si une barre au moins est hachurée (fin inconnue) : la légende n'a lieu qu'alors."""
        return any(not bar.end_known for bar in self.bars)

    def running(self, bar: Bar, year: int) -> str:
        """Pour le tableau Markdown : ■ l'action court cette année, ? fin supposée, vide sinon."""
        if not bar.runs_in(year):
            return ""
        return "■" if bar.end_known or year == bar.fiche.fiche.debut.annee else "?"


BAR_HEIGHT, ROW, TOP, LEFT, WIDTH = 14, 22, 30, 230, 900


def timeline(fiches: list[FicheView], years: tuple[int, ...], period: Any) -> Timeline:
    """La frise des actions : une barre par action datée, de son début à sa fin.

    Une fin inconnue est tracée jusqu'à la fin de la période du plan (ou de la frise) et
    marquée comme supposée ; une action sans début connu n'a pas de barre : elle est listée.
    """
    dated = [f for f in fiches if f.fiche.debut is not None and f.fiche.debut.known]
    dated_ids = {f.id for f in dated}  # et non `f not in dated`, quadratique sur un gros plan
    undated = tuple(f for f in fiches if f.id not in dated_ids)
    if not years and dated:
        first = min(f.fiche.debut.index for f in dated)
        last = max(_end(f, None).index for f in dated)
        years = tuple(range(first // 12, last // 12 + 1))
    year_width = (WIDTH - LEFT) / max(len(years), 1)
    bars = tuple(_bar(view, row, years, year_width, period) for row, view in enumerate(dated))
    height = TOP + max(len(dated), 1) * ROW + 10
    return Timeline(tuple(years), LEFT, year_width, WIDTH, height, bars, undated)


def _bar(view: FicheView, row: int, years: tuple[int, ...], year_width: float, period: Any) -> Bar:
    origin = years[0] * 12 if years else 0
    start, end = view.fiche.debut, _end(view, period)
    last = min(end.index, (years[-1] + 1) * 12 - 1) if years else end.index
    first = min(max(start.index, origin), last)
    # Les bords viennent des mois, arrondis par la même fonction que les lignes des années :
    # une action de janvier à décembre finit exactement sur la ligne de l'année suivante.
    x = _pixel(LEFT + (first - origin) / 12 * year_width)
    right = _pixel(LEFT + (last + 1 - origin) / 12 * year_width)
    end_known = view.fiche.fin is not None and view.fiche.fin.known
    return Bar(view, first, last, x, round(right - x, 2), TOP + row * ROW, end_known)


def _pixel(value: float) -> float:
    return round(value, 2)


def _end(view: FicheView, period) -> Month:
    """La fin d'une action : connue, sinon la fin de la période, sinon son début."""
    fiche = view.fiche
    if fiche.fin is not None and fiche.fin.known and fiche.fin.index >= fiche.debut.index:
        return fiche.fin
    if period is not None and period.fin.index >= fiche.debut.index:
        return period.fin
    return fiche.debut
