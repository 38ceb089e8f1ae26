"""Les dates d'un jour comme les écrivent les délibérations : « 24/06/2021 », « 24 juin 2021 »,
« 1er juillet 2021 », « jeudi 24 juin 2021 », « vingt-quatre juin deux mille vingt et un ».

Les noms des mois sont ceux de `month_words.py`, comme pour les mois des fiches. Une date
impossible (« 31 juin 2021 ») ou d'une année hors de celles qu'essplan compte n'est pas une
date : `read_date` rend None, et rien n'est deviné. Une année en deux chiffres (« 07/10/16 »)
est lue au XXIᵉ siècle, et `Day.short_year` le dit, pour que l'appelant le note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .month_words import ABBREVIATIONS, MONTH_NAMES, strip_accents
from .years import FIRST_YEAR, LAST_YEAR

# Les nombres en lettres d'un jour (« vingt-quatre », « premier ») et d'une année (« deux mille
# vingt et un ») ; « mil » est l'ancienne graphie de « mille » dans les dates.
_UNITS = {
    "un": 1,
    "une": 1,
    "premier": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}
_WORD = (
    r"(?:premier|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil)"
)
_WORDS = rf"{_WORD}(?:(?:\s+|-)(?:et(?:\s+|-))?{_WORD})*"
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
# Une date dans une phrase, sans groupe nommé : à placer dans une autre expression.
DATE_TEXT = (
    rf"{_WEEKDAY}(?:\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
    rf"|(?:1er|\d{{1,2}}|{_WORDS})\s+[^\W\d_]+\.?\s+(?:\d{{4}}|{_WORDS}))"
)
_DIGITS = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
_IN_WORDS = re.compile(rf"(1er|\d{{1,2}}|{_WORDS})\s+([^\W\d_]+)\.?\s+(\d{{4}}|{_WORDS})")
_LEADING_WEEKDAY = re.compile(_WEEKDAY)


@dataclass(frozen=True, slots=True)
class Day:
    """Une date lue : le jour, le texte tel qu'écrit, et si l'année n'avait que deux chiffres."""

    date: dt.date
    written: str
    short_year: bool = False


def read_date(text: str) -> Day | None:
    """Le jour que dit `text` en entier (« 24 juin 2021 », « 24/06/2021 »), ou None."""
    written = " ".join(text.split()).rstrip(".,;")
    simple = strip_accents(written).lower()
    simple = simple[_LEADING_WEEKDAY.match(simple).end() :]  # type: ignore[union-attr]
    digits = _DIGITS.fullmatch(simple)
    if digits:
        year = int(digits[3]) + (2000 if len(digits[3]) == 2 else 0)
        return _day(written, year, int(digits[2]), int(digits[1]), len(digits[3]) == 2)
    words = _IN_WORDS.fullmatch(simple)
    if not words:
        return None
    month = MONTH_NAMES.get(words[2]) or ABBREVIATIONS.get(words[2])
    day, in_year = _number(words[1]), _number(words[3])
    if not month or day is None or in_year is None:
        return None
    return _day(written, in_year, month, day)


def _day(written: str, year: int, month: int, day: int, short_year: bool = False) -> Day | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return Day(dt.date(year, month, day), written, short_year)
    except ValueError:
        return None


def _number(text: str) -> int | None:
    """« 24 », « 1er », « vingt-quatre », « deux mille vingt et un », « quatre-vingt-dix »."""
    if text.isdigit():
        return int(text)
    if text == "1er":
        return 1
    total, current, previous = 0, 0, ""
    for word in re.split(r"[\s-]+", text):
        if word == "et":
            continue
        if word in ("mille", "mil"):
            total, current = total + max(current, 1) * 1000, 0
        elif word in ("cent", "cents"):
            current = max(current, 1) * 100
        elif word.startswith("vingt") and previous == "quatre":
            current = current - 4 + 80  # « quatre-vingt » : quatre fois vingt
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
        previous = word
    return total + current
