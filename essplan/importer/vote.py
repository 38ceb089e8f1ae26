"""Lire les comptes d'une délibération : l'en-tête de présence et le vote.

Les formes courantes : « Nombre de membres en exercice : 33 », « Conseillers présents : 25 »,
« Pouvoirs : 4 » ou « Représentés : 4 », « Excusés : 2 », « Votants : 29 », « Pour : 27 »,
« Contre : 1 », « Abstentions : 1 », « Non-participation : 0 », et le tableau de Clermont
(« TOTAL VOTANTS : 86 = 73 Conseillers Présents + 13 Représentés - 0 Non participation »).
Les comptes sont repris tels qu'écrits, même s'ils ne tombent pas juste : le linter le dit
(ESS501). Le format n'a pas de nombre de votants : écrit, il est comparé aux présents et aux
représentés, et un écart est noté.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..french import number
from ..model.types import MAX_COUNT

Note = Callable[[str, str], None]  # (champ, explication) : `seance.Body.note`

_E = r"(?:\(e\)|e)?"  # « présent(e)s », « présentes », « représenté(e)s »
_COUNTS = {
    "en_exercice": r"\ben\s+exercice\s*:?\s*(\d+)\b",
    "presents": rf"\bprésent{_E}s?{_E}\s*:\s*(\d+)\b",
    "representes": rf"\b(?:représenté{_E}s?{_E}|pouvoirs?|procurations?)\s*:\s*(\d+)\b",
    "excuses": rf"\bexcusé{_E}s?{_E}\s*:\s*(\d+)\b",
}
_VOTANTS = re.compile(r"\bvotants\s*:\s*(\d+)\b", re.IGNORECASE)
_VOTE_TABLE = re.compile(r"total\s+votants\s*:\s*\d+\s*=", re.IGNORECASE)
_VOTE_COUNTS = {
    "pour": r"\bpour\s*:\s*(\d+)\b",
    "contre": r"\bcontre\s*:\s*(\d+)\b",
    "abstention": r"\babstentions?\s*:\s*(\d+)\b",
    # Sans « (?<!\d) », la recherche repartirait de chaque chiffre d'une longue suite : n².
    "non_participation": r"(?<!\d)(\d+)\s+non[\s-]+participations?\b"
    r"|\b(?:non[\s-]+participations?|ne\s+prenant\s+pas\s+part\s+au\s+vote)\s*:\s*(\d+)\b",
}


def read_vote(flat: str, deliberation: dict, note: Note) -> dict:
    """Les comptes de l'en-tête et du vote ; les excusés comptés sur leur liste."""
    vote: dict[str, int] = {}
    for key, pattern in _COUNTS.items():
        match = re.search(pattern, flat, re.IGNORECASE)
        if match:
            _take_count(vote, key, match[1], note)
    if "excuses" not in vote and deliberation.get("excuses"):
        vote["excuses"] = len(deliberation["excuses"])
        note(
            "deliberation.vote.excuses",
            "nombre d'excusés compté sur la liste des"
            f" conseiller(e)s excusé(e)s ({vote['excuses']}) : il n'est pas écrit en chiffres",
        )
    # Le tableau du vote de Clermont, s'il y est ; sinon « Pour : 27 » où qu'il soit.
    table = _VOTE_TABLE.search(flat)
    start = table.start() if table else 0
    for key, pattern in _VOTE_COUNTS.items():
        match = re.search(pattern, flat[start:], re.IGNORECASE)
        if match:
            _take_count(vote, key, match[1] or match[match.lastindex or 1], note)
    _check_votants(flat, vote, note)
    return vote


def _check_votants(flat: str, vote: dict[str, int], note: Note) -> None:
    """« Votants : 29 » : le format ne le garde pas ; s'il n'est pas présents + représentés, la
    reprise le dit (sans rien corriger)."""
    match = _VOTANTS.search(flat)
    if match is None or len(match[1]) > len(str(MAX_COUNT)):
        return
    if "presents" not in vote:
        return
    expected = vote["presents"] + vote.get("representes", 0)
    if int(match[1]) != expected:
        note(
            "deliberation.vote",
            f"votants : {match[1]} écrit, mais présents ({vote['presents']}) + représentés"
            f" ({vote.get('representes', 0)}) font {expected} : les comptes sont repris tels"
            " qu'écrits (le format ne garde pas le nombre de votants)",
        )


def _take_count(vote: dict[str, int], key: str, digits: str, note: Note) -> None:
    """Un compte du vote, s'il est vraisemblable (la borne du format) ; sinon une reprise le
    dit, et le compte n'est pas repris."""
    significant = digits.lstrip("0") or "0"  # `int` refuse plus de 4 300 chiffres, zéros compris
    if len(significant) <= len(str(MAX_COUNT)) and int(significant) <= MAX_COUNT:
        vote[key] = int(significant)
        return
    shown = digits if len(digits) <= 20 else f"{digits[:20]}…"
    note(
        f"deliberation.vote.{key}",
        f"compte invraisemblable « {shown} » : non repris (un compte du vote va de 0 à"
        f" {number(MAX_COUNT)})",
    )
