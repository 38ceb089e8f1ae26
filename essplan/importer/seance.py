"""Lire la séance d'une délibération : l'en-tête, la présence, la décision, le vote.

Le corps suit la forme des délibérations des collectivités : un en-tête de séance (« CONSEIL
COMMUNAUTAIRE DU 14 OCTOBRE 2016 », « Séance du 24 juin 2021 », présidence, convocation,
comptes), l'objet (« Objet : … ») et le numéro, les listes de présence, l'exposé (lu par
`expose.py`), la décision et les comptes du vote (lus par `vote.py`). Les dates, en chiffres ou
en lettres, sont lues par `model/dates.py` ; la période d'un titre par `model/spans.py`.
Chaque lecteur cherche sa propre marque et rend None s'il ne la trouve pas : ce que le texte
ne dit pas reste absent du plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel.dates import format_date

from ..french import LOCALE
from ..model.dates import DATE_TEXT, read_date
from ..model.spans import year_range
from .header import Header
from .header import seance_header as seance_header  # lu par `deliberation.py`
from .text import Recovery, paragraphs, read_bullet
from .vote import read_vote

_DATE = rf"(?P<date>{DATE_TEXT})"
_SEANCE_WORD = re.compile(r"\s*[-–—,:]?\s*\bs[ée]ance(?:\s+\w+)?$", re.IGNORECASE)
# « Extrait du registre des délibérations du conseil municipal » : l'instance, sans date.
_REGISTER = re.compile(
    r".*\bdélibérations?\s+du\s+(?P<instance>conseil(?:\s+[^\W\d_]+)?)\.?", re.IGNORECASE
)
# Ce qui précède l'instance sans être une collectivité : « Extrait du registre des délibérations
# du », « Réunion du », « Procès-verbal de la séance du ».
_NOT_WHO = re.compile(
    r"(?:extrait|réunion|séance|procès|compte[\s-]rendu|registre)\b.*|.*\b(?:du|de|des|de\s+la)",
    re.IGNORECASE,
)
_MEETING = re.compile(
    r".*?s['’]est\s+réunie?\s+le\s+"
    + _DATE
    + r"\s+à\s+(?P<heure>\d{1,2}\s*h\s*\d{0,2})\s+(?P<lieu>.+?)\.?",
    re.IGNORECASE,
)
_NUMERO = re.compile(
    r"d[ée]lib[ée]ration\s+n\s*[°º]\s*:?\s*(?P<numero>[^\s,]+?)[,.]?"
    r"(?:\s+(?:[-–]\s+)?(?:du|en\s+date\s+du)\s+" + _DATE + r"\.?)?",
    re.IGNORECASE,
)
_OBJET = re.compile(r"objet\s*:\s*(?P<objet>.+)", re.IGNORECASE)
# Le titre d'un plan, quand la délibération n'a pas d'objet : « Plan d'actions ESS 2021-2026 ».
_PLAN_TITLE = re.compile(
    r".*\b(?:plan|feuille\s+de\s+route|programme|stratégie|schéma|pacte)\b.*", re.IGNORECASE
)
_PRESIDENT = re.compile(r"séance\s+présidée\s+par\s*:?\s*(?P<name>.+?)\.?", re.IGNORECASE)
_RAPPORTEUR = re.compile(r"rapporteur\s*:\s*(?P<name>.+?)\.?", re.IGNORECASE)
_COMMISSION = re.compile(
    r"commission(?:\s+principale)?\s*:\s*(?P<number>\d+\s+)?(?P<name>.+?)\.?", re.IGNORECASE
)
_CONVOCATION = re.compile(
    r"(?:date\s+de\s+(?:la\s+)?convocation\s*:?|convocation\s+(?:du|en\s+date\s+du)"
    r"|convoqu\S*\s+le)\s*(?P<date>\d{1,2}/\d{1,2}/\d+|" + DATE_TEXT + ")",
    re.IGNORECASE,
)
# « Conseiller(e)s présent(e)s : » puis les noms, ou « Présents : Mme A, M. B » sur la ligne.
_PRESENTS = re.compile(
    r"(?:conseill\S*\s+|membres\s+)?présent\S*\s*:\s*(?P<inline>.*)", re.IGNORECASE
)
_POUVOIRS = re.compile(r"conseill\S*\s+ayant\s+donné\s+pouvoir\s*:", re.IGNORECASE)
_EXCUSES = re.compile(
    r"(?:conseill\S*\s+|membres\s+|absents?\s+)?excusé\S*\s*:\s*(?P<inline>.*)", re.IGNORECASE
)
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


def read_collectivite(header: Header, body: Body) -> None:
    """Qui siège : le début de l'en-tête
    « COMMUNAUTÉ … CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016 »."""
    who = header.who.strip(" ,-–—")
    if who and not _NOT_WHO.fullmatch(who):
        body.plan["collectivite"] = who
        body.note(
            "collectivite",
            f"collectivité reprise de l'en-tête de la séance (« {who} »), telle qu'écrite",
        )


def read_deliberation(lines: list[str], flat: str, header: Header | None, body: Body) -> dict:
    data: dict = {}
    numero = first_line(_NUMERO, lines)
    if numero is not None:
        data["numero"] = numero[1]["numero"]
    _read_objet(lines, numero[0] if numero else None, data, body)
    if header is not None:
        _read_seance_header(header, data, body)
    elif numero is not None and numero[1]["date"]:
        data["date"] = _date(numero[1]["date"])
    register = first_match(_REGISTER, lines) if "instance" not in data else None
    if register:
        data["instance"] = register["instance"][:1].upper() + register["instance"][1:].lower()
    _read_meeting(lines, data, body)
    _read_people(lines, data)
    _read_officers(lines, data, body)
    _read_convocation(lines, data, body)
    vote = read_vote(flat, data, body.note)
    if vote:
        data["vote"] = vote
    decision = read_decision(lines)
    if decision:
        data["decision"] = decision
    _read_period_from_title(lines, data, body)
    return data


def _read_objet(lines: list[str], numero_index: int | None, data: dict, body: Body) -> None:
    """L'objet : la ligne « Objet : … », sinon celle qui précède le numéro ; il titre le plan."""
    found = first_line(_OBJET, lines)
    if found is not None:
        objet, where = (
            _continued(found[1]["objet"].strip(), lines[found[0] + 1 :]),
            "la ligne « Objet : »",
        )
    elif numero_index is not None:
        objet, where = line_before(lines, numero_index) or "", "la ligne qui précède son numéro"
    else:
        return
    if objet:
        data["objet"] = objet
        body.plan["titre"] = objet
        body.note("titre", f"titre du plan repris de l'objet de la délibération ({where})")


def _continued(text: str, following: list[str]) -> str:
    """Un objet coupé par l'extraction : les lignes collées qui le continuent (qui commencent
    par une minuscule ou un chiffre, « de l'économie sociale et solidaire 2021-2026 »), trois au
    plus ; une ligne vide ou une majuscule (« Date de convocation ») l'arrête."""
    for line in following[:3]:
        if not line or not (line[:1].islower() or line[:1].isdigit()):
            break
        text = f"{text} {line.strip()}"
    return text


def _read_period_from_title(lines: list[str], data: dict, body: Body) -> None:
    """La période du plan dans son titre (« plan d'actions ESS 2021-2026 »), si l'exposé ne la
    dit pas : l'objet de la délibération, sinon la première ligne qui nomme un plan."""
    if "periode" in body.plan:
        return
    titles = [data["objet"]] if data.get("objet") else []
    titles += [line for line in lines if _PLAN_TITLE.fullmatch(line)]
    for title in titles:
        years = year_range(title)
        if years:
            body.plan["periode"] = f"{years[0]}-{years[1]}"
            body.note(
                "periode",
                f"période {years[0]}-{years[1]} reprise du titre « {title} » : de janvier"
                f" {years[0]} à décembre {years[1]}",
            )
            return


def _date(text: str) -> dt.date | None:
    day = read_date(text)
    return day.date if day else None


def _read_seance_header(header: Header, data: dict, body: Body) -> None:
    """Date, instance et heure de l'en-tête de la séance."""
    data["date"] = _date(header.date)
    if header.instance:
        instance = _SEANCE_WORD.sub("", " ".join(header.instance.split()))
        data["instance"] = instance[:1].upper() + instance[1:].lower()
        if data["instance"] != instance:
            body.note(
                "deliberation.instance", f"instance « {instance} » écrite « {data['instance']} »"
            )
    if header.heure:
        data["heure"] = header.heure.strip()


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


def _read_convocation(lines: list[str], data: dict, body: Body) -> None:
    """« Date de convocation : 07/10/16 », « 18 juin 2021 », « convoqués le 18 juin 2021 »."""
    # « onvo » d'abord (convocation, convoqués) : chercher l'expression dans chaque ligne d'un
    # long texte coûte une seconde par 5 Mo.
    candidates = (line for line in lines if "onvo" in line.lower())
    found = next((m for m in map(_CONVOCATION.search, candidates) if m), None)
    if found is None:
        return
    day = read_date(found["date"])
    if day is None:
        body.note(
            "deliberation.convocation",
            f"date de convocation impossible « {found[0]} » : non reprise",
        )
        return
    data["convocation"] = day.date
    if day.short_year:
        body.note(
            "deliberation.convocation",
            f"date de convocation « {found[0]} » lue {day.date.isoformat()}",
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
    """Les noms, séparés par des virgules, écrits après « Présents : » sur la même ligne, ou
    dans le paragraphe qui suit « Conseiller(e)s présent(e)s : » ; « Présents : 25 » est un
    compte, pas une liste (`vote.py`)."""
    for index, line in enumerate(lines):
        match = header.fullmatch(line)
        if match is None:
            continue
        if match["inline"]:
            text = match["inline"]
        else:
            following = paragraphs(lines[index + 1 :])
            text = following[0].joined() if following else ""
        if text[:1].isdigit() or ":" in text:  # un compte, ou la rubrique suivante
            continue
        names = [name.strip().rstrip(".").strip() for name in text.split(",")]
        names = [name for name in names if name and not name.isdigit()]
        if names:
            return names
    return []


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
