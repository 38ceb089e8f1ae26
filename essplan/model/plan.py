"""Le modèle de plan.yaml : la collectivité, la période, les axes, l'enveloppe, la séance.

Format 1.1 : `siret`, `deliberation.matiere` (code ACTES de niveau 2), `deliberation.url`.
Extensions optionnelles au format, documentées dans le README : `deliberation.objet`, `lieu`,
`heure`, `decision`, `delai_convocation` ; `gouvernance[].missions` peut être un texte ou une
liste ; une période s'écrit aussi en années (`periode: 2025-2030`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema, model_validator

from ..french import citation
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


# Les codes de matière ACTES de niveau 2 (SCDL Délibérations 2.1.5, DELIB_MATIERE_CODE) : le
# dernier numéro de sous-matière de chaque matière.
ACTES_LAST_SUBJECT = {1: 7, 2: 3, 3: 6, 4: 5, 5: 8, 6: 5, 7: 10, 8: 9, 9: 4}
_ACTES_CODE = re.compile(r"([1-9])\.([1-9]\d?)")


def _actes_code(code: str) -> str:
    found = _ACTES_CODE.fullmatch(code)
    if not found or int(found[2]) > ACTES_LAST_SUBJECT[int(found[1])]:
        raise ValueError(
            f"code de matière ACTES inconnu « {citation(code)} » : un code de niveau 2 va de"
            " « 1.1 » à « 1.7 », « 2.1 » à « 2.3 », « 3.1 » à « 3.6 », « 4.1 » à « 4.5 »,"
            " « 5.1 » à « 5.8 », « 6.1 » à « 6.5 », « 7.1 » à « 7.10 », « 8.1 » à « 8.9 »,"
            " « 9.1 » à « 9.4 » (un texte : « 7.4 »)"
        )
    return code


class Matiere(Model):
    """La matière de la délibération dans la nomenclature ACTES (niveau 2) : « 7.4 »."""

    code: Annotated[str, Strict(), AfterValidator(_actes_code)]
    nom: Text | None = None


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/]+\S*", value):
        raise ValueError(
            f"adresse illisible « {citation(value)} » : une adresse commence par http:// ou"
            " https:// et ne contient pas d'espace"
        )
    return value


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
    matiere: Matiere | None = None
    url: Annotated[str, Strict(), AfterValidator(_url)] | None = None


class Source(Model):
    titre: RequiredText
    fichier: Text | None = None
    date: dt.date | None = None


def siret_problem(siret: str) -> str | None:
    """Ce qu'un SIRET a de faux : quatorze chiffres, dont la clé de Luhn est juste ; les
    établissements de La Poste (SIREN 356 000 000), trop nombreux pour la clé de Luhn, passent
    aussi quand la somme de leurs chiffres est un multiple de 5 (la règle de l'INSEE, que
    reprend le contrôle `french-siret-value` du SCDL)."""
    if not re.fullmatch(r"\d{14}", siret):
        return "un SIRET s'écrit en quatorze chiffres, sans espace (« 21860194600013 »)"
    digits = [int(digit) for digit in siret]
    doubled = [d * 2 - 9 * (d > 4) if i % 2 == 0 else d for i, d in enumerate(digits)]
    luhn = sum(doubled) % 10 == 0
    la_poste = siret.startswith("356000000") and sum(digits) % 5 == 0
    return None if luhn or la_poste else "sa clé de contrôle est fausse (faute de frappe ?)"


def _siret(value: str) -> str:
    problem = siret_problem(value)
    if problem:
        raise ValueError(f"SIRET « {citation(value)} » refusé : {problem}")
    return value


class Plan(Model):
    collectivite: RequiredText
    siret: Annotated[str, Strict(), AfterValidator(_siret)] | None = None
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
