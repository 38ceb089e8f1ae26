"""L'en-tête de séance : « CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 À 08H 15 », « Séance du 24
juin 2021 », « CONSEIL MUNICIPAL – Séance du jeudi 24 juin 2021 à 18 h 30 ».

Ce qui précède le conseil (la collectivité, peut-être), l'instance, la date telle qu'écrite
(lue par `model/dates.py`) et l'heure ; `seance.py` en fait les valeurs du plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.dates import DATE_TEXT, read_date

_DATE = rf"(?P<date>{DATE_TEXT})"
# L'en-tête de séance : « CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 À 08H 15 », « Séance du 24
# juin 2021 ». Lu en partant de chaque « du <date> » d'une ligne, pour rester linéaire : une
# expression « .*? conseil .*? du <date> » repartirait de chaque « conseil » (n²).
_DU_DATE = re.compile(r"\s+du\s+" + _DATE, re.IGNORECASE)
_CONSEIL = re.compile(r"\bconseil\b", re.IGNORECASE)
_SEANCE_END = re.compile(
    r"(?:^|\s|\b)(?:séance|réunion)(?:\s+(?:publique|ordinaire|extraordinaire))?$", re.IGNORECASE
)
_HOUR = re.compile(r"\s*[,–-]?\s+à\s+(?P<heure>.{1,40}?)\.?", re.IGNORECASE)  # « à 08H 15 »
_NOTHING = re.compile(r"[\s.]*")


@dataclass(frozen=True, slots=True)
class Header:
    """L'en-tête de séance : ce qui précède l'instance, l'instance (absente de « Séance du »),
    la date telle qu'écrite et l'heure."""

    who: str
    instance: str | None
    date: str
    heure: str | None


def seance_header(lines: list[str]) -> Header | None:
    """L'en-tête « CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 », sinon « Séance du 24 juin
    2021 », s'il porte une vraie date et ne se poursuit que par une heure."""
    for kind in ("conseil", "seance"):
        for line in lines:
            header = _header_in(line, kind)
            if header is not None:
                return header
    return None


def _header_in(line: str, kind: str) -> Header | None:
    conseil = _CONSEIL.search(line) if kind == "conseil" else None
    if kind == "conseil" and conseil is None:
        return None
    for match in _DU_DATE.finditer(line):
        # Sans découper la ligne à chaque « du » : ce qui suit la date se lit en place.
        ends = _NOTHING.fullmatch(line, match.end()) is not None
        hour = None if ends else _HOUR.fullmatch(line, match.end())
        if not (ends or hour) or read_date(match["date"]) is None:
            continue
        heure = hour["heure"] if hour else None
        if conseil is not None and conseil.start() < match.start():
            instance = line[conseil.start() : match.start()]
            return Header(line[: conseil.start()], instance, match["date"], heure)
        ending = (
            _SEANCE_END.search(line[max(0, match.start() - 40) : match.start()])
            if kind == "seance"
            else None
        )
        if ending is not None:
            return Header(line[: match.start() - len(ending[0])], None, match["date"], heure)
    return None
