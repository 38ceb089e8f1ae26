"""Les petits graphiques du bilan annuel : les valeurs d'un indicateur année par année, sa
cible finale en trait, ses cibles annuelles en losanges. Du SVG en ligne, fabriqué ici plutôt
que dans un modèle : un modèle met en page, il ne calcule pas d'échelle.

Le SVG ne contient ni script, ni lien, ni ressource extérieure, ni feuille de style : des
attributs de présentation seulement, pour qu'il s'affiche pareil ouvert seul, imprimé ou
collé ailleurs. Chaque texte (le libellé d'un indicateur, son unité, une valeur) est échappé
par `Markup.format` : le texte d'un plan reste une donnée, en SVG comme en HTML. Le graphique
porte un titre et une description (`role="img"`) ; le modèle met à côté le tableau des mêmes
chiffres, pour qui ne voit pas l'image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .views import figure

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 22, 30
VALUE_COLOUR, TARGET_COLOUR = "#2f5d8a", "#a3401b"

Point = tuple[int, int | float]  # (année, valeur)


@dataclass(frozen=True, slots=True)
class Scale:
    """Des années et des valeurs aux pixels du graphique."""

    years: tuple[int, ...]
    low: float
    high: float

    def x(self, year: int) -> float:
        """Les années au milieu de parts égales : le premier point ne tombe pas sur l'axe."""
        step = (WIDTH - LEFT - RIGHT) / len(self.years)
        return round(LEFT + (year - self.years[0] + 0.5) * step, 2)

    def y(self, value: float) -> float:
        span = HEIGHT - TOP - BOTTOM
        return round(TOP + (self.high - value) / (self.high - self.low) * span, 2)


def scale(years: Sequence[int], numbers: Sequence[int | float]) -> Scale:
    """L'échelle : de zéro (ou de la plus petite valeur, si elle est négative) à la plus grande,
    cible comprise ; une série toute plate garde une hauteur."""
    low = min([0, *numbers])
    high = max([0, *numbers])
    return Scale(tuple(years), float(low), float(high if high > low else low + 1))


def indicator_chart(
    ident: str,
    label: str,
    unit: str | None,
    years: Sequence[int],
    values: Sequence[Point],
    targets: Sequence[Point],
    final: int | float | None,
) -> Markup:
    """Le graphique d'un indicateur : `values` et `targets` (années de `years` seulement),
    `final` la cible finale, tracée en trait ; `ident` rend unique l'identifiant du titre dans
    la page."""
    numbers = (
        [v for _, v in values] + [t for _, t in targets] + ([final] if final is not None else [])
    )
    shape = scale(years, numbers)
    parts = [
        _frame(shape),
        *(_year_label(shape, year) for year in years),
        _final_line(shape, final, unit) if final is not None else Markup(""),
        *(_target_mark(shape, year, target, unit) for year, target in targets),
        _series(shape, values, unit),
    ]
    return (
        Markup(
            '<svg class="indicateur" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"'
            ' aria-labelledby="{id}-titre {id}-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-titre">{label}</title><desc id="{id}-desc">{desc}</desc>'
        ).format(
            w=WIDTH, h=HEIGHT, id=ident, label=label, desc=description(values, targets, final, unit)
        )
        + Markup("").join(parts)
        + Markup("</svg>")
    )


def description(
    values: Sequence[Point], targets: Sequence[Point], final: int | float | None, unit: str | None
) -> str:
    """Ce que dit le graphique, en une phrase : l'alternative textuelle de l'image."""
    said = [f"{figure(value)} en {year}" for year, value in values] or ["aucune valeur mesurée"]
    text = "Valeurs : " + ", ".join(said)
    if targets:
        text += " ; cibles annuelles : " + ", ".join(f"{figure(t)} en {y}" for y, t in targets)
    if final is not None:
        text += f" ; cible finale : {figure(final)}"
    return text + (f" ({unit})" if unit else "") + "."


def _frame(shape: Scale) -> Markup:
    base = shape.y(shape.low)
    return Markup(
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#c9d1da"/>'
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="#c9d1da"/>'
        '<text x="{tx}" y="{ty}" font-size="10" text-anchor="end">{low}</text>'
        '<text x="{tx}" y="{hy}" font-size="10" text-anchor="end">{high}</text>'
    ).format(
        l=LEFT,
        r=WIDTH - RIGHT,
        t=TOP,
        b=base,
        tx=LEFT - 4,
        ty=base + 3,
        hy=TOP + 3,
        low=figure(_plain(shape.low)),
        high=figure(_plain(shape.high)),
    )


def _year_label(shape: Scale, year: int) -> Markup:
    return Markup('<text x="{x}" y="{y}" font-size="10" text-anchor="middle">{year}</text>').format(
        x=shape.x(year), y=HEIGHT - BOTTOM + 16, year=year
    )


def _final_line(shape: Scale, final: int | float, unit: str | None) -> Markup:
    y = shape.y(final)
    return Markup(
        '<line class="cible" x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{c}"'
        ' stroke-dasharray="5 3"><title>Cible finale : {value}</title></line>'
        '<text x="{r}" y="{ty}" font-size="10" text-anchor="end" fill="{c}">cible {value}</text>'
    ).format(l=LEFT, r=WIDTH - RIGHT, y=y, ty=y - 4, c=TARGET_COLOUR, value=_with_unit(final, unit))


def _target_mark(shape: Scale, year: int, target: int | float, unit: str | None) -> Markup:
    """Un losange de dix pixels centré sur la cible de l'année."""
    x, y = shape.x(year), shape.y(target)
    corners = ((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y))
    path = "M " + " L ".join(f"{round(cx, 2)} {round(cy, 2)}" for cx, cy in corners) + " Z"
    return Markup(
        '<path class="cible-annuelle" d="{d}" fill="none" stroke="{c}">'
        "<title>Cible {year} : {value}</title></path>"
    ).format(d=path, c=TARGET_COLOUR, year=year, value=_with_unit(target, unit))


def _series(shape: Scale, values: Sequence[Point], unit: str | None) -> Markup:
    """La ligne des valeurs, un point par année mesurée, chacun avec sa valeur écrite."""
    coordinates = [(shape.x(year), shape.y(value)) for year, value in values]
    line = (
        Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(
            " ".join(f"{x},{y}" for x, y in coordinates), VALUE_COLOUR
        )
        if len(coordinates) > 1
        else Markup("")
    )
    points = Markup("").join(
        Markup(
            '<circle class="valeur" cx="{x}" cy="{y}" r="3.5" fill="{c}">'
            "<title>{year} : {value}</title></circle>"
            '<text x="{x}" y="{ty}" font-size="10" text-anchor="middle">{shown}</text>'
        ).format(
            x=x,
            y=y,
            ty=round(y - 7, 2),
            c=VALUE_COLOUR,
            year=year,
            value=_with_unit(value, unit),
            shown=figure(value),
        )
        for (year, value), (x, y) in zip(values, coordinates, strict=True)
    )
    return line + points


def _with_unit(value: int | float, unit: str | None) -> str:
    return f"{figure(value)} {unit}" if unit else figure(value)


def _plain(value: float) -> int | float:
    """Une borne de l'échelle sans « ,0 » quand elle est entière."""
    return int(value) if value == int(value) else value
