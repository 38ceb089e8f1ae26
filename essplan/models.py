"""Les modèles du format (FORMAT.md) : un modèle par notion, noms de champs en français.

Toutes les classes héritent de `Model` : clés inconnues interdites (`extra="forbid"`), objets
immuables. Les textes sont stricts (un nombre n'est pas un texte : `id: 1.1` serait le nombre
1.1, et « 1.10 » deviendrait 1.1), les mois et les coûts sont des types valeur qui lisent les
mots des sources (voir `values.py`) et gardent le texte d'origine.

Extensions optionnelles au format, documentées dans le README : `deliberation.objet`, `lieu`,
`heure`, `decision` ; `gouvernance[].missions` peut être un texte ou une liste.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    WithJsonSchema,
)

from .values import CostReading, Month, check_amount, parse_month, read_cost_text


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


# --------------------------------------------------------------------------- types valeur


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("ne doit pas être vide")
    return value


Text = Annotated[str, Strict()]
RequiredText = Annotated[str, Strict(), AfterValidator(_not_blank)]
TextList = list[Text]


def _check_id(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"un identifiant est un texte : écrivez-le entre guillemets (\"{value}\")"
        )
    return value


FicheId = Annotated[
    str,
    BeforeValidator(_check_id),
    Strict(),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "identifiant de fiche"}),
]


def _check_axe_code(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError("un code d'axe est un entier (1) ou un texte court (\"A\")")
    if isinstance(value, str) and not value.strip():
        raise ValueError("le code d'axe ne doit pas être vide")
    return value


AxeCode = Annotated[
    int | str,
    BeforeValidator(_check_axe_code),
    WithJsonSchema({"type": ["integer", "string"], "description": "code d'un axe du plan"}),
]

_MONTH_SCHEMA = {
    "description": "mois : « 2016-10 », « 2016-10-14 », « octobre 2016 » ; inconnu : « ? »",
    "anyOf": [{"type": "string"}, {"type": "null"}],
}
MonthValue = Annotated[
    Month,
    PlainValidator(parse_month),
    PlainSerializer(lambda month: month.texte, return_type=str),  # le texte tel qu'écrit
    WithJsonSchema(_MONTH_SCHEMA),
]
KnownMonth = Annotated[MonthValue, AfterValidator(lambda m: _require_known(m))]


def _require_known(month: Month) -> Month:
    if not month.known:
        raise ValueError("la période d'un plan demande des mois connus (« 2016-01 »)")
    return month


Amount = Annotated[
    Decimal,
    PlainValidator(check_amount),
    PlainSerializer(lambda d: int(d) if d == d.to_integral_value() else float(d)),
    WithJsonSchema({"type": "number", "minimum": 0, "description": "euros"}),
]
Count = Annotated[int, Strict(), Field(ge=0)]
Periodicite = Literal["annuel", "ponctuel"]


def _text_or_text_list(value: object) -> object:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for index, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise ValueError(f"l'élément {index} doit être un texte, pas « {item} »")
        return value
    raise ValueError("attendu : un texte ou une liste de textes")


TextOrList = Annotated[Text | list[Text], BeforeValidator(_text_or_text_list)]


def _text_or_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("attendu : un texte ou un nombre")
    return value


TextOrNumber = Annotated[
    Text | int | float,
    BeforeValidator(_text_or_number),
]

# ------------------------------------------------------------------------------ le plan


class Periode(Model):
    debut: KnownMonth
    fin: KnownMonth


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
    periode: Periode | None = None
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


# ------------------------------------------------------------------------------ la fiche


def _cost_as_mapping(value: object) -> object:
    """`cout` s'écrit en mots, en nombre, ou en dictionnaire : on ramène tout au dictionnaire."""
    if isinstance(value, str):
        return {"texte": value}
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return {"montant": value}
    if value is None:
        return {"texte": ""}
    return value


class Cout(Model):
    """Un coût : les mots adoptés (`texte`) et, s'il le faut, ce que le plan veut dire."""

    texte: Text | None = None
    montant: Amount | None = None
    periodicite: Periodicite | None = None
    detail: Text | None = None

    @cached_property
    def reading(self) -> CostReading:
        """Ce que dit le texte à lui seul (montant, périodicité, anomalies)."""
        return read_cost_text(self.texte or "")

    @property
    def amount(self) -> Decimal | None:
        """Le montant retenu : `montant` s'il est donné, sinon celui du texte."""
        return self.montant if self.montant is not None else self.reading.montant

    @property
    def frequency(self) -> str | None:
        if self.periodicite is not None:
            return self.periodicite
        if self.montant is not None and self.texte is None:
            return "ponctuel" if self.montant else None
        return self.reading.periodicite or ("ponctuel" if self.amount else None)

    @property
    def known(self) -> bool:
        return self.amount is not None


CoutValue = Annotated[
    Cout, BeforeValidator(_cost_as_mapping, json_schema_input_type=str | float | Cout | None)
]


def _indicator_as_mapping(value: object) -> object:
    return {"libelle": value} if isinstance(value, str) else value


class Indicateur(Model):
    libelle: RequiredText
    cible: TextOrNumber | None = None
    # default_factory : un `{}` par défaut serait copié à chaque indicateur validé.
    valeurs: dict[Annotated[int, Field(ge=1900, le=2200)], TextOrNumber] = Field(default_factory=dict)


IndicateurValue = Annotated[
    Indicateur, BeforeValidator(_indicator_as_mapping, json_schema_input_type=str | Indicateur)
]

Statut = Literal["a_venir", "en_cours", "en_pause", "bloque", "realise", "abandonne"]


class Fiche(Model):
    id: FicheId
    axe: AxeCode
    titre: RequiredText
    pilotes: TextList | None = None
    associes: TextList | None = None
    contexte: Text | None = None
    methode: TextList | None = None
    resultats_attendus: TextList | None = None
    public_cible: Text | None = None
    moyens_humains: Text | None = None
    debut: MonthValue | None = None
    fin: MonthValue | None = None
    cout: CoutValue | None = None
    financement: TextOrList | None = None
    remarques: Text | None = None
    liens: list[FicheId] | None = None
    indicateurs: list[IndicateurValue] | None = None
    statut: Statut | None = None


PLAN_KEYS = tuple(Plan.model_fields)
FICHE_KEYS = tuple(Fiche.model_fields)
