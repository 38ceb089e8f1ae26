"""Lire l'exposé d'une délibération : la période, la vision, les défis et leurs actions.

Et les critères d'intérêt communautaire. Comme pour la séance, chaque lecteur cherche sa
marque et n'écrit rien s'il ne la trouve pas.
"""

from __future__ import annotations

import re

from ..model.spans import year_range
from .seance import Body, first_index, first_line
from .text import MAX_NUMBER_DIGITS, paragraphs, read_bullet

_VISION = re.compile(r"vision\s*:\s*(?P<text>.*)", re.IGNORECASE)
_PERIODE = re.compile(r"\bpériode\s+(?=\d)", re.IGNORECASE)  # « sur la période 2016-2020 »
_AXE_LINE = re.compile(
    r"(?:[-–•]\s*)?(?P<number>\d+)\s*(?:\^?\{?(?:er|ère|re|nde?|e|ème|°)\}?)?\s*"
    r"(?P<word>défi|priorité|orientation|axe)\s*:\s*(?P<title>.+?)\s*[,;.]?",
    re.IGNORECASE,
)
_CRITERIA = re.compile(r".*\bcritères?\b.*:", re.IGNORECASE)


def read_expose(lines: list[str], flat: str, body: Body) -> None:
    periode = read_periode(flat)
    if periode:
        # Écrite en années, comme le texte : le format lit janvier du début à décembre de la fin.
        body.plan["periode"] = f"{periode[0]}-{periode[1]}"
    vision = read_vision(lines)
    if vision:
        body.plan["vision"] = vision
    read_axes(lines, body)
    criteria = read_criteria(lines)
    if criteria:
        body.plan["criteres_interet_communautaire"] = criteria


def read_periode(flat: str) -> tuple[str, str] | None:
    """« sur la période 2016-2020 » : les deux années, lues par `model.spans`."""
    for match in _PERIODE.finditer(flat):
        years = year_range(flat[match.end() : match.end() + 40])
        if years and flat.startswith(years[0], match.end()):
            return years
    return None


def read_vision(lines: list[str]) -> str | None:
    found = first_line(_VISION, lines)
    if found is None:
        return None
    index, match = found
    inline = match["text"].strip()
    if inline:
        return inline
    following = paragraphs(lines[index + 1 :])
    return following[0].joined() if following and not following[0].is_list else None


def read_axes(lines: list[str], body: Body) -> None:
    """Les défis du corps (« 2° défi : Soutenir …, ») et la liste des actions de chacun."""
    axes = []
    for index, line in enumerate(lines):
        match = _AXE_LINE.fullmatch(line)
        if match is None:
            continue
        if len(match["number"]) > MAX_NUMBER_DIGITS:  # `int` refuserait 4 300 chiffres et plus
            body.note("axes", f"défi « {line[:60]}… » non repris : son numéro est invraisemblable")
            continue
        number = int(match["number"])
        axes.append({"code": number, "titre": match["title"]})
        body.actions[number] = _bullets_after(lines, index + 1)
        body.plan.setdefault("libelle_axe", match["word"][:1].upper() + match["word"][1:].lower())
    if axes:
        body.plan["axes"] = axes
        body.note(
            "axes",
            "axes repris des défis du corps de la délibération, numérotés d'après"
            " leur ordinal, sans la ponctuation finale",
        )


def read_criteria(lines: list[str]) -> list[str]:
    index = first_index(_CRITERIA, lines)
    if index is None:
        return []
    return [item.rstrip(",;.").strip() for item in _bullets_after(lines, index + 1)]


def _bullets_after(lines: list[str], start: int) -> list[str]:
    """Les puces qui suivent, après au plus une ligne d'introduction (« Trois actions : »)."""
    items: list[str] = []
    introduced = False
    for line in lines[start:]:
        if not line:
            continue
        bullet = read_bullet(line)
        if bullet is not None:
            items.append(bullet.text)
        elif not items and not introduced and line.endswith(":"):
            introduced = True
        else:
            break
    return items
