"""Les indicateurs d'une fiche face à leurs cibles : la dernière valeur connue à une date, la
cible de l'année et la progression.

La progression est la dernière valeur rapportée à la cible finale, en pour cent, arrondie à
l'unité (12 communes sur 21 : 57 %) ; elle n'est calculée que si les deux sont des nombres et
la cible non nulle. Une valeur écrite en texte (« en cours de mesure ») est montrée, jamais
convertie : un chiffre qui se lirait de deux façons n'est pas deviné.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model.fiche import Indicateur


@dataclass(frozen=True, slots=True)
class IndicatorState:
    fiche: str
    libelle: str
    unite: str | None
    cible: str | int | float | None
    annee: int | None  # l'année de la dernière valeur connue
    derniere_valeur: str | int | float | None
    progression: int | None  # en pour cent


def last_value(indicateur: Indicateur, year: int) -> tuple[int, str | int | float] | None:
    """La valeur de l'année la plus récente, `year` comprise ; None s'il n'y en a pas."""
    years = [known for known in indicateur.valeurs if known <= year]
    return (max(years), indicateur.valeurs[max(years)]) if years else None


def progression(value: object, target: object) -> int | None:
    if not _is_number(value) or not _is_number(target) or target == 0:
        return None
    ratio = Decimal(str(value)) * 100 / Decimal(str(target))
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def indicator_state(fiche, indicateur: Indicateur, year: int) -> IndicatorState:
    found = last_value(indicateur, year)
    value = found[1] if found else None
    return IndicatorState(
        fiche.id,
        indicateur.libelle,
        indicateur.unite,
        indicateur.cible,
        found[0] if found else None,
        value,
        progression(value, indicateur.cible),
    )


def year_target(indicateur: Indicateur, year: int) -> str | int | float | None:
    """La cible de l'année : `cibles[year]` si elle est écrite ; None sinon (on ne l'interpole
    pas : une cible que le plan n'a pas votée ne s'invente pas)."""
    return indicateur.cibles.get(year)
