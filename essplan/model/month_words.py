"""Les mots des mois : leurs noms, leurs abréviations, les ordinaux des trimestres et des
semestres, et la lecture la plus proche d'un mot mal écrit (« setpembre » → « septembre »).

Partagés par la lecture des mois (`months.py`) et l'import des délibérations.
"""

from __future__ import annotations

import difflib
import unicodedata

MONTH_NAMES = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
MONTH_LABELS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# Les abréviations en usage (Imprimerie nationale, et les formes courtes des tableurs).
ABBREVIATIONS = {
    "janv": 1,
    "jan": 1,
    "fevr": 2,
    "fev": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
ORDINALS = {
    "1": 1,
    "1er": 1,
    "1re": 1,
    "1ere": 1,
    "premier": 1,
    "premiere": 1,
    "2": 2,
    "2e": 2,
    "2eme": 2,
    "2nd": 2,
    "2nde": 2,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "3": 3,
    "3e": 3,
    "3eme": 3,
    "troisieme": 3,
    "4": 4,
    "4e": 4,
    "4eme": 4,
    "quatrieme": 4,
}


def strip_accents(text: str) -> str:
    if text.isascii():  # le cas courant, sans décomposer chaque caractère
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def nearest_month(word: str) -> str | None:
    names = [*MONTH_NAMES, *ABBREVIATIONS]
    found = difflib.get_close_matches(word, names, n=1, cutoff=0.7)
    if not found:
        return None
    number = MONTH_NAMES.get(found[0]) or ABBREVIATIONS[found[0]]
    return MONTH_LABELS[number - 1]
