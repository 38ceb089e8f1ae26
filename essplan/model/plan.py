"""Le modèle de plan.yaml : la collectivité, la période, les axes, l'enveloppe, la séance.

Extensions optionnelles au format, documentées dans le README : `deliberation.objet`, `lieu`,
`heure`, `decision`, `delai_convocation` ; `gouvernance[].missions` peut être un texte ou une
liste ; une période s'écrit aussi en années (`periode: 2025-2030`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from .months import parse_period
from .types import (
    MODEL_REF,
    Amount,
    AxeCode,
    Count,
    EndMonth,
    FicheId,
    Model,
    Periodicite,
    RequiredText,
    StartMonth,
    Text,
    TextList,
    TextOrList,
    TextOrNumber,
)


class Periode(Model):
    debut: StartMonth
    fin: EndMonth

    @model_validator(mode="after")
    def _known_and_ordered(self) -> Periode:
        if not self.debut.known or not self.fin.known:
            raise ValueError("la période d'un plan demande des mois connus (« 2016-01 »)")
        if self.fin.index < self.debut.index:
            raise ValueError(
                f"la fin de la période (« {self.fin.texte} ») précède son début"
                f" (« {self.debut.texte} »)"
            )
        return self


def _period_shortcut(value: object) -> object:
    if isinstance(value, (dict, str, int)) and not isinstance(value, bool):
        return parse_period(value)
    raise ValueError(
        "une période s'écrit « periode: 2025-2030 », ou « periode: {debut: 2025-01, fin: 2030-12} »"
    )


PeriodeValue = Annotated[
    Periode,
    BeforeValidator(_period_shortcut),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "années : « 2025-2030 »"},
                {"type": "integer"},
                {MODEL_REF: "Periode"},
            ]
        }
    ),
]


class Axe(Model):
    code: AxeCode
    titre: RequiredText
    description: Text | None = None


class LigneBudget(Model):
    libelle: RequiredText
    section: Literal["investissement", "fonctionnement"] | None = None
    montant: Amount
    periodicite: Periodicite | None = None
    fiches: list[FicheId] = []


class Budget(Model):
    total: Amount | None = None
    lignes: list[LigneBudget] = []


class College(Model):
    nom: RequiredText
    composition: TextList = []


class Gouvernance(Model):
    instance: RequiredText
    missions: TextOrList | None = None
    temps_forts: TextList = []
    colleges: list[College] = []


class ChiffreCle(Model):
    libelle: RequiredText
    valeur: TextOrNumber


class Vote(Model):
    en_exercice: Count | None = None
    presents: Count | None = None
    representes: Count | None = None
    excuses: Count | None = None
    pour: Count | None = None
    contre: Count | None = None
    abstention: Count | None = None
    non_participation: Count | None = None


class Pouvoir(Model):
    de: RequiredText
    a: RequiredText


class Deliberation(Model):
    numero: Text | None = None
    date: dt.date | None = None
    instance: Text | None = None
    objet: Text | None = None
    lieu: Text | None = None
    heure: Text | None = None
    president: Text | None = None
    rapporteur: Text | None = None
    commission: Text | None = None
    convocation: dt.date | None = None
    # Extension : le délai de convocation en jours francs (CGCT L2121-11 et L2121-12) : 5 par
    # défaut, 3 pour une commune de moins de 3 500 habitants ou un EPCI dont toutes les
    # communes le sont.
    delai_convocation: Literal[3, 5] | None = None
    vote: Vote | None = None
    presents: TextList | None = None
    pouvoirs: list[Pouvoir] | None = None
    excuses: TextList | None = None
    decision: Text | None = None


class Source(Model):
    titre: RequiredText
    fichier: Text | None = None
    date: dt.date | None = None


class Plan(Model):
    collectivite: RequiredText
    titre: RequiredText
    periode: PeriodeValue | None = None
    etat: Literal["projet", "adopte"] | None = None
    libelle_axe: RequiredText = "Axe"
    libelle_fiche: RequiredText = "Action"
    vision: Text | None = None
    axes: Annotated[list[Axe], Field(min_length=1)]
    criteres_interet_communautaire: TextList = []
    budget: Budget | None = None
    moyens_humains: Text | None = None
    gouvernance: list[Gouvernance] = []
    chiffres_cles: list[ChiffreCle] = []
    deliberation: Deliberation | None = None
    sources: list[Source] = []
    remarques: Text | None = None


PLAN_KEYS = tuple(Plan.model_fields)
