"""Nettoyer et découper le texte d'une délibération extrait de son PDF (pdftotext).

L'extraction casse la mise en page : des rubriques collées à la valeur précédente par des
marqueurs `**` (« Début action : Mars 2017**Fin de l'action :** Septembre 2020 »), des
en-têtes et pieds de page au milieu des fiches (« 8/18 », « www.… », « N° DEL… »), des puces
`-`, `⇒`, `➡`. Ce module remet le texte en lignes propres et le découpe : le corps et l'annexe, les
blocs de fiches, les rubriques, les paragraphes et les puces. Il ne décide pas de ce que
veulent dire les morceaux : c'est le rôle de `seance.py` et `fiches.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .labels import read_label

# ---------------------------------------------------------------------------------- lignes


@dataclass(frozen=True, slots=True)
class Line:
    """Une ligne de l'annexe ; `glued` : elle suivait un `**` dans la ligne source."""

    text: str
    glued: bool = False


@dataclass(slots=True)
class Cleaning:
    """Ce que le nettoyage a retiré ou séparé, pour le dire à la relecture."""

    discarded: Counter = field(default_factory=Counter)  # ligne écartée → nombre de fois


def normalise_newlines(text: str) -> str:
    """CRLF, CR et sauts de page (pdftotext en met un entre deux pages) deviennent « \\n »."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


# Pieds de page et en-têtes que l'extraction laisse au milieu du texte. Une ligne ne les
# contient pas : elle l'est tout entière (« 8/18 » seul sur sa ligne, pas « 1/2 animateur »).
# Une seule expression, l'alternative des motifs : une recherche par ligne au lieu de six.
_PAGE_FURNITURE = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r"\d{1,3}\s*/\s*\d{1,3}",  # numéro de page « 8/18 »
            r"page\s+\d+(?:\s*(?:/|sur)\s*\d+)?",
            r"(?:https?://)?www\.\S+",  # adresse du site de la collectivité
            r"N[°º]\s*DEL\s*[\w./-]+",  # numéro de la délibération rappelé en pied de page
            r"Direction\s+g[ée]n[ée]rale\b.*",  # service émetteur, en pied de page
            r"Dossier\s+suivi\s+par\b.*",
        )
    ),
    re.IGNORECASE,
)


def is_page_furniture(text: str) -> bool:
    return _PAGE_FURNITURE.fullmatch(text) is not None


_FICHE_MARKER = re.compile(r"FICHES?[- ]ACTIONS?", re.IGNORECASE)
_ID_LINE = re.compile(
    r"[^\W\d_]+\s*N[°º]\s*(?P<axe>\d+)"  # « Défi N°2 », « DÉFI N°2 »
    r"\s*/\s*[^\W\d_]+\.?\s*N[°º]\s*(?P<fiche>\d+)",  # « / Act N°4 »
    re.IGNORECASE,
)


def is_fiche_marker(text: str) -> bool:
    return bool(_FICHE_MARKER.fullmatch(text))


# Un numéro de défi ou d'action tient en neuf chiffres, comme un numéro de fiche (ESS402) ; au-delà,
# c'est une erreur de saisie (et `int` refuse plus de 4 300 chiffres).
MAX_NUMBER_DIGITS = 9


def read_id_line(text: str) -> tuple[int, int] | None:
    """« DÉFI N°2/ Act N°4 » → (2, 4) ; None pour une autre ligne, ou des numéros trop longs
    (`oversized_id_line` les refuse avant toute lecture)."""
    match = _ID_LINE.fullmatch(text)
    if match is None or max(len(match["axe"]), len(match["fiche"])) > MAX_NUMBER_DIGITS:
        return None
    return int(match["axe"]), int(match["fiche"])


def may_hold_id_line(raw: str) -> bool:
    """Vrai si la ligne source peut porter une ligne de numéro : « N° » ou « Nº » y est. Un tri
    rapide avant `split_glued` et `read_id_line`, qui ne change rien à ce qu'ils trouvent."""
    return "°" in raw or "º" in raw


def oversized_id_line(text: str) -> str | None:
    """Le message de la première ligne de numéro aux numéros trop longs (None : aucune)."""
    for number, raw in enumerate(normalise_newlines(text).split("\n"), 1):
        if not may_hold_id_line(raw):
            continue
        for line in split_glued(raw):
            match = _ID_LINE.fullmatch(line.text)
            if match and max(len(match["axe"]), len(match["fiche"])) > MAX_NUMBER_DIGITS:
                shown = line.text if len(line.text) <= 60 else f"{line.text[:60]}…"
                return (
                    f"ligne {number} : numéro invraisemblable dans « {shown} » : un numéro de"
                    f" défi ou d'action a au plus {MAX_NUMBER_DIGITS} chiffres"
                )
    return None


def split_glued(raw: str) -> list[Line]:
    """Une ligne source → ses morceaux séparés par `**` (gras perdu ou rubriques collées)."""
    pieces = [piece.strip() for piece in raw.split("**")]
    lines = [Line(piece, glued=index > 0) for index, piece in enumerate(pieces) if piece]
    return lines or [Line("")]


def split_body_and_annex(text: str) -> tuple[list[str], list[str]]:
    """Le corps (la délibération) et l'annexe (les fiches), en lignes source.

    L'annexe commence à la première ligne qui porte une marque de fiche (« FICHE ACTION »)
    ou une ligne de numéro (« Défi N°1/ Act N°1 »), même collée à un en-tête par `**`.
    """
    raw_lines = normalise_newlines(text).split("\n")
    for index, raw in enumerate(raw_lines):
        pieces = [line.text for line in split_glued(raw)]
        if any(is_fiche_marker(piece) or read_id_line(piece) for piece in pieces):
            return raw_lines[:index], raw_lines[index:]
    return raw_lines, []


def clean_body(raw_lines: list[str], running: set[str], cleaning: Cleaning) -> list[str]:
    """Le corps : sans marqueurs de gras, pieds de page ni en-têtes courants."""
    lines = []
    for raw in raw_lines:
        text = raw.replace("**", "").strip()
        if is_page_furniture(text) or text in running:
            cleaning.discarded[text] += 1
            continue
        lines.append(text)
    return lines


def clean_annex(raw_lines: list[str], running: set[str], cleaning: Cleaning) -> list[Line]:
    """L'annexe : rubriques collées séparées, pieds de page et en-têtes courants écartés."""
    kept = []
    for line in annex_lines(raw_lines):
        if is_page_furniture(line.text) or line.text in running:
            cleaning.discarded[line.text] += 1
            continue
        kept.append(line)
    return kept


def annex_lines(raw_lines: list[str]) -> list[Line]:
    return [line for raw in raw_lines for line in split_glued(raw)]


def running_headers(lines: list[Line]) -> set[str]:
    """Les en-têtes courants : une ligne répétée devant au moins deux marques « FICHE ACTION ».

    Chaque fiche commence une page, sous l'en-tête du document (« Projet stratégique et
    opérationnel ») ; répété devant plusieurs fiches, ce n'est pas du contenu. Une puce, une
    rubrique ou la valeur d'une rubrique (« Pas d'objet » sous « Financement : ») qui finit
    plusieurs fiches reste du contenu.
    """
    before_marker: Counter = Counter()
    texts = [line.text for line in lines if line.text]
    for previous, text, following in zip(["", *texts], texts, texts[1:], strict=False):
        if is_fiche_marker(following) and _could_be_header(text, previous):
            before_marker[text] += 1
    return {text for text, count in before_marker.items() if count >= 2}


def _could_be_header(text: str, previous: str) -> bool:
    label = read_label(previous)
    value_of_previous = label is not None and not label.value
    return not (read_label(text) or read_id_line(text) or read_bullet(text) or value_of_previous)


def fiche_blocks(lines: list[Line]) -> list[list[Line]]:
    """Les blocs de fiches de l'annexe.

    Une fiche commence à une marque « FICHE ACTION », ou à une ligne de numéro quand le
    bloc en cours a déjà la sienne ou du contenu (l'extraction a pu perdre la marque).
    """
    blocks: list[list[Line]] = []
    current: list[Line] | None = None
    for line in lines:
        if is_fiche_marker(line.text):
            current = []
            blocks.append(current)
        elif read_id_line(line.text) and (current is None or _has_content(current)):
            current = [line]
            blocks.append(current)
        elif current is not None:
            current.append(line)
    return [block for block in blocks if _has_content(block)]


def _has_content(block: list[Line]) -> bool:
    return any(line.text for line in block)


# ---------------------------------------------------------------------- paragraphes, puces

_BULLET = re.compile(r"(?:(?P<dash>[-–—•])\s+)?(?P<arrow>[⇒➡→►➔➜])?\s*")
ARROWS = "⇒➡→►➔➜"
_BULLET_STARTS = frozenset("-–—•" + ARROWS)


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str  # l'élément sans sa puce
    marks: tuple[str, ...]  # les puces retirées, dans l'ordre : ("-", "⇒")


@lru_cache(maxsize=1 << 14)  # une ligne est relue par chaque question sur son paragraphe
def read_bullet(text: str) -> Bullet | None:
    """« - ⇒ Faire connaître l'ESS » → Bullet("Faire connaître l'ESS", ("-", "⇒"))."""
    if not text or text[0] not in _BULLET_STARTS:  # sans puce en tête : aucune (tri rapide)
        return None
    match = _BULLET.match(text)
    if match is None:
        return None
    marks = tuple(mark for mark in (match["dash"], match["arrow"]) if mark)
    if not marks:
        return None
    return Bullet(text[match.end() :].strip(), marks)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Des lignes qui se suivent sans ligne vide ; `attached` : collé à la ligne d'avant."""

    lines: tuple[str, ...]
    attached: bool = False

    @property
    def is_list(self) -> bool:
        return read_bullet(self.lines[0]) is not None

    @property
    def style(self) -> str | None:
        """« fleche » pour des puces ⇒ ou ➡, « tiret » pour des puces « - » seules."""
        if not self.is_list:
            return None
        return "fleche" if self.bullet_marks() & set(ARROWS) else "tiret"

    def items(self) -> list[str]:
        """Les éléments d'une liste ; une ligne sans puce prolonge l'élément d'avant."""
        items: list[str] = []
        for line in self.lines:
            bullet = read_bullet(line)
            if bullet is not None:
                items.append(bullet.text)
            elif items:
                items[-1] = f"{items[-1]} {line}"
            else:
                items.append(line)
        return [item for item in items if item]

    def joined(self) -> str:
        """Les lignes d'un paragraphe de prose, jointes par une espace (retours à la ligne
        de mise en page du PDF)."""
        return " ".join(self.lines)

    def bullet_marks(self) -> set[str]:
        return {mark for line in self.lines if (b := read_bullet(line)) for mark in b.marks}


def paragraphs(lines: list[str], attached_first: bool = False) -> list[Paragraph]:
    """Découpe des lignes en paragraphes (séparés par des lignes vides)."""
    found: list[Paragraph] = []
    current: list[str] = []
    attached = attached_first
    for text in lines:
        if text:
            current.append(text)
            continue
        if current:
            found.append(Paragraph(tuple(current), attached))
            current = []
        attached = False
    if current:
        found.append(Paragraph(tuple(current), attached))
    return found


# ------------------------------------------------------------------------------ les notes


@dataclass(frozen=True, slots=True)
class Recovery:
    """Une valeur reprise ou devinée : la fiche (None pour le plan), le champ, pourquoi."""

    fiche: str | None
    field: str
    explanation: str
