"""Ce que l'import a compris de chaque fiche : les rubriques trouvées et celles restées vides.

Le compte rendu de `essplan import` les montre par fiche, avec la mise en page reconnue
(`ImportedPlan.layout`), pour que la relecture commence par ce qui manque. Une rubrique est
vide quand la fiche n'a pas de valeur : absente, écrite sans rien, ou un mois inconnu (« ????? »).
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import FIELD_NAMES

# Les rubriques d'une fiche que le résumé passe en revue, dans l'ordre du format.
SUMMARY_FIELDS = (
    "titre",
    "pilotes",
    "associes",
    "contexte",
    "methode",
    "resultats_attendus",
    "public_cible",
    "moyens_humains",
    "debut",
    "fin",
    "cout",
    "financement",
    "indicateurs",
)


@dataclass(frozen=True, slots=True)
class FicheSummary:
    """Une fiche importée : son identifiant, ses rubriques trouvées et vides, en français."""

    id: str
    found: list[str]
    empty: list[str]


def summarize(fiches: list[dict]) -> list[FicheSummary]:
    return [_summary(fiche) for fiche in fiches]


def _summary(fiche: dict) -> FicheSummary:
    found: list[str] = []
    empty: list[str] = []
    for key in SUMMARY_FIELDS:
        (found if _has_value(fiche.get(key)) else empty).append(FIELD_NAMES[key])
    return FicheSummary(str(fiche["id"]), found, empty)


def _has_value(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip(" ?"))
    return bool(value) or value == 0
