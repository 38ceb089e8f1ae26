"""Ce qu'une cellule remplie par un pilote veut dire : un statut, un pourcentage, un montant,
une valeur d'indicateur, une note. Chaque lecture rend la valeur, ou lève `CellValueError` avec
ce qui était attendu, en français ; une cellule vide n'arrive pas jusqu'ici (vide : aucun
changement).

Les nombres s'écrivent comme on les tape en France : « 2 500,50 », « 30 % », « 1 800 » ; un
avancement mis en forme de pourcentage par le tableur (« 30 % » tapé dans Excel vaut 0,3) est
ramené à 30.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from ..cells import restored
from ..french import STATUS_LABELS
from ..model.amounts import check_amount
from ..model.types import MAX_FIGURE
from .columns import normalised

_STATUSES = {normalised(label): code for code, label in STATUS_LABELS.items()}
_STATUSES |= {normalised(code.replace("_", " ")): code for code in STATUS_LABELS}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_FRENCH_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


class CellValueError(ValueError):
    """La cellule ne dit pas ce qu'elle devrait : « n'est pas un pourcentage de 0 à 100 »."""


def statut(value: object) -> str:
    code = _STATUSES.get(normalised(value)) if isinstance(value, str) else None
    if code is None:
        labels = ", ".join(STATUS_LABELS.values())
        raise CellValueError(f"n'est pas un statut (attendu : {labels})")
    return code


def avancement(value: object, number_format: str = "General") -> int | float:
    expected = "n'est pas un pourcentage de 0 à 100"
    number = _number(value, ("%",))
    if number is None:
        raise CellValueError(expected)
    if "%" in number_format and not isinstance(value, str):
        number *= 100  # « 30 % » dans un tableur : la cellule vaut 0,3
    if not 0 <= number <= 100:
        raise CellValueError(expected)
    return _plain(number)


def depense(value: object) -> Decimal:
    expected = "n'est pas un montant en euros (un nombre positif ou nul : 2500 ou 2 500,50)"
    number = _number(value, ("€", "euros", "euro"))
    if number is None:
        raise CellValueError(expected)
    try:
        return check_amount(Decimal(str(_plain(number))))
    except ValueError as error:
        raise CellValueError(f"n'est pas un montant accepté : {error}") from None


def indicator_value(value: object) -> str | int | float:
    """Un nombre (« 1 800 », « 12,5 ») ou, sinon, le texte tel qu'écrit (« en cours de mesure »)."""
    number = _number(value, ())
    if number is None:
        return text(value)
    if abs(number) > MAX_FIGURE:
        raise CellValueError("n'est pas une valeur vraisemblable (un nombre va de -10¹⁵ à 10¹⁵)")
    return _plain(number)


def text(value: object) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, float):
        return str(_plain(value))
    return restored(str(value)).strip()


def _number(value: object, units: tuple[str, ...]) -> float | None:
    """Le nombre d'une cellule (un nombre du tableur, ou un texte à la française) ; None sinon."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    written = _SPACES.sub("", value.strip().casefold())
    for unit in units:
        written = written.removesuffix(unit)
    if not _FRENCH_NUMBER.fullmatch(written):
        return None
    try:
        return float(Decimal(written.replace(",", ".")))
    except InvalidOperation:
        return None


def _plain(number: float) -> int | float:
    """30.0 → 30 : un nombre entier s'écrit sans décimales dans le plan."""
    return int(number) if float(number).is_integer() else number
