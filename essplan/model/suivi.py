"""La vie d'une fiche après l'adoption (format 1.1) : étapes, journal de suivi, dépenses,
financeurs chiffrés, priorité.

Ce que ces clés permettent de déduire (statut à une date, retards, actions sans nouvelles)
vit dans `essplan.suivi` ; ici, seulement ce qui s'écrit et ce qui est refusé.

Lecture des mois (décision du projet, README « Suivre le plan ») : une `echeance` imprécise
(« 2026 », « fin 2026 ») se lit à son dernier mois, comme une fin ; la `date` d'une entrée du
journal et `realisee` se lisent à leur premier mois, comme un début (une nouvelle datée
« 2025 » est au plus tard de janvier 2025 pour le calcul des actions sans nouvelles). Une étape
`realisee: "?"` est faite, à une date inconnue ; `realisee: null` ou absente : pas faite.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, WithJsonSchema, field_validator

from .months import Month
from .types import (
    MODEL_REF,
    Amount,
    EndMonth,
    Model,
    Percent,
    RequiredText,
    StartMonth,
    Text,
    Year,
)

Statut = Literal["a_venir", "en_cours", "en_pause", "bloque", "realise", "abandonne"]
STATUTS: tuple[str, ...] = Statut.__args__  # type: ignore[attr-defined]
CLOSED = frozenset({"realise", "abandonne"})  # une action close n'est ni en retard ni à relancer
Priorite = Literal["haute", "moyenne", "basse"]


def _known_month(month: Month) -> Month:
    if not month.known:
        raise ValueError("une entrée du journal est datée d'un mois connu (« 2017-03 »)")
    return month


class Etape(Model):
    """Un jalon : son échéance et, quand il est fait, le mois où il l'a été."""

    libelle: RequiredText
    echeance: EndMonth | None = None
    realisee: StartMonth | None = None

    @property
    def done(self) -> bool:
        return self.realisee is not None


class EntreeSuivi(Model):
    """Une entrée du journal : ce qui s'est passé, le statut dès cette date, l'avancement."""

    date: StartMonth
    texte: RequiredText
    statut: Statut | None = None
    avancement: Percent | None = None

    @field_validator("date")
    @classmethod
    def _known_date(cls, date: Month) -> Month:
        return _known_month(date)


class Financeur(Model):
    financeur: RequiredText
    montant: Amount | None = None
    annee: Year | None = None


def _funder_list(value: object) -> object:
    """`financement` : un texte, ou une liste dont chaque élément est un texte ou un financeur."""
    if isinstance(value, (str, list)):
        return value
    raise ValueError(
        "attendu : un texte, ou une liste de financeurs (textes ou {financeur, montant, annee})"
    )


def _funder_item(value: object) -> object:
    if isinstance(value, (str, dict)):
        return value
    raise ValueError(
        f"un financeur est un texte ou un dictionnaire ({{financeur: …, montant: …}}), pas"
        f" « {value} »"
    )


_FUNDER_SCHEMA = {"anyOf": [{"type": "string"}, {MODEL_REF: "Financeur"}]}
FunderItem = Annotated[
    Text | Financeur, BeforeValidator(_funder_item), WithJsonSchema(_FUNDER_SCHEMA)
]
FinancementValue = Annotated[
    Text | list[FunderItem],
    BeforeValidator(_funder_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": _FUNDER_SCHEMA}]}),
]

Depenses = dict[Year, Amount]
"""Ce qui a été dépensé (mandaté), en euros, par année civile."""


def funders(financement: object) -> list[Financeur]:
    """Les financeurs chiffrables d'un `financement` (les mappings), dans l'ordre écrit."""
    if not isinstance(financement, list):
        return []
    return [item for item in financement if isinstance(item, Financeur)]


def funder_names(financement: str | list | None) -> list[str]:
    """Les noms des financeurs, qu'ils soient écrits en texte ou en mapping."""
    if isinstance(financement, str):
        return [financement] if financement.strip() else []
    return [item.financeur if isinstance(item, Financeur) else item for item in financement or []]
