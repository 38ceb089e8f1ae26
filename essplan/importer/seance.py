"""Lire la séance d'une délibération : l'en-tête, la présence, la décision, le vote.

Le corps suit la forme des délibérations des collectivités : un en-tête de séance (« CONSEIL
COMMUNAUTAIRE DU 14 OCTOBRE 2016 », présidence, convocation, comptes), l'objet et le numéro,
les listes de présence, l'exposé (lu par `expose.py`), la décision et le tableau du vote.
Chaque lecteur cherche sa propre marque et rend None s'il ne la trouve pas : ce que le texte
ne dit pas reste absent du plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel.dates import format_date

from ..french import LOCALE, number
from ..model.month_words import MONTH_NAMES, strip_accents
from ..model.types import MAX_COUNT
from .text import Recovery, paragraphs, read_bullet

_DATE = r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})"
_SEANCE = re.compile(
    r"(?P<who>.*?)\s*\b(?P<instance>conseil\b.*?)\s+du\s+" + _DATE + r"(?:\s+à\s+(?P<heure>.+))?",
    re.IGNORECASE,
)
_MEETING = re.compile(
    r".*?s['’]est\s+réunie?\s+le\s+"
    + _DATE
    + r"\s+à\s+(?P<heure>\d{1,2}\s*h\s*\d{0,2})\s+(?P<lieu>.+?)\.?",
    re.IGNORECASE,
)
_NUMERO = re.compile(r"d[ée]lib[ée]ration\s+n[°º]\s*(?P<numero>\S+)", re.IGNORECASE)
_PRESIDENT = re.compile(r"séance\s+présidée\s+par\s*:?\s*(?P<name>.+?)\.?", re.IGNORECASE)
_RAPPORTEUR = re.compile(r"rapporteur\s*:\s*(?P<name>.+?)\.?", re.IGNORECASE)
_COMMISSION = re.compile(
    r"commission(?:\s+principale)?\s*:\s*(?P<number>\d+\s+)?(?P<name>.+?)\.?", re.IGNORECASE
)
_CONVOCATION = re.compile(
    r"date\s+de\s+(?:la\s+)?convocation\s*:\s*"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})",
    re.IGNORECASE,
)
_COUNTS = {
    "en_exercice": r"conseillers\s+en\s+exercice\s*:\s*(\d+)",
    "presents": r"conseillers\s+présents\s*:\s*(\d+)",
    "representes": r"conseillers\s+représentés\s*:\s*(\d+)",
    "excuses": r"conseillers\s+excusés\s*:\s*(\d+)",
}
_VOTE_TABLE = re.compile(r"total\s+votants\s*:\s*\d+\s*=", re.IGNORECASE)
_VOTE_COUNTS = {
    "pour": r"\bpour\s*:\s*(\d+)",
    "contre": r"\bcontre\s*:\s*(\d+)",
    "abstention": r"\babstentions?\s*:\s*(\d+)",
    # Sans « (?<!\d) », la recherche repartirait de chaque chiffre d'une longue suite : n².
    "non_participation": r"(?<!\d)(\d+)\s+non[\s-]+participations?\b",
}
_PRESENTS = re.compile(r"conseill\S*\s+présent\S*\s*:", re.IGNORECASE)
_POUVOIRS = re.compile(r"conseill\S*\s+ayant\s+donné\s+pouvoir\s*:", re.IGNORECASE)
_EXCUSES = re.compile(r"conseill\S*\s+excusé\S*\s*:", re.IGNORECASE)
_POUVOIR = re.compile(r"(?P<de>.+?)\s+(?:donne\s+)?pouvoir\s+à\s+(?P<a>.+?)\.?", re.IGNORECASE)
_DECIDE = re.compile(r".*\bdécide\b.*:", re.IGNORECASE)


@dataclass(slots=True)
class Body:
    """Ce que le corps apprend : le plan (sans les fiches) et la liste des actions par axe."""

    plan: dict = field(default_factory=dict)
    actions: dict[int, list[str]] = field(default_factory=dict)
    notes: list[Recovery] = field(default_factory=list)

    def note(self, field_name: str, explanation: str) -> None:
        self.notes.append(Recovery(None, field_name, explanation))


# ---------------------------------------------------------------------------- la séance


def seance_header(lines: list[str]) -> re.Match | None:
    """L'en-tête « CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 », s'il porte une vraie date."""
    return first_match(
        _SEANCE, lines, valid=lambda match: french_date(match["day"], match["month"], match["year"])
    )


def french_date(day: str, month: str, year: str) -> dt.date | None:
    number = MONTH_NAMES.get(strip_accents(month).lower())
    try:
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def read_collectivite(header: re.Match, body: Body) -> None:
    """Qui siège : le début de l'en-tête
    « COMMUNAUTÉ … CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 »."""
    who = header["who"].strip(" ,-–")
    if who:
        body.plan["collectivite"] = who
        body.note(
            "collectivite",
            f"collectivité reprise de l'en-tête de la séance (« {who} »), telle qu'écrite",
        )


def read_deliberation(lines: list[str], flat: str, header: re.Match | None, body: Body) -> dict:
    data: dict = {}
    numero = first_line(_NUMERO, lines)
    if numero is not None:
        numero_index, match = numero
        data["numero"] = match["numero"]
        objet = line_before(lines, numero_index)
        if objet:
            data["objet"] = objet
            body.plan["titre"] = objet
            body.note(
                "titre",
                "titre du plan repris de l'objet de la délibération (la ligne"
                " qui précède son numéro)",
            )
    if header is not None:
        _read_seance_header(header, data, body)
    _read_meeting(lines, data, body)
    _read_people(lines, data)
    _read_officers(lines, data, body)
    vote = read_vote(flat, data, body)
    if vote:
        data["vote"] = vote
    decision = read_decision(lines)
    if decision:
        data["decision"] = decision
    return data


def _read_seance_header(header: re.Match, data: dict, body: Body) -> None:
    """Date, instance et heure de l'en-tête de la séance."""
    data["date"] = french_date(header["day"], header["month"], header["year"])
    instance = " ".join(header["instance"].split())
    data["instance"] = instance[:1].upper() + instance[1:].lower()
    if data["instance"] != instance:
        body.note("deliberation.instance", f"instance « {instance} » écrite « {data['instance']} »")
    if header["heure"]:
        data["heure"] = header["heure"].strip()


def _read_meeting(lines: list[str], data: dict, body: Body) -> None:
    """« s'est réuni le 14 octobre 2016 à 08 H 15 Avenue … à Clermont-Ferrand » : heure, lieu."""
    meeting = first_match(_MEETING, lines)
    if meeting is None:
        return
    data["lieu"], data["heure"] = meeting["lieu"].strip(), " ".join(meeting["heure"].split())
    body.note("deliberation.lieu", "heure et lieu repris de la phrase « s'est réuni le … à … »")


def _read_officers(lines: list[str], data: dict, body: Body) -> None:
    president = first_match(_PRESIDENT, lines)
    if president:
        data["president"] = president["name"]
    rapporteur = first_match(_RAPPORTEUR, lines)
    if rapporteur:
        data["rapporteur"] = rapporteur["name"]
    commission = first_match(_COMMISSION, lines)
    if commission:
        data["commission"] = commission["name"]
        if commission["number"]:
            written = f"{commission['number']}{commission['name']}"
            body.note(
                "deliberation.commission",
                f"commission « {written} » : le numéro"
                f" {commission['number'].strip()} n'est pas repris",
            )
    convocation = first_match(_CONVOCATION, lines)
    if convocation:
        year = int(convocation["year"])
        year += 2000 if year < 100 else 0
        try:
            data["convocation"] = dt.date(year, int(convocation["month"]), int(convocation["day"]))
        except ValueError:
            body.note(
                "deliberation.convocation",
                f"date de convocation impossible « {convocation[0]} » : non reprise",
            )
            return
        if len(convocation["year"]) == 2:
            body.note(
                "deliberation.convocation",
                f"date de convocation « {convocation[0]} » lue {data['convocation'].isoformat()}",
            )


def _read_people(lines: list[str], data: dict) -> None:
    presents = _names_after(_PRESENTS, lines)
    if presents:
        data["presents"] = presents
    pouvoirs = _pouvoirs(lines)
    if pouvoirs:
        data["pouvoirs"] = pouvoirs
    excuses = _names_after(_EXCUSES, lines)
    if excuses:
        data["excuses"] = excuses


def _names_after(header: re.Pattern, lines: list[str]) -> list[str]:
    """Les noms du paragraphe qui suit « Conseiller(e)s présent(e)s : », séparés par des
    virgules."""
    index = first_index(header, lines)
    if index is None:
        return []
    following = paragraphs(lines[index + 1 :])
    if not following:
        return []
    names = [name.strip().rstrip(".").strip() for name in following[0].joined().split(",")]
    return [name for name in names if name and not name.isdigit()]


def _pouvoirs(lines: list[str]) -> list[dict]:
    index = first_index(_POUVOIRS, lines)
    if index is None:
        return []
    found = []
    for line in lines[index + 1 :]:
        if not line:
            continue
        match = _POUVOIR.fullmatch(line)
        if match is None:
            break
        found.append({"de": match["de"].strip(), "a": match["a"].strip()})
    return found


def read_vote(flat: str, deliberation: dict, body: Body) -> dict:
    """Les comptes de l'en-tête et du tableau du vote ; les excusés comptés sur leur liste."""
    vote: dict[str, int] = {}
    for key, pattern in _COUNTS.items():
        match = re.search(pattern, flat, re.IGNORECASE)
        if match:
            _take_count(vote, key, match[1], body)
    if "excuses" not in vote and deliberation.get("excuses"):
        vote["excuses"] = len(deliberation["excuses"])
        body.note(
            "deliberation.vote.excuses",
            "nombre d'excusés compté sur la liste des"
            f" conseiller(e)s excusé(e)s ({vote['excuses']}) : il n'est pas écrit en chiffres",
        )
    table = _VOTE_TABLE.search(flat)
    if table:
        for key, pattern in _VOTE_COUNTS.items():
            match = re.search(pattern, flat[table.start() :], re.IGNORECASE)
            if match:
                _take_count(vote, key, match[1], body)
    return vote


def _take_count(vote: dict[str, int], key: str, digits: str, body: Body) -> None:
    """Un compte du vote, s'il est vraisemblable (la borne du format) ; sinon une reprise le
    dit, et le compte n'est pas repris."""
    significant = digits.lstrip("0") or "0"  # `int` refuse plus de 4 300 chiffres, zéros compris
    if len(significant) <= len(str(MAX_COUNT)) and int(significant) <= MAX_COUNT:
        vote[key] = int(significant)
        return
    shown = digits if len(digits) <= 20 else f"{digits[:20]}…"
    body.note(
        f"deliberation.vote.{key}",
        f"compte invraisemblable « {shown} » : non repris (un compte du vote va de 0 à"
        f" {number(MAX_COUNT)})",
    )


def read_decision(lines: list[str]) -> str | None:
    """Les puces qui suivent « …, décide à l'unanimité : », sans leur tiret."""
    index = first_index(_DECIDE, lines)
    if index is None:
        return None
    items = []
    for line in lines[index + 1 :]:
        bullet = read_bullet(line) if line else None
        if bullet is not None:
            items.append(bullet.text)
        elif line or items:
            break
    return "\n".join(items) or None


def read_etat(deliberation: dict, body: Body) -> None:
    if re.search(r"\badopt", deliberation.get("decision", ""), re.IGNORECASE):
        body.plan["etat"] = "adopte"
        body.note(
            "etat", "état « adopte » : la décision de la délibération prononce l'adoption du plan"
        )


def source_entry(deliberation: dict) -> dict:
    """La délibération comme source du plan (le fichier est ajouté à l'écriture)."""
    words = ["Délibération"]
    if deliberation.get("numero"):
        words.append(deliberation["numero"])
    if deliberation.get("instance"):
        words.append(f"du {deliberation['instance']}")
    if deliberation.get("date"):
        words.append(f"du {format_date(deliberation['date'], 'd MMMM y', locale=LOCALE)}")
    entry = {"titre": " ".join(words) + " (texte extrait du PDF)"}
    if deliberation.get("date"):
        entry["date"] = deliberation["date"]
    return entry


# -------------------------------------------------------------------------------- outils


def first_index(pattern: re.Pattern, lines: list[str]) -> int | None:
    found = first_line(pattern, lines)
    return found[0] if found else None


def first_line(pattern: re.Pattern, lines: list[str]) -> tuple[int, re.Match[str]] | None:
    """La première ligne entière qui suit `pattern` : son index et ce qu'elle dit."""
    for index, line in enumerate(lines):
        match = pattern.fullmatch(line)
        if match:
            return index, match
    return None


def first_match(pattern: re.Pattern, lines: list[str], valid=lambda match: True):
    for line in lines:
        match = pattern.fullmatch(line)
        if match and valid(match):
            return match
    return None


def line_before(lines: list[str], index: int) -> str | None:
    """La dernière ligne non vide avant `index`, si c'est du texte (pas un compte)."""
    for line in reversed(lines[:index]):
        if line:
            return line if re.search(r"[^\W\d_]", line) else None
    return None
