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
import re
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
    PlainSerializer,
    PlainValidator,
    Strict,
    WithJsonSchema,
)

from .costs import CostPart, CostReading, check_amount, read_cost_text
from .months import Month, Role, parse_month, parse_period


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


# Le schéma JSON des formes courtes (`cout: "5 000 €"`, `periode: 2025-2030`) est écrit à la
# main : le `json_schema_input_type` de pydantic, qui cite le modèle lui-même, échoue selon les
# versions (2.9, 2.10.0, 2.11.0 : KeyError « Cout-Input »), et pydantic refuse un `$ref` qu'il
# n'a pas produit. `MODEL_REF` marque la place du modèle ; `schema.py` y met le `$ref` et les
# `$defs`.
MODEL_REF = "x-essplan-modele"


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
    "description": "mois : « 2016-10 », « 2016-10-14 », « octobre 2016 », « sept. 2025 »,"
    " « 09/2025 », « 2026 », « 1er trimestre 2026 », « S2 2026 », « fin 2026 » ; inconnu : « ? »",
    "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}],
}


def _month(role: Role) -> object:
    """Le type d'un mois dans son rôle : un texte imprécis (« 2026 ») se lit au premier mois
    pour un début, au dernier pour une fin."""
    return Annotated[
        Month,
        PlainValidator(lambda value: parse_month(value, role)),
        PlainSerializer(lambda month: month.texte, return_type=str),  # le texte tel qu'écrit
        WithJsonSchema(_MONTH_SCHEMA),
    ]


StartMonth = _month("debut")
EndMonth = _month("fin")


Amount = Annotated[
    Decimal,
    PlainValidator(check_amount),
    PlainSerializer(lambda d: int(d) if d == d.to_integral_value() else float(d)),
    WithJsonSchema({"type": "number", "minimum": 0, "description": "euros"}),
]
Count = Annotated[int, Strict(), Field(ge=0)]
Periodicite = Literal["annuel", "ponctuel", "mensuel"]


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
    debut: StartMonth  # type: ignore[valid-type]
    fin: EndMonth  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _known_and_ordered(self) -> Periode:
        if not self.debut.known or not self.fin.known:
            raise ValueError("la période d'un plan demande des mois connus (« 2016-01 »)")
        if self.fin.index < self.debut.index:
            raise ValueError(f"la fin de la période (« {self.fin.texte} ») précède son début"
                             f" (« {self.debut.texte} »)")
        return self


def _period_shortcut(value: object) -> object:
    if isinstance(value, (dict, str, int)) and not isinstance(value, bool):
        return parse_period(value)
    raise ValueError("une période s'écrit « periode: 2025-2030 », ou « periode: {debut: 2025-01,"
                     " fin: 2030-12} »")


PeriodeValue = Annotated[
    Periode,
    BeforeValidator(_period_shortcut),
    WithJsonSchema({"anyOf": [{"type": "string", "description": "années : « 2025-2030 »"},
                              {"type": "integer"}, {MODEL_REF: "Periode"}]}),
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


# Ce qui peut rendre un texte de coût invalide : un signe moins, un nombre de plus de douze
# chiffres, un multiple (« k€ », « M€ ») qui peut dépasser mille milliards.
_MAYBE_INVALID = re.compile(r"[-−]|(?:\d[\s.,]?){13}|\d\s*[kKM]\s*(?:€|euro)")


class Cout(Model):
    """Un coût : les mots adoptés (`texte`) et, s'il le faut, ce que le plan veut dire."""

    texte: Text | None = None
    montant: Amount | None = None
    periodicite: Periodicite | None = None
    detail: Text | None = None

    @field_validator("texte")
    @classmethod
    def _readable(cls, texte: str | None) -> str | None:
        # Les autres textes ne sont lus qu'à la demande (`reading`) : la validation reste au
        # prix de la lecture YAML.
        if texte is not None and _MAYBE_INVALID.search(texte):
            invalid = read_cost_text(texte).invalid
            if invalid:
                raise ValueError(invalid)
        return texte

    @cached_property
    def reading(self) -> CostReading:
        """Ce que dit le texte à lui seul (parties, ambiguïtés, anomalies)."""
        return read_cost_text(self.texte or "")

    @cached_property
    def parts(self) -> tuple[CostPart, ...]:
        """Ce que le budget compte : `montant` s'il est donné (une partie), sinon les parties du
        texte ; rien si le coût est inconnu ou ambigu."""
        if self.montant is None:
            return self.reading.parts if self.reading.known else ()
        return (CostPart(self.texte or "", self.montant, self._stated_periodicity()),)

    def _stated_periodicity(self):
        if self.periodicite is not None:
            return self.periodicite
        written = self.reading.periodicite if self.texte is not None else None
        return written or ("ponctuel" if self.montant else None)

    @property
    def known(self) -> bool:
        return bool(self.parts)

    @property
    def ambiguous(self) -> bool:
        """Le texte se lit de plusieurs façons et `montant` ne tranche pas : jamais compté."""
        return self.montant is None and self.reading.ambiguity is not None

    @property
    def periodic(self) -> bool:
        """Une partie au moins compte chaque année où l'action court."""
        parts = self.parts or self.reading.parts
        return any(part.periodicite != "ponctuel" for part in parts) or not parts

    @property
    def amount(self) -> Decimal | None:
        """Le montant retenu, toutes parties confondues (None si le coût n'est pas connu)."""
        return sum((part.montant for part in self.parts), Decimal(0)) if self.parts else None

    @property
    def frequency(self) -> str | None:
        """La périodicité des parties : « annuel », « mensuel », « ponctuel », None (nulle), ou
        « mixte » (un coût en plusieurs parties de périodicités différentes)."""
        kinds = {part.periodicite for part in self.parts}
        return kinds.pop() if len(kinds) == 1 else ("mixte" if kinds else None)


CoutValue = Annotated[
    Cout,
    BeforeValidator(_cost_as_mapping),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}, {MODEL_REF: "Cout"},
                              {"type": "null"}]}),
]


def _indicator_as_mapping(value: object) -> object:
    return {"libelle": value} if isinstance(value, str) else value


class Indicateur(Model):
    libelle: RequiredText
    cible: TextOrNumber | None = None
    # default_factory : un `{}` par défaut serait copié à chaque indicateur validé.
    valeurs: dict[Annotated[int, Field(ge=1900, le=2200)], TextOrNumber] = Field(default_factory=dict)


IndicateurValue = Annotated[
    Indicateur,
    BeforeValidator(_indicator_as_mapping),
    WithJsonSchema({"anyOf": [{"type": "string"}, {MODEL_REF: "Indicateur"}]}),
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
    debut: StartMonth | None = None  # type: ignore[valid-type]
    fin: EndMonth | None = None  # type: ignore[valid-type]
    cout: CoutValue | None = None
    financement: TextOrList | None = None
    remarques: Text | None = None
    liens: list[FicheId] | None = None
    indicateurs: list[IndicateurValue] | None = None
    statut: Statut | None = None


PLAN_KEYS = tuple(Plan.model_fields)
FICHE_KEYS = tuple(Fiche.model_fields)
