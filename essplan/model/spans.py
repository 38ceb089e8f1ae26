"""Une période écrite en mots (« janvier 2022 à décembre 2026 », « 2022-2024 », « 2022 à
2024 », « de mars 2022 à juin 2023 ») : ses deux bouts, chacun un mois du format.

Chaque bout est lu par `months.parse_month`, comme un `debut` et une `fin` de fiche : une
année seule y vaut janvier pour le début et décembre pour la fin (FORMAT.md, « More months »).
Une période qui se lit de deux façons, dont la fin précède le début, ou dont un bout n'est pas
un mois, n'est pas lue : `read_span` rend la raison, en français, et rien n'est deviné.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .month_words import ABBREVIATIONS, MONTH_NAMES, strip_accents
from .months import FIRST_YEAR, LAST_YEAR, PERIOD_SEPARATOR, MonthError, parse_month

# Ce qui sépare les deux bouts : un mot, un tiret long, un tiret entre espaces, un tiret seul.
_SEPARATORS = (
    re.compile(r"\s+(?:à|a|au|jusqu'à|jusqu’à|jusqu'en|jusqu’en)\s+", re.IGNORECASE),
    re.compile(r"\s*[–—]\s*"),
    re.compile(r"\s+-\s+"),
    re.compile(r"-"),
)
_BETWEEN = re.compile(r"\s+et\s+", re.IGNORECASE)
_OPENING = re.compile(r"(?:de|du|entre)\s+|d['’]", re.IGNORECASE)
_YEAR_RANGE = re.compile(rf"(?<!\d)(\d{{4}})\s*(?:{PERIOD_SEPARATOR}|au)\s*(\d{{4}})(?!\d)")
EXAMPLES = "« janvier 2022 à décembre 2026 », « 2022-2024 », « de mars 2022 à juin 2023 »"


@dataclass(frozen=True, slots=True)
class Span:
    """Les deux bouts d'une période, tels qu'écrits (« mars 2022 » et « juin 2023 »)."""

    debut: str
    fin: str


def read_span(text: str) -> Span | str:
    """La période que dit `text`, ou la raison pour laquelle elle ne se lit pas."""
    written = " ".join(text.split()).strip(" .;,")
    opening = _OPENING.match(written)
    body = written[opening.end() :] if opening else written
    separators = (_BETWEEN,) if opening and opening[0].lower().startswith("entre") else _SEPARATORS
    readings: list[Span] = []
    reasons: list[str] = []
    cut = False
    for separator in separators:
        for match in separator.finditer(body):
            cut = True
            reading = _ends(body[: match.start()].strip(), body[match.end() :].strip(), reasons)
            if reading is not None and reading not in readings:
                readings.append(reading)
    if len(readings) == 1:
        return readings[0]
    if len(readings) > 1:
        shown = " ou ".join(f"« {r.debut} » à « {r.fin} »" for r in readings)
        return f"« {written} » se lit de plusieurs façons ({shown})"
    if not cut and _single(body):
        return Span(body, body)
    if reasons:
        return f"« {written} » : {reasons[0]}"
    return f"« {written} » n'est pas une période lisible (écrivez par exemple {EXAMPLES})"


def _single(text: str) -> bool:
    """Un seul mois ou une seule année (« 2023 ») : la période commence et finit avec lui."""
    try:
        return _clean(parse_month(text, "debut")) and _clean(parse_month(text, "fin"))
    except MonthError:
        return False


def _clean(month) -> bool:
    return month.known and not month.remarque


def _ends(left: str, right: str, reasons: list[str]) -> Span | None:
    """Les deux bouts, s'ils sont deux mois sans remarque et dans l'ordre."""
    if not left or not right:
        return None
    completed = _with_year(left, right, reasons)
    if completed is None:
        return None
    left = completed
    try:
        start, end = parse_month(left, "debut"), parse_month(right, "fin")
    except MonthError:
        return None
    if not (_clean(start) and _clean(end)):
        return None
    if end.index < start.index:
        reasons.append(f"la fin ({right}) précède le début ({left})")
        return None
    return Span(left, right)


def _with_year(left: str, right: str, reasons: list[str]) -> str | None:
    """« mars à juin 2022 » : le début prend l'année de la fin, s'il la précède dans l'année."""
    month = _month_word(left)
    if month is None:
        return left
    found = re.fullmatch(r"([^\W\d_]+)\.?\s+(\d{4})", right.strip())
    end = _month_word(found[1]) if found else None
    if found is None or end is None:
        return left
    if month > end:
        reasons.append(f"l'année de « {left} » n'est pas écrite, et ce n'est pas {found[2]}")
        return None
    return f"{left} {found[2]}"


def _month_word(text: str) -> int | None:
    simple = strip_accents(text).lower().rstrip(".")
    return MONTH_NAMES.get(simple) or ABBREVIATIONS.get(simple)


def year_range(text: str) -> tuple[str, str] | None:
    """La première période en années d'un texte (« plan d'actions ESS 2021-2026 », « 2021 à
    2026 ») : ses deux années, si elles sont dans l'ordre et parmi celles qu'essplan compte."""
    for match in _YEAR_RANGE.finditer(" ".join(strip_accents(text).lower().split())):
        start, end = int(match[1]), int(match[2])
        if FIRST_YEAR <= start <= end <= LAST_YEAR:
            return match[1], match[2]
    return None
