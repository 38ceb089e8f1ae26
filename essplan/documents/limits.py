"""Ce qu'un rendu peut coûter : les bornes d'un modèle, comptées au fil du rendu.

Un modèle du dépôt de plans est une entrée comme une autre : il peut demander
`{{ 'x' * 10**9 }}` ou une boucle sans fin. Le rendu tient donc un compteur (`Meter`), que le
bac à sable (`sandbox.py`) fait avancer à chaque opération qui peut coûter :

- les pas : un tour de boucle, un appel, un corps de macro ou de bloc, chaque élément d'une
  liste construite ou parcourue par un filtre ;
- les caractères : chaque texte fabriqué (répétition, concaténation, filtre, valeur écrite,
  texte fixe du modèle répété par une boucle) ;
- la taille d'une seule valeur : une valeur plus grande que le document permis est refusée
  avant d'être fabriquée (`'x' * 10**9` ne réserve jamais un gigaoctet).

Chaque dépassement lève `LimitError`, avec un message en français ; `report.py` y ajoute le
fichier et la ligne du modèle. Les bornes sont des tailles et des nombres d'opérations, jamais
des durées : même modèle, même plan, même verdict, sur toutes les machines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2.exceptions import TemplateRuntimeError
from jinja2.utils import Namespace

from .. import french


@dataclass(frozen=True, slots=True)
class RenderLimits:
    """Les bornes d'un rendu. `for_plan` les proportionne à la taille du plan : un document
    coûte au plus un multiple de ce qu'il montre, jamais le carré. Les modèles livrés en
    prennent environ un dixième sur un plan de 1 000 fiches (`benchmarks/make_corpus.py`), et
    moins d'un cinquième sur les plans livrés (`tests/test_template_bounds.py`)."""

    document: int = 10_000_000  # caractères du document produit, et d'une seule valeur
    characters: int = 50_000_000  # caractères fabriqués pendant tout le rendu
    steps: int = 500_000  # tours de boucle, appels, éléments parcourus
    range: int = 100_000  # éléments d'un `range()`
    integer_bits: int = 10_000  # un entier d'environ 3 000 chiffres
    template_bytes: int = 131_072  # taille d'un fichier de modèle, vérifiée avant lecture
    templates_bytes: int = 262_144  # tous les modèles lus pour un document

    @classmethod
    def for_plan(cls, size: int) -> RenderLimits:
        """Les bornes d'un plan de `size` caractères (ses textes, plus un par valeur) : le
        texte du plan peut s'écrire plusieurs fois (annexe, tableaux, échappement HTML)."""
        base = cls()
        return cls(
            document=base.document + 10 * size,
            characters=base.characters + 50 * size,
            steps=base.steps + size,
        )


class LimitError(TemplateRuntimeError):
    """Une borne du rendu dépassée : le message dit laquelle, en français."""


# Les valeurs dont la taille écrite se lit sans parcours : (taille, enfants) se calcule pour
# les autres, une fois par objet.
_SCALARS = (bool, int, float, Decimal, dt.date, type(None))


class Meter:
    """Le compteur d'un rendu : pas, caractères, et la taille écrite des valeurs déjà vues."""

    __slots__ = ("characters", "limits", "steps", "_sizes", "_open")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.steps = 0
        self.characters = 0
        # id → (objet, taille écrite) : l'objet est gardé pour que son id ne serve pas à un autre
        self._sizes: dict[int, tuple[Any, int]] = {}
        self._open: set[int] = set()

    def step(self, count: int = 1) -> None:
        self.steps += count
        _within(self.steps, self.limits.steps, "opérations (tours de boucle, appels, éléments)")

    def build(self, size: int) -> None:
        """Un texte de `size` caractères va être fabriqué : refusé s'il dépasse une borne."""
        self.check_value(size)
        self.characters += size
        _within(self.characters, self.limits.characters, "caractères fabriqués pendant le rendu")

    def touch(self, value: object) -> None:
        """Recevoir ou parcourir `value` : ses caractères, ou ses éléments."""
        if isinstance(value, (str, bytes)):
            self.build(len(value))
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            self.step(len(value))

    def check_value(self, size: int) -> None:
        if size > self.limits.document:
            raise LimitError(
                f"valeur trop grande : {french.number(size)} caractères ou éléments, au-delà de la"
                f" taille permise d'un document ({french.number(self.limits.document)})"
            )

    def check_integer(self, value: object) -> None:
        if isinstance(value, int):
            self.check_bits(value.bit_length())

    def check_bits(self, bits: int) -> None:
        """Un entier de `bits` chiffres binaires va être fabriqué (`**`, `*`)."""
        if bits > self.limits.integer_bits:
            raise LimitError(
                f"nombre trop grand : plus de {french.number(self.limits.integer_bits)} chiffres"
                " binaires (environ 3 000 chiffres)"
            )

    def written(self, value: object) -> int:
        """La taille de `str(value)`, calculée sans l'écrire ; refusée au-delà de la borne d'une
        valeur. Une liste qui se contient vingt fois elle-même s'écrirait en millions de
        caractères : sa taille se calcule en vingt pas, une fois par objet."""
        size = self._size(value)
        self.check_value(size)
        return size

    def _size(self, value: object) -> int:
        return self._measure(value)[0]

    def _measure(self, value: object) -> tuple[int, bool]:
        """(taille écrite, variable) : une valeur qui contient un `namespace` peut changer
        (`{% set ns.x = … %}`) ; sa taille n'est pas retenue."""
        if isinstance(value, str):
            return len(value), False
        if isinstance(value, _SCALARS):
            return _scalar_size(value), False
        known = self._sizes.get(id(value))
        if known is not None:
            return known[1], False
        if id(value) in self._open:  # une liste qui se contient : Python écrit « [...] »
            return 5, True
        children = _children(value)
        if children is None:
            return self._remember(value, len(_text(value)), False), False
        self.step(len(children) + 1)
        self._open.add(id(value))
        try:
            measured = [self._measure(child) for child in children]
        finally:
            self._open.discard(id(value))
        size = 2 + sum(child + 2 for child, _ in measured)
        volatile = isinstance(value, Namespace) or any(v for _, v in measured)
        return self._remember(value, size, volatile), volatile

    def _remember(self, value: object, size: int, volatile: bool) -> int:
        if not volatile:
            self._sizes[id(value)] = (value, size)
        return size


def _within(used: int, limit: int, what: str) -> None:
    if used > limit:
        raise LimitError(f"modèle trop coûteux : plus de {french.number(limit)} {what}")


def _scalar_size(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() * 3 // 10 + 2  # chiffres décimaux, par excès
    return 40  # un flottant, un Decimal (28 chiffres), une date, True, None


def _children(value: object) -> list | None:
    """Ce que `str(value)` écrit d'autres valeurs ; None pour une valeur qui s'écrit seule."""
    if isinstance(value, Namespace):
        value = object.__getattribute__(value, "_Namespace__attrs")
    if isinstance(value, Mapping):
        return [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if isinstance(value, range):
        return None
    return None


def _text(value: object) -> str:
    """Le texte d'une valeur qui s'écrit seule (un objet du plan, un `range`) ; une valeur qui
    ne s'écrit pas (une variable inconnue) ne compte rien ici : l'écrire lèvera son erreur."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001 — l'erreur viendra, avec sa ligne, quand le modèle l'écrira
        return ""


def bounded_range(meter: Meter, limits: RenderLimits):
    """Le `range` des modèles : au plus `limits.range` éléments, et compté."""

    def range_(*args: int) -> range:
        numbers = range(*args)
        if len(numbers) > limits.range:
            raise LimitError(
                f"range trop long : {french.number(len(numbers))} éléments, au plus"
                f" {french.number(limits.range)}"
            )
        meter.step()
        return numbers

    return range_
