"""Les mises en page à titres : des fiches sous des titres d'axes, chacune ouverte par un titre
numéroté (« Action 1.2 : … », « Fiche action n°3 – … », « PROPOSITION 4 : … »).

Un titre d'axe (« AXE 1 – … », « Axe A : … », « Orientation 2 : … », « Défi 1 », « Priorité
2 ») donne l'axe des fiches qui le suivent, jusqu'au suivant : son code est le chiffre tel quel
(un entier) ou la lettre (« A ») ; les lignes entre lui et la première fiche en sont la
description. Une fiche va de son titre au titre suivant ; ses rubriques (« Pilote : … », une
liste sous « Méthode : », les lignes d'un tableau à deux colonnes, que `office.py` écrit
« Rubrique : valeur ») sont lues par `fiches.read_fiche`, comme celles des blocs « FICHE
ACTION ». Un titre se reconnaît aussi marqué en Markdown (« # … », « **PROPOSITION 4** : … »
dans une liste) ou par un style de titre de Word ou d'OpenDocument (`office.py` les écrit
« # … », « ## … »).

L'identifiant est le numéro du titre tel qu'écrit (« 1.2 », « 3 ») ; l'axe, celui du titre
d'axe qui précède. Rien n'est lu ici du corps (la séance) : c'est le rôle de `seance.py`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ..french import join
from .fiches import RawFiche, Rubric, read_fiche
from .labels import read_label
from .text import (
    Cleaning,
    Recovery,
    clean_annex,
    may_hold_id_line,
    normalise_newlines,
    read_bullet,
    read_id_line,
    split_glued,
)

AXIS, ACTION, FICHE, PROPOSITION = "axe", "action", "fiche", "proposition"
STYLED = "style"  # un titre de Word ou d'OpenDocument sans numéro (« ## Ouvrir un lieu »)
_SEPARATOR = r"\s*(?:[:–—-]\s*(?P<title>.*))?"
_PATTERNS = {
    AXIS: re.compile(
        r"(?P<word>axe|orientation|d[ée]fi|priorit[ée])\s+(?:n[°º]\s*)?"
        r"(?P<code>\d{1,9}|(?-i:[A-Z]))(?![\w.])" + _SEPARATOR,
        re.IGNORECASE,
    ),
    ACTION: re.compile(
        r"(?P<word>action)\s+(?:n[°º]\s*)?(?P<code>\d{1,9}(?:\.\d{1,9})?)(?![\w.])" + _SEPARATOR,
        re.IGNORECASE,
    ),
    FICHE: re.compile(
        r"(?P<word>fiche[- ]action)\s*n[°º]?\s*(?P<code>\d{1,9}(?:\.\d{1,9})?)(?![\w.])"
        + _SEPARATOR,
        re.IGNORECASE,
    ),
    PROPOSITION: re.compile(
        r"(?P<word>proposition)\s+(?:n[°º]\s*)?(?P<code>\d{1,9})(?![\w.])" + _SEPARATOR,
        re.IGNORECASE,
    ),
}
# Le nom de chaque mise en page, pour le résumé et le message d'un texte non reconnu.
LAYOUT_NAMES = {
    ACTION: "« Action 1.2 : … »",
    FICHE: "« Fiche action n°3 – … »",
    PROPOSITION: "« PROPOSITION 4 : … »",
    STYLED: "de niveau 2 de Word ou d'OpenDocument, sans numéro,",
}
AXIS_EXAMPLES = "« AXE 1 – … », « Axe A : … », « Orientation 2 : … », « Défi 1 », « Priorité 2 »"
# Ce que le plan appelle ses fiches (`libelle_fiche`), d'après leurs titres.
_FICHE_WORDS = {ACTION: "Action", FICHE: "Action", PROPOSITION: "Proposition", STYLED: "Action"}
_MARKS = re.compile(r"(?P<marks>#{1,6})\s+")
# Un tri rapide : une ligne qui ne commence pas (marques passées) par l'un des mots des titres
# n'en est pas un.
_MAY_BE_HEADING = re.compile(
    r"[\s#*•–-]*(?:axe|orientation|d[ée]fi|priorit|action|fiche|proposition)", re.IGNORECASE
)
_BOLD_BULLET = re.compile(r"[-–•*]\s+(?=\*\*)")


@dataclasses.dataclass(frozen=True, slots=True)
class Heading:
    """Un titre d'axe ou de fiche : son genre, son mot (« PROPOSITION »), son code, son titre."""

    index: int  # le rang de sa ligne dans le texte
    kind: str
    word: str
    code: str
    title: str
    level: int = 0  # le niveau de titre de Word ou d'OpenDocument (« # » : 1), 0 sans style
    written: str = ""  # le mot et le numéro tels qu'écrits (« Fiche action n°3 »)


@dataclasses.dataclass(slots=True)
class Headed:
    """Un texte à titres, découpé : le corps avant le premier titre, les axes, les fiches."""

    body: list[str]
    axes: list[dict]
    fiches: list[RawFiche]
    layout: str
    axe_word: str | None
    notes: list[Recovery] = dataclasses.field(default_factory=list)
    cleaning: Cleaning = dataclasses.field(default_factory=Cleaning)


def plain_line(raw: str) -> tuple[int, str]:
    """Le niveau de titre d'une ligne (« ## … » : 2) et son texte sans marques Markdown."""
    text = raw.strip()
    level = 0
    marks = _MARKS.match(text)
    if marks:
        level, text = len(marks["marks"]), text[marks.end() :]
    text = _BOLD_BULLET.sub("", text, count=1)  # « - **PROPOSITION 4** : … »
    return level, " ".join(text.replace("**", "").split())


def read_heading(raw: str, index: int) -> Heading | None:
    """« Axe A : Développer… » → Heading(axe, « Axe », « A », « Développer… »)."""
    if len(raw) > 2000:  # un titre tient en une ligne courte ; un paragraphe n'en est pas un
        return None
    level, text = plain_line(raw)
    for kind, pattern in _PATTERNS.items():
        match = pattern.fullmatch(text)
        if match:
            title = (match["title"] or "").strip()
            written = text[: match.end("code")]
            return Heading(index, kind, match["word"], match["code"], title, level, written)
    return None


def read_headed(text: str) -> Headed | None:
    """Le texte découpé en axes et fiches à titres ; None s'il n'a aucun titre de fiche, ou s'il
    a des lignes « Défi N°x/ Act N°y » (la mise en page des blocs « FICHE ACTION »)."""
    lines = normalise_newlines(text).split("\n")
    headings, styled = [], []
    for index, raw in enumerate(lines):
        if may_hold_id_line(raw) and any(read_id_line(p.text) for p in split_glued(raw)):
            return None
        heading = read_heading(raw, index) if _MAY_BE_HEADING.match(raw) else None
        if heading is not None:
            headings.append(heading)
        if (heading is not None and heading.kind == AXIS) or raw.startswith("#"):
            level, title = plain_line(raw)
            if heading is not None or level in (1, 2):
                styled.append(heading or Heading(index, STYLED, "", "", title, level, title))
    headings = _with_styles(headings, styled)
    kinds = Counter(h.kind for h in headings if h.kind != AXIS)
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    lines = [_unmarked(line) for line in lines]  # un titre de style qui n'ouvre rien : du texte
    axis = next((h for h in headings if h.kind == AXIS and h.word), None)
    layout = f"titres {LAYOUT_NAMES[kind]}"
    if axis is not None:
        layout += f" sous des titres « {_word(axis.word)} {axis.code} : … »"
    headed = Headed(lines[: headings[0].index], [], [], layout, _word(axis.word) if axis else None)
    _read_parts(lines, headings, headed, _FICHE_WORDS[kind])
    _same_kind_of_codes(headed)
    return headed


def _same_kind_of_codes(headed: Headed) -> None:
    """Des axes « 1 » et « B » dans le même texte : tous leurs codes en texte (« 1 », « B »)."""
    if len({type(axe["code"]) for axe in headed.axes}) < 2:
        return
    for axe in headed.axes:
        axe["code"] = str(axe["code"])
    for fiche in headed.fiches:
        fiche.number = (str(fiche.number[0]), fiche.number[1]) if fiche.number else None


def _with_styles(headings: list[Heading], styled: list[Heading]) -> list[Heading]:
    """Les titres numérotés, complétés des titres de style quand il leur manque un niveau :
    sans titre de fiche numéroté, les titres de niveau 2 (et 1) ; sans titre d'axe numéroté,
    les titres de niveau 1 (un « ## Contexte » dans une fiche numérotée reste du texte)."""
    if not any(h.kind != AXIS for h in headings):
        return styled_headings(styled)
    if any(h.kind == AXIS for h in headings):
        return headings
    axes = [h for h in styled if h.kind == STYLED and h.level == 1]
    return styled_headings(sorted(headings + axes, key=lambda h: h.index)) if axes else headings


def _opens_fiche(heading: Heading) -> bool:
    return heading.kind != AXIS and (heading.kind != STYLED or heading.level == 2)


def styled_headings(styled: list[Heading]) -> list[Heading]:
    """Les titres d'un document Word ou OpenDocument qui ne numérote pas ses fiches : un titre
    de niveau 2 est une fiche, un titre de niveau 1 qui en a au moins une, un axe. Les codes
    des axes sans numéro suivent leur ordre (1, 2…), les ids des fiches leur place dans l'axe
    (« 1.2 ») : `_number` le note dans chaque fiche."""
    kept = [
        heading
        for position, heading in enumerate(styled)
        if heading.kind != STYLED
        or heading.level == 2
        or (position + 1 < len(styled) and _opens_fiche(styled[position + 1]))
    ]
    taken = {h.code for h in kept if h.kind == AXIS}
    numbers = (str(n) for n in range(1, len(kept) + 1) if str(n) not in taken)
    headings: list[Heading] = []
    axe, rank = None, 0
    for heading in kept:
        if heading.kind == AXIS or (heading.kind == STYLED and heading.level == 1):
            if heading.kind == STYLED:  # un axe sans numéro : le suivant dans l'ordre
                heading = dataclasses.replace(heading, kind=AXIS, code=next(numbers))
            axe, rank = heading, 0
        elif heading.kind == STYLED and axe is not None:
            rank += 1
            heading = dataclasses.replace(heading, code=f"{axe.code}.{rank}")
        headings.append(heading)
    return headings


def _unmarked(line: str) -> str:
    marks = _MARKS.match(line.lstrip()) if line.lstrip().startswith("#") else None
    return line.lstrip()[marks.end() :] if marks else line


def _word(written: str) -> str:
    """« AXE » → « Axe », « priorité » → « Priorité » : le mot tel qu'un libellé l'écrit."""
    return written[:1].upper() + written[1:].lower()


def _read_parts(lines: list[str], headings: list[Heading], headed: Headed, fiche_word: str) -> None:
    """Les axes et les fiches, chacun de son titre au titre suivant."""
    axe: Heading | None = None
    ends = [h.index for h in headings[1:]] + [len(lines)]
    for heading, end in zip(headings, ends, strict=True):
        content = lines[heading.index + 1 : end]
        if not heading.title:  # « Défi 1 », puis son titre sur la ligne suivante
            heading, content = _title_below(heading, content)
        if heading.kind == AXIS:
            axe = heading
            _add_axis(heading, content, headed)
            continue
        block = clean_annex(content, set(), headed.cleaning)
        raw = read_fiche(block, len(headed.fiches) + 1)
        if heading.title:
            raw.rubrics.insert(0, Rubric("titre", f"{fiche_word} :", heading.title))
        _number(raw, heading, axe)
        headed.fiches.append(raw)


def _title_below(heading: Heading, content: list[str]) -> tuple[Heading, list[str]]:
    """Un titre sans texte après son numéro prend la ligne qui le suit, si elle n'est ni une
    rubrique ni un élément de liste."""
    first = next((index for index, line in enumerate(content) if line.strip()), None)
    if first is None:
        return heading, content
    _, text = plain_line(content[first])
    if read_label(text) is not None or read_bullet(text) is not None:
        return heading, content
    return dataclasses.replace(heading, title=text), content[first + 1 :]


def axe_code(code: str) -> int | str:
    """Le code d'un axe : un entier pour des chiffres (« 1 »), la lettre telle quelle (« A »)."""
    return int(code) if code.isdigit() else code


def _add_axis(heading: Heading, content: list[str], headed: Headed) -> None:
    code = axe_code(heading.code)
    if any(axe["code"] == code for axe in headed.axes):
        headed.notes.append(
            Recovery(None, "axes", f"l'axe {code} a deux titres : seul le premier est repris")
        )
        return
    axe: dict = {"code": code}
    if heading.title:
        axe["titre"] = heading.title
    description = " ".join(" ".join(line.split()) for line in content if line.strip())
    if description:
        axe["description"] = description
    headed.axes.append(axe)
    if not heading.word:
        headed.notes.append(
            Recovery(
                None,
                "axes",
                f"le titre « {heading.title} » (niveau 1) n'a pas de numéro : axe {code}"
                " d'après son ordre parmi les titres de niveau 1",
            )
        )


def _number(raw: RawFiche, heading: Heading, axe: Heading | None) -> None:
    """L'id de la fiche est le numéro de son titre ; son axe, le titre d'axe qui la précède
    (à défaut, le premier nombre d'un numéro « 1.2 »)."""
    first, _, rank = heading.code.partition(".")
    written = heading.written
    if axe is None and not rank:
        raw.unnumbered = (
            f"« {written} » ne suit aucun titre d'axe ({AXIS_EXAMPLES}), et son numéro ne"
            " dit pas son axe (comme « Action 1.2 »)"
        )
        return
    code = axe_code(axe.code) if axe is not None else int(first)
    if axe is not None and rank and axe_code(first) != code:
        raw.note(
            "axe",
            f"le numéro « {written} » dit l'axe {first}, mais la fiche suit le titre"
            f" « {axe.written} » : axe {code} retenu",
        )
    raw.number = (code, int(rank or first))
    raw.given_id = heading.code
    raw.id_written = written
    if heading.kind == STYLED:
        raw.note(
            "id",
            f"le titre « {heading.title} » (niveau 2) n'a pas de numéro : id {heading.code}"
            f" d'après sa place sous le titre « {axe.written if axe else ''} » (niveau 1)",
        )


# ------------------------------------------------------------------- un texte non reconnu

SUPPORTED = (
    "mises en page reconnues : les blocs « FICHE ACTION » avec leur ligne « Défi N°1/ Act N°1 » ;"
    " les fiches ouvertes par un titre « Action 1.2 : … », « Fiche action n°3 – … » ou"
    f" « PROPOSITION 4 : … », sous des titres d'axes ({AXIS_EXAMPLES})"
)
_SHOWN = 3  # les exemples donnés de chaque chose trouvée


def unrecognised(text: str) -> str:
    """Le message d'un texte sans fiche : ce qu'il a (titres, rubriques), ce qui est reconnu."""
    titles: list[str] = []
    labels: dict[str, None] = {}
    for raw in normalise_newlines(text).split("\n"):
        level, line = plain_line(raw[:2000])
        if not line:
            continue
        label = read_label(line)
        if label is not None:
            labels.setdefault(label.written, None)
        elif len(line) <= 80 and (level or read_heading(line, 0) or _capitals(line)):
            titles.append(line)
    found = []
    if titles:
        plural = "s" if len(titles) > 1 else ""
        found.append(f"{len(titles)} titre{plural}{_quoted(titles)}")
    if labels:
        plural = "s" if len(labels) > 1 else ""
        found.append(f"{len(labels)} rubrique{plural} reconnue{plural}{_quoted(list(labels))}")
    said = (
        f"le texte a {' et '.join(found)}, mais aucun titre de fiche"
        if found
        else "le texte n'a ni titre ni rubrique reconnue"
    )
    return f"aucune fiche-action trouvée : {said} ; {SUPPORTED}"


def _capitals(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def _quoted(texts: list[str]) -> str:
    """« , dont « a », « b » et « c » » ; tous quand il y en a trois au plus (« : « a » »)."""
    shown = join([f"« {text} »" for text in texts[:_SHOWN]])
    return f", dont {shown}" if len(texts) > _SHOWN else f" ({shown})"
