"""D'un scalaire YAML à sa valeur : ce que libyaml accepte, Python doit savoir le construire,
ou c'est un diagnostic ; jamais une exception du constructeur, jamais une valeur de travers.

- Seules les étiquettes du jeu sûr sont admises (texte, nombre, date, booléen, nul, liste,
  dictionnaire) : `!!python/…`, `!!binary` ou `!perso` sont refusées, rien n'est exécuté.
- Une valeur étiquetée s'écrit comme la même valeur sans étiquette : `!!bool maybe`,
  `!!int _` ou `!!timestamp x` sont refusés, et `!!null x` ne devient pas une valeur vide qui
  perdrait « x ». La forme de chaque type est celle du résolveur de PyYAML, celle-là même qui
  reconnaît les valeurs sans étiquette : une seule définition.
- Un nombre a une borne, contrôlée avant toute conversion : au plus `MAX_DIGITS` chiffres
  écrits (Python refuse de convertir au-delà de 4 300 chiffres, et un nombre sexagésimal de
  3 000 groupes coûterait des millions d'opérations), et une valeur sous 10³⁰ (un hexadécimal
  de 5 000 chiffres se lit, mais ne s'écrit plus) ; un flottant écrit fini ne devient pas
  infini. Au-delà, aucune valeur d'un plan n'a de sens : un montant s'arrête à 10¹², un SIRET
  a 14 chiffres.
"""

from __future__ import annotations

import math
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..french import citation, number

_YAML = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
MAP_TAG, SEQ_TAG, INT_TAG, FLOAT_TAG = (_YAML + n for n in ("map", "seq", "int", "float"))
_NUMBER_TAGS = frozenset((INT_TAG, FLOAT_TAG))
MAX_DIGITS = 30
_CEILING = 10**MAX_DIGITS
# La forme écrite de chaque type, telle que le résolveur la reconnaît sans étiquette.
_WRITTEN = {
    tag: pattern
    for resolvers in Resolver.yaml_implicit_resolvers.values()
    for tag, pattern in resolvers
}
_WHAT = {
    "str": "un texte",
    "int": "un nombre entier",
    "float": "un nombre décimal",
    "bool": "un booléen (« true » ou « false »)",
    "null": "une valeur vide (« ~ » ou « null »)",
    "timestamp": "une date (AAAA-MM-JJ)",
    "map": "un dictionnaire",
    "seq": "une liste",
}
_constructor = SafeConstructor()
# Ce que lèvent les constructeurs de PyYAML sur une valeur qu'ils ne savent pas lire : une
# entrée invalide, pas une faute d'essplan.
_CONSTRUCTION_ERRORS = (
    ConstructorError,
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    ArithmeticError,
)


class Unbuildable(Exception):
    """Un scalaire qui ne devient pas une valeur ; `code` : ESS001 (illisible) ou ESS004
    (un nombre hors des bornes d'un plan)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def short_tag(tag: str) -> str:
    return tag.replace(_YAML, "!!")


def build_scalar(tag: str, value: str, explicit: bool, style: str | None) -> Any:
    """La valeur du scalaire `value` d'étiquette `tag` (`explicit` : écrite dans le fichier,
    sinon reconnue par le résolveur). `Unbuildable` sinon."""
    if tag not in SAFE_TAGS:
        raise refused(tag)
    if explicit and not _written_as(tag, value):
        raise _not_a(f"« {citation(value)} »", tag)
    is_number = tag in _NUMBER_TAGS
    if is_number and len(value) > MAX_DIGITS:
        _check_digits(value)
    try:
        built = _constructor.yaml_constructors[tag](
            _constructor, ScalarNode(tag, value, style=style)
        )
    except _CONSTRUCTION_ERRORS:
        raise _not_a(f"« {citation(value)} »", tag) from None
    if is_number:
        _check_magnitude(built, value)
    return built


def collection_tag_problem(tag: str, is_map: bool) -> Unbuildable | None:
    """Un dictionnaire ne porte que `!!map`, une liste que `!!seq` ; None si c'est le cas."""
    if tag not in SAFE_TAGS:
        return refused(tag)
    if tag == (MAP_TAG if is_map else SEQ_TAG):
        return None
    return _not_a("un dictionnaire" if is_map else "une liste", tag)


def refused(tag: str) -> Unbuildable:
    return Unbuildable(
        "ESS001",
        f"étiquette YAML « {citation(short_tag(tag))} » refusée : seules les valeurs simples"
        " (texte, nombre, date, liste, dictionnaire) sont admises, essplan n'exécute jamais rien",
    )


def _not_a(subject: str, tag: str) -> Unbuildable:
    what = _WHAT[tag.removeprefix(_YAML)]
    return Unbuildable(
        "ESS001",
        f"{subject} n'est pas {what} : l'étiquette « {short_tag(tag)} » ne s'y applique pas",
    )


def _written_as(tag: str, value: str) -> bool:
    if tag in (MAP_TAG, SEQ_TAG):
        return False  # une valeur simple étiquetée comme un dictionnaire ou une liste
    pattern = _WRITTEN.get(tag)
    if pattern is None:
        return True
    # Un entier est aussi un nombre décimal (`!!float 1`), comme le lit PyYAML.
    return bool(pattern.fullmatch(value)) or (
        tag == FLOAT_TAG and bool(_WRITTEN[INT_TAG].fullmatch(value))
    )


def _check_digits(value: str) -> None:
    digits = sum(map(value.count, "0123456789"))
    if digits > MAX_DIGITS:
        raise Unbuildable(
            "ESS004",
            f"nombre de {number(digits)} chiffres : aucune valeur d'un plan n'en a plus de"
            f" {MAX_DIGITS} ; si c'est un texte, écrivez-le entre guillemets",
        )


def _check_magnitude(built: Any, value: str) -> None:
    if isinstance(built, float):
        # `.inf` et `.nan` écrits comme tels restent des valeurs : le modèle en juge ; un
        # nombre écrit fini qui devient infini (`1.0e+400`) est trop grand.
        written = value.lower()
        too_big = (
            abs(built) >= _CEILING
            if math.isfinite(built)
            else "inf" not in written and "nan" not in written
        )
    else:
        too_big = not -_CEILING < built < _CEILING
    if too_big:
        raise Unbuildable(
            "ESS004",
            "nombre trop grand : aucune valeur d'un plan n'atteint 10³⁰ ; si c'est un texte,"
            " écrivez-le entre guillemets",
        )
