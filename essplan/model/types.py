"""Les types valeur du format, communs au plan et aux fiches : textes stricts, identifiants,
codes d'axe, mois (dans leur rôle), montants, et la base `Model` de tous les modèles.

Les textes sont stricts (un nombre n'est pas un texte : `id: 1.1` serait le nombre 1.1, et
« 1.10 » deviendrait 1.1) ; les mois lisent les mots des sources (`months.py`) et gardent le
texte d'origine. Chaque valeur refusée l'est par une `ValueError` au message français.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Annotated, Any, Literal

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

from .amounts import check_amount
from .months import FIRST_YEAR, LAST_YEAR, Month, Role, parse_month


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


def shown_number(value: int | float) -> str:
    """Un nombre refusé, tel qu'un message peut le citer : au-delà de trente chiffres, `str`
    d'un entier coûte (et échoue au-delà de 4 300 chiffres) ; on dit sa taille."""
    if isinstance(value, int) and abs(value) >= 10**30:
        return "un nombre de plus de trente chiffres"
    return str(value)


def _check_id(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f'un identifiant est un texte : écrivez-le entre guillemets ("{shown_number(value)}")'
        )
    return value


def id_form_problem(value: str) -> str | None:
    """Ce qu'un identifiant de fiche a d'inhabituel, que le format admet (c'est un texte) mais
    que le linter signale (ESS403) ; None pour « 2.2 », « 4 », « A », « 2.2 bis »."""
    if value.isascii() and value.isprintable() and value.strip() == value:
        return None  # le cas de presque tous les plans, vérifié d'un coup
    if not value.isprintable():
        return "il tient sur plusieurs lignes ou contient un caractère de contrôle"
    if value != value.strip():
        return "il est précédé ou suivi d'une espace, qu'un lien écrit sans ne trouve pas"
    # « ² », « ٣ », « ① » se lisent comme des chiffres, mais ni le tri naturel ni la
    # numérotation (ESS402) n'en font des nombres : deux identifiants qui se ressemblent à l'œil
    # seraient rangés et comptés autrement.
    odd = next((char for char in value if char.isnumeric() and char not in "0123456789"), None)
    if odd is not None:
        return (
            f"« {odd} » n'est pas un chiffre de 0 à 9 : ni le tri ni la numérotation ne le"
            " lisent comme un nombre"
        )
    return None


FicheId = Annotated[
    str,
    BeforeValidator(_check_id),
    Strict(),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "identifiant de fiche"}),
]

MAX_AXE_CODE = 999_999_999  # neuf chiffres, comme un numéro de fiche (ESS402)


def _check_axe_code(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError('un code d\'axe est un entier (1) ou un texte court ("A")')
    if isinstance(value, str) and not value.strip():
        raise ValueError("le code d'axe ne doit pas être vide")
    if isinstance(value, int) and not 0 <= value <= MAX_AXE_CODE:
        raise ValueError(
            f"code d'axe invraisemblable « {shown_number(value)} » : un code d'axe entier va"
            " de 0 à 999 999 999"
        )
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


def _month(role: Role) -> Any:
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
MAX_COUNT = 10_000  # un conseil en exercice compte quelques centaines de membres au plus


def _bounded_count(value: int) -> int:
    if value > MAX_COUNT:
        raise ValueError(
            f"compte invraisemblable « {shown_number(value)} » : un compte du vote va de 0 à 10 000"
        )
    return value


Count = Annotated[
    int,
    Strict(),
    Field(ge=0),
    AfterValidator(_bounded_count),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_COUNT}),
]
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


MAX_FIGURE = 10**15  # la valeur d'un indicateur, un chiffre clé : au-delà, une faute de frappe


def _text_or_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("attendu : un texte ou un nombre")
    if not isinstance(value, str) and not (math.isfinite(value) and abs(value) <= MAX_FIGURE):
        raise ValueError(
            f"nombre invraisemblable « {shown_number(value)} » : un nombre va de -10¹⁵ à 10¹⁵"
        )
    return value


TextOrNumber = Annotated[
    Text | int | float,
    BeforeValidator(_text_or_number),
]


def _year(value: int) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValueError(
            f"année {shown_number(value)} hors des années qu'essplan compte (de {FIRST_YEAR}"
            f" à {LAST_YEAR})"
        )
    return value


Year = Annotated[
    int,
    AfterValidator(_year),
    WithJsonSchema({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}),
]
"""Une année civile, clé des mappings `valeurs`, `cibles` et `depenses` (« 2017: 2500 »)."""


def _percent(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("attendu : un pourcentage, un nombre de 0 à 100 (30 pour 30 %)")
    if not (math.isfinite(value) and 0 <= value <= 100):
        raise ValueError(
            f"pourcentage invraisemblable « {shown_number(value)} » : l'avancement va de 0 à 100"
        )
    return value


Percent = Annotated[
    int | float,
    BeforeValidator(_percent),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
