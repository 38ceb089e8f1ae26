"""Le modèle d'une fiche-action : pilotes, méthode, dates, coût, indicateurs, statut, et sa vie
après l'adoption (étapes, journal, dépenses, financeurs chiffrés : `suivi.py`).

Le coût (`Cout`) garde les mots adoptés (`texte`) et ce que le plan veut dire (`montant`,
`periodicite`) ; sa lecture (`costs.py`) dit ses parties et ce qu'il laisse ouvert.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator

from .amounts import detail_problem, may_exceed_bound
from .costs import CostPart, CostReading, read_cost_text
from .suivi import Depenses, EntreeSuivi, Etape, FinancementValue, Priorite, Statut
from .types import (
    MODEL_REF,
    Amount,
    AxeCode,
    EndMonth,
    FicheId,
    Model,
    Periodicite,
    RequiredText,
    StartMonth,
    Text,
    TextList,
    TextOrNumber,
    Year,
)


def _cost_as_mapping(value: object) -> object:
    """`cout` s'écrit en mots, en nombre, ou en dictionnaire : on ramène tout au dictionnaire."""
    if isinstance(value, str):
        return {"texte": value}
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return {"montant": value}
    if value is None:
        return {"texte": ""}
    return value


# Ce qui peut rendre un texte de coût invalide : un signe moins, ou un montant qui peut dépasser
# la borne (`may_exceed_bound`).
_MINUS = re.compile(r"[-−]")


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
        if texte is not None and (_MINUS.search(texte) or may_exceed_bound(texte)):
            invalid = read_cost_text(texte).invalid
            if invalid:
                raise ValueError(invalid)
        return texte

    @field_validator("detail")
    @classmethod
    def _bounded_detail(cls, detail: str | None) -> str | None:
        problem = detail_problem(detail) if detail is not None else None
        if problem:
            raise ValueError(problem)
        return detail

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
    def total(self) -> Decimal | None:
        """Le montant compté, toutes parties confondues (None si le coût n'est pas connu) ;
        `montant` est celui qu'écrit le plan, quand il l'écrit."""
        return sum((part.montant for part in self.parts), Decimal(0)) if self.parts else None

    @property
    def counted_periodicity(self) -> str | None:
        """La périodicité des parties comptées : « annuel », « mensuel », « ponctuel », None
        (nulle), ou « mixte » (des parties de périodicités différentes) ; `periodicite` est
        celle qu'écrit le plan, quand il l'écrit."""
        kinds = {part.periodicite for part in self.parts}
        return kinds.pop() if len(kinds) == 1 else ("mixte" if kinds else None)


CoutValue = Annotated[
    Cout,
    BeforeValidator(_cost_as_mapping),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "number"}, {MODEL_REF: "Cout"}, {"type": "null"}]}
    ),
]


def _indicator_as_mapping(value: object) -> object:
    return {"libelle": value} if isinstance(value, str) else value


class Indicateur(Model):
    libelle: RequiredText
    unite: Text | None = None
    cible: TextOrNumber | None = None
    # default_factory : un `{}` par défaut serait copié à chaque indicateur validé.
    cibles: dict[Year, TextOrNumber] = Field(default_factory=dict)
    valeurs: dict[Year, TextOrNumber] = Field(default_factory=dict)


IndicateurValue = Annotated[
    Indicateur,
    BeforeValidator(_indicator_as_mapping),
    WithJsonSchema({"anyOf": [{"type": "string"}, {MODEL_REF: "Indicateur"}]}),
]


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
    debut: StartMonth | None = None
    fin: EndMonth | None = None
    cout: CoutValue | None = None
    financement: FinancementValue | None = None
    remarques: Text | None = None
    liens: list[FicheId] | None = None
    indicateurs: list[IndicateurValue] | None = None
    statut: Statut | None = None
    priorite: Priorite | None = None
    etapes: list[Etape] | None = None
    suivi: list[EntreeSuivi] | None = None
    depenses: Depenses | None = None


FICHE_KEYS = tuple(Fiche.model_fields)
