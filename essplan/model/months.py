"""Les mois du format, écrits comme les écrivent les collectivités (FORMAT.md, « Months » et
« More months »).

`2016-10`, `2016-10-14`, `Octobre 2016`, `sept. 2025`, `01/09/2025`, `09/2025`, `2026`,
`1er trimestre 2026`, `S2 2026`, `fin 2026`… Une lecture est exacte (un mois) ou imprécise (une
année, un trimestre, un semestre, « début », « fin », « mi- ») : elle désigne alors une suite de
mois, et le rôle de la valeur choisit le mois retenu — le premier pour un début (`debut`), le
dernier pour une fin (`fin`). L'imprécision est dite dans `Month.imprecision`, en français.

Un mois illisible lève `MonthError` (une `ValueError`) avec un message en français et, quand
un mois voisin se devine (`setpembre 2025`), la lecture la plus proche en `suggestion`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .month_words import (
    ABBREVIATIONS,
    MONTH_LABELS,
    MONTH_NAMES,
    ORDINALS,
    nearest_month,
    strip_accents,
)
from .years import FIRST_YEAR, LAST_YEAR  # une seule définition, réexportée ici

Role = Literal["debut", "fin"]


class MonthError(ValueError):
    """Un mois illisible : le message, et la lecture la plus proche s'il y en a une."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class YearOutOfRange(MonthError):
    """Un mois lisible, mais d'une année hors de FIRST_YEAR à LAST_YEAR."""


@dataclass(frozen=True, slots=True)
class Month:
    """Un mois du format, ou un mois inconnu (`annee` et `mois` à None).

    `annee` et `mois` sont ceux retenus pour le rôle de la valeur ; `imprecision` dit, quand le
    texte désigne plusieurs mois, lesquels et lequel est retenu (vide pour un mois exact).
    """

    texte: str
    annee: int | None = None
    mois: int | None = None
    remarque: str = ""
    imprecision: str = ""

    @property
    def known(self) -> bool:
        return self.annee is not None

    @property
    def index(self) -> int:
        """Nombre de mois depuis l'an 0 : la différence de deux index compte les mois."""
        if self.annee is None or self.mois is None:
            raise ValueError("mois inconnu")
        return self.annee * 12 + self.mois - 1

    @property
    def first_day(self) -> dt.date:
        """Le premier jour du mois (pour le nommer avec Babel)."""
        year, month = divmod(self.index, 12)
        return dt.date(year, month + 1, 1)

    @property
    def iso(self) -> str | None:
        return f"{self.annee:04d}-{self.mois:02d}" if self.known else None

    def __str__(self) -> str:
        return self.texte


def month_at(index: int) -> Month:
    """Le mois exact d'un index (voir `Month.index`)."""
    year, month = divmod(index, 12)
    return Month(f"{year:04d}-{month + 1:02d}", year, month + 1)


# ------------------------------------------------------------------------------ lecture

_UNKNOWN = re.compile(r"\?*")
_END = r"(?=\s|$|\(|[.,;])"  # ce qui suit un mois : une remarque (« (Edition N°1) »), ou rien
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=\s|$|\()")
_SLASHED = re.compile(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})" + _END)
_WORDS = re.compile(r"(?:(\d{1,2}|1er)\s+)?([^\W\d_]+)\.?\s+(\d{4})" + _END, re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"([^\W_]+)\s+(trimestre|semestre)\s+(\d{4})" + _END)
_SHORT_PART = re.compile(r"([ts])\s*([1-4])\s*[-/ ]?\s*(\d{4})" + _END)
_ROUGH = re.compile(r"(debut|fin|mi)(?:\s*-\s*|\s+)(\d{4})" + _END)
_YEAR = re.compile(r"(\d{4})" + _END)
# Ce qui sépare les deux années d'une période (« 2021-2026 », « 2021 à 2026 ») ; `spans.py`
# y ajoute « au ».
PERIOD_SEPARATOR = r"(?:-|–|—|/|à|a)"
_PERIOD = re.compile(rf"(\d{{4}})\s*{PERIOD_SEPARATOR}\s*(\d{{4}})")

_ROUGH_MONTHS = {"debut": 1, "mi": 6, "fin": 12}


def parse_month(value: object, role: Role = "debut") -> Month:
    """Lit un mois ; `role` choisit le mois retenu quand le texte en désigne plusieurs.

    Inconnu : `?????`, `?`, une chaîne vide ou `null`. Tout le reste lève `MonthError`.
    Un texte déjà lu n'est pas relu (`_parse_text`) : les mêmes mois reviennent dans chaque
    fiche d'un dépôt.
    """
    if type(value) is str:
        return _parse_text(value, role)
    return _parse(value, role)


@lru_cache(maxsize=4096)
def _parse_text(value: str, role: Role) -> Month:
    return _parse(value, role)  # un `Month` est figé : le même objet peut servir partout


def _parse(value: object, role: Role) -> Month:
    month = _read_month(value, role)
    if month.annee is not None and not FIRST_YEAR <= month.annee <= LAST_YEAR:
        raise YearOutOfRange(
            f"année {month.annee} hors des années qu'essplan compte (de {FIRST_YEAR} à {LAST_YEAR})"
        )
    return month


def _read_month(value: object, role: Role) -> Month:
    if value is None:
        return Month(texte="")
    if isinstance(value, dt.datetime):
        return Month(value.date().isoformat(), value.year, value.month)
    if isinstance(value, dt.date):
        return Month(value.isoformat(), value.year, value.month)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise MonthError(f"un mois s'écrit « 2016-10 » ou « octobre 2016 », pas « {value!r} »")
    text = str(value)
    stripped = text.strip()
    if isinstance(value, str) and _UNKNOWN.fullmatch(stripped):
        return Month(texte=value)
    # Les formes les plus fréquentes d'abord, sur le texte tel quel (sans le simplifier).
    for reader in (_read_iso, _read_slashed, _read_words):
        month = reader(text, stripped, role)
        if month is not None:
            return month
    simple = " ".join(strip_accents(stripped).lower().split())
    for reader in (_read_part_of_year, _read_rough, _read_year):
        month = reader(text, simple, role)
        if month is not None:
            return month
    raise _unreadable(text, simple)


def _rest(simple: str, match: re.Match) -> str:
    return simple[match.end() :].strip()


def _remark(text: str, simple: str, match: re.Match) -> str:
    """La remarque qui suit le mois, telle qu'écrite (accents et majuscules compris)."""
    return (
        text.strip()[match.end() :].strip()
        if len(text.strip()) == len(simple)
        else _rest(simple, match)
    )


def _exact(text: str, year: int, month: int, remark: str) -> Month:
    if not 1 <= month <= 12:
        raise MonthError(f"mois impossible « {text} » : le mois va de 01 à 12")
    return Month(text, year, month, remark)


def _checked_day(text: str, year: int, month: int, day: int) -> None:
    try:
        dt.date(year, month, day)
    except ValueError:
        raise MonthError(f"date impossible : « {text} »") from None


def _read_iso(text: str, simple: str, role: Role) -> Month | None:
    found = _ISO.match(simple)
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    month_value = _exact(text, year, month, _remark(text, simple, found))
    if found[3] is not None:
        _checked_day(text, year, month, int(found[3]))
    return month_value


def _read_slashed(text: str, simple: str, role: Role) -> Month | None:
    """`01/09/2025` (jour/mois/année, l'ordre français) et `09/2025`."""
    found = _SLASHED.match(simple)
    if not found:
        return None
    year, month = int(found[3]), int(found[2])
    month_value = _exact(text, year, month, _remark(text, simple, found))
    if found[1] is not None:
        _checked_day(text, year, month, int(found[1]))
    return month_value


def _read_words(text: str, stripped: str, role: Role) -> Month | None:
    """`Octobre 2016`, `sept. 2025`, `janv 2026`, `14 octobre 2016`."""
    found = _WORDS.match(stripped)
    if not found:
        return None
    name = strip_accents(found[2]).lower()
    month = MONTH_NAMES.get(name) or ABBREVIATIONS.get(name)
    if not month:
        return None  # « 1er trimestre 2026 », « fin 2026 » : les lecteurs suivants
    year = int(found[3])
    if found[1] is not None:
        _checked_day(text, year, month, 1 if found[1].lower() == "1er" else int(found[1]))
    return Month(text, year, month, stripped[found.end() :].strip())


def _written(text: str, simplified_word: str) -> str:
    """Le mot tel qu'écrit dans `text` (« Brumaire »), retrouvé depuis sa forme simplifiée."""
    for word in re.findall(r"[^\W\d_]+", text):
        if strip_accents(word).lower() == simplified_word:
            return word
    return simplified_word


def _span(text: str, first: int, last: int, role: Role, what: str, remark: str = "") -> Month:
    """Un texte qui désigne les mois `first` à `last` (index) : le rôle choisit le mois retenu."""
    chosen = first if role == "debut" else last
    kept = month_at(chosen)
    retained = (
        f"le début retenu est {_label(chosen)}"
        if role == "debut"
        else f"la fin retenue est {_label(chosen)}"
    )
    if first == last:
        imprecision = f"« {text.strip()} » est approximatif : {retained}"
    else:
        imprecision = f"« {text.strip()} » désigne {what}, {_range_label(first, last)} : {retained}"
    return Month(text, kept.annee, kept.mois, remark, imprecision)


def _label(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{MONTH_LABELS[month]} {year}"


def _range_label(first: int, last: int) -> str:
    """« de janvier à mars 2026 », « d'avril à juin 2026 »."""
    start = MONTH_LABELS[first % 12] if first // 12 == last // 12 else _label(first)
    article = "d'" if start[0] in "aeiouy" else "de "
    return f"{article}{start} à {_label(last)}"


def _read_part_of_year(text: str, simple: str, role: Role) -> Month | None:
    """`1er trimestre 2026`, `2e semestre 2026`, `T1 2026`, `S2 2026`."""
    found = _PART_OF_YEAR.match(simple)
    if found:
        rank, kind, year = ORDINALS.get(found[1]), found[2], int(found[3])
    else:
        found = _SHORT_PART.match(simple)
        if not found:
            return None
        rank, kind, year = (
            int(found[2]),
            "trimestre" if found[1] == "t" else "semestre",
            int(found[3]),
        )
    size = 3 if kind == "trimestre" else 6
    if rank is None or rank > 12 // size:
        raise MonthError(
            f"« {text.strip()} » : une année a {12 // size} {kind}s",
            suggestion=f"écrivez par exemple « 1er {kind} {year} »",
        )
    first = year * 12 + (rank - 1) * size
    what = f"le {_ordinal_word(rank, kind)} {kind} {year}"
    return _span(text, first, first + size - 1, role, what, _remark(text, simple, found))


def _ordinal_word(rank: int, kind: str) -> str:
    return {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième"}[rank]


def _read_rough(text: str, simple: str, role: Role) -> Month | None:
    """`début 2026`, `mi-2026`, `fin 2026` : un mois approximatif, le même en début et en fin."""
    found = _ROUGH.match(simple)
    if not found:
        return None
    index = int(found[2]) * 12 + _ROUGH_MONTHS[found[1]] - 1
    return _span(text, index, index, role, "", _remark(text, simple, found))


def _read_year(text: str, simple: str, role: Role) -> Month | None:
    """`2026` (un texte, ou un nombre YAML) : l'année entière, de janvier à décembre."""
    found = _YEAR.match(simple)
    if not found:
        return None
    year = int(found[1])
    if _PERIOD.fullmatch(simple):
        return None
    return _span(
        text, year * 12, year * 12 + 11, role, f"l'année {year}", _remark(text, simple, found)
    )


def _unreadable(text: str, simple: str) -> MonthError:
    words = _WORDS.match(simple)
    if words:  # « Brumaire 2019 », « setpembre 2025 » : un mot et une année
        guess = nearest_month(words[2].lower())
        return MonthError(
            f"« {text.strip()} » : « {_written(text, words[2])} » n'est pas un nom de mois",
            suggestion=f"vouliez-vous dire « {guess} {words[3]} » ?"
            if guess
            else f"écrivez par exemple « octobre {words[3]} » ou « {words[3]}-10 »",
        )
    period = _PERIOD.fullmatch(simple)
    if period:
        return MonthError(
            f"« {text.strip()} » est une période, pas un mois : un début ou une fin est un mois",
            suggestion=f"écrivez par exemple « {period[1]}-01 »",
        )
    return MonthError(
        f"mois illisible « {text.strip()} »",
        suggestion=_nearest_reading(simple)
        or "écrivez « 2016-10 », « octobre 2016 »,"
        " « 2026 », « 1er trimestre 2026 », ou « ? » si le mois est inconnu",
    )


def _nearest_reading(simple: str) -> str | None:
    """« setpembre 2025 » → « vouliez-vous dire « septembre 2025 » ? »."""
    year = re.search(r"\d{4}", simple)
    words = re.findall(r"[^\W\d_]+", simple)
    if year is None or not words:
        return None
    for word in words:
        month = nearest_month(word)
        if month is not None:
            return f"vouliez-vous dire « {month} {year[0]} » ?"
        part = difflib.get_close_matches(word, ["trimestre", "semestre"], n=1, cutoff=0.7)
        if part:
            return f"vouliez-vous dire « 1er {part[0]} {year[0]} » ?"
    return None


def exact_month(text: str) -> Month:
    """Un mois précis, celui d'une date de contrôle (`--date`) : « 2026-11 », « 11/2026 »,
    « novembre 2026 » ; `MonthError` pour un texte illisible ou imprécis (« 2026 », « fin 2026 »),
    avec la lecture la plus proche, mais pas les formes d'un mois de fiche (« ? » n'a pas de
    sens pour une date de contrôle)."""
    try:
        month = parse_month(text)
    except YearOutOfRange:
        raise
    except MonthError as error:
        nearest = error.suggestion if (error.suggestion or "").startswith("vouliez") else None
        raise MonthError(f"« {text} » n'est pas un mois", nearest) from None
    if not month.known or month.imprecision:
        raise MonthError(
            f"« {text} » n'est pas un mois précis",
            f"écrivez --date {month.iso or 'AAAA-MM'}" if month.known else None,
        )
    return month


def parse_period(value: object) -> object:
    """`periode: 2025-2030` → `{debut: "2025", fin: "2030"}` : janvier 2025 à décembre 2030.

    Une année seule (`periode: 2026`) couvre cette année. Tout le reste passe tel quel (un
    dictionnaire est lu par le modèle ; une autre valeur y est refusée avec un exemple).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return {"debut": str(value), "fin": str(value)}
    if isinstance(value, str):
        found = _PERIOD.fullmatch(" ".join(strip_accents(value).lower().split()))
        if found:
            return {"debut": found[1], "fin": found[2]}
        if _YEAR.fullmatch(value.strip()):
            return {"debut": value.strip(), "fin": value.strip()}
        raise MonthError(
            f"période illisible « {value} »",
            suggestion="écrivez « periode: 2025-2030 », ou « periode: {debut: 2025-01,"
            " fin: 2030-12} »",
        )
    return value
