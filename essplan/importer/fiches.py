"""Lire les fiches de l'annexe : leurs rubriques, leurs valeurs, leurs numéros et titres.

Une fiche est une suite de rubriques (« Pilote : … », « Méthode : » et sa liste) ; ce qui suit
une rubrique sans lui revenir (un paragraphe après une valeur écrite sur la ligne même, une
liste sous « Remarques : ») est un paragraphe sans rubrique, que `orphans.py` place d'après
les autres fiches du même texte. Ce qui ne peut pas être placé est rapporté, pas inventé.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .labels import Label, read_label
from .text import Line, Paragraph, paragraphs, read_id_line

PEOPLE_FIELDS = ("pilotes", "associes")
LINE_FIELDS = ("defi", "titre", "debut", "fin", "calendrier", "cout", *PEOPLE_FIELDS)
LIST_FIELDS = ("methode", "resultats_attendus", "indicateurs")
PROSE_FIELDS = ("contexte", "public_cible", "moyens_humains", "financement", "remarques")
KEEP_EMPTY = ("debut", "fin", "cout")  # vide veut dire « inconnu », ce que le linter signale
# L'ordre du format, quand aucune fiche complète ne montre celui du texte.
FORMAT_ORDER = (
    "defi",
    "titre",
    *PEOPLE_FIELDS,
    "contexte",
    "methode",
    "resultats_attendus",
    "public_cible",
    "moyens_humains",
    "calendrier",
    "debut",
    "fin",
    "cout",
    "financement",
    "remarques",
    "indicateurs",
)


# ------------------------------------------------------------------------------ rubriques

Number = tuple[int | str, int]  # (code de l'axe, rang de la fiche dans l'axe)


# `dataclasses.field` en entier : `Rubric` a elle-même un attribut `field`.
@dataclass(slots=True)
class Rubric:
    """Une rubrique et ses paragraphes ; `field` None : un paragraphe sans rubrique."""

    field: str | None
    written: str = ""  # l'intitulé tel qu'écrit ; pour un paragraphe sans rubrique, celui d'avant
    inline: str = ""
    paragraphs: list[Paragraph] = dataclasses.field(default_factory=list)
    glued: bool = False  # l'intitulé était collé à la valeur précédente par `**`
    placed: str = ""  # pour un paragraphe placé : pourquoi


@dataclass(slots=True)
class RawFiche:
    """Une fiche telle que lue dans l'annexe, avant de lui donner son identifiant."""

    position: int  # rang dans l'annexe, à partir de 1
    # (défi, action) de la ligne « Défi N°x/ Act N°y » ; (axe, rang) sous un titre d'axe, où
    # le code de l'axe peut être une lettre (« Axe A »)
    number: Number | None
    rubrics: list[Rubric]
    id_written: str = ""  # la ligne de numéro telle qu'écrite (« DÉFI N°2/ Act N°4 »)
    given_id: str = ""  # l'id écrit dans le titre de la fiche (« PROPOSITION 4 » : « 4 »)
    unnumbered: str = ""  # pourquoi aucun numéro n'a pu lui être donné
    notes: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (champ, explication)

    @property
    def id(self) -> str | None:
        if self.number is None:
            return None
        return self.given_id or f"{self.number[0]}.{self.number[1]}"

    def fields(self) -> set[str]:
        return {rubric.field for rubric in self.rubrics if rubric.field}

    def sequence(self) -> list[str]:
        """Les rubriques écrites, dans l'ordre du texte."""
        return list(dict.fromkeys(r.field for r in self.rubrics if r.field and not r.placed))

    def orphans(self) -> list[Rubric]:
        return [rubric for rubric in self.rubrics if rubric.field is None]

    def note(self, field_name: str, explanation: str) -> None:
        self.notes.append((field_name, explanation))


@dataclass(slots=True)
class _Segment:
    label: Label | None
    glued: bool = False
    content: list[str] = dataclasses.field(default_factory=list)

    def rubrics(self) -> list[Rubric]:
        found = paragraphs(self.content, attached_first=True)
        if self.label is None:
            return [Rubric(None, "", paragraphs=[p]) for p in found]
        kept = _accepted(self.label, found)
        written = f"{self.label.written} :"
        return [
            Rubric(self.label.field, written, self.label.value, found[:kept], self.glued),
            *(Rubric(None, written, paragraphs=[p]) for p in found[kept:]),
        ]


def _accepted(label: Label, found: list[Paragraph]) -> int:
    """Combien des paragraphes qui suivent une rubrique lui reviennent.

    Une valeur écrite sur la ligne de la rubrique ne se prolonge que par les lignes collées à
    elle ; une rubrique de prose s'arrête à la première liste, une rubrique de liste au
    premier paragraphe de prose qui suit une liste.
    """
    if not found:
        return 0
    first = found[0]
    if label.value or label.field in LINE_FIELDS:
        alone = not label.value and (not first.is_list or label.field in PEOPLE_FIELDS)
        return 1 if first.attached or alone else 0
    count = 0
    for index, paragraph in enumerate(found):
        if label.field in LIST_FIELDS:
            fits = paragraph.is_list or index == 0
        else:
            fits = not paragraph.is_list
        if not fits:
            break
        count += 1
    return count


def read_fiche(block: list[Line], position: int) -> RawFiche:
    number, id_written = None, ""
    current = _Segment(None)
    segments = [current]
    for line in block:
        if number is None and read_id_line(line.text):
            number, id_written = read_id_line(line.text), line.text
            continue
        label = read_label(line.text)
        if label is not None:
            current = _Segment(label, line.glued)
            segments.append(current)
            continue
        if line.glued and current.label and current.label.value and not current.content:
            current.content.append("")  # un morceau collé par ** ne prolonge pas une valeur écrite
        current.content.append(line.text)
    rubrics = [rubric for segment in segments for rubric in segment.rubrics()]
    return RawFiche(position, number, rubrics, id_written)


# -------------------------------------------------------------------------------- valeurs


def rubric_value(rubric: Rubric) -> str | list[str]:
    if rubric.field in LIST_FIELDS:
        items = [rubric.inline] if rubric.inline else []
        return items + [item for p in rubric.paragraphs for item in p.items()]
    return rubric_text(rubric)


def rubric_text(rubric: Rubric) -> str:
    """La valeur d'une rubrique qui n'est pas une liste : une ligne, des notes ou de la prose."""
    lines = [rubric.inline] if rubric.inline else []
    if rubric.field == "remarques":  # des notes : leurs retours à la ligne comptent
        return "\n".join(lines + [line for p in rubric.paragraphs for line in p.lines])
    if rubric.field in LINE_FIELDS:
        return " ".join(lines + [line for p in rubric.paragraphs for line in p.lines])
    texts = [p.joined() for p in rubric.paragraphs]
    if lines and texts and rubric.paragraphs[0].attached:
        texts[0] = f"{lines.pop()} {texts[0]}"
    return "\n".join(lines + texts)


def fiche_values(raw: RawFiche, record: bool = False) -> dict:
    """Les valeurs des rubriques ; une rubrique écrite deux fois réunit ses deux valeurs.

    `record` : noter dans la fiche ce que la lecture a retouché (une seule fois par fiche).
    """
    values: dict = {}
    for rubric in raw.rubrics:
        if rubric.field is None:
            continue
        value: str | list[str] = (
            _people(rubric, rubric_text(rubric), raw if record else None)
            if rubric.field in PEOPLE_FIELDS
            else rubric_value(rubric)
        )
        previous = values.get(rubric.field)
        if isinstance(previous, list) and isinstance(value, list):  # le même champ, le même type
            value = previous + value
        elif previous:
            value = f"{previous}\n{value}" if value else previous
        values[rubric.field] = value
    return {key: value for key, value in values.items() if value or key in KEEP_EMPTY}


_PEOPLE_SEPARATOR = re.compile(r"\s+[-–/+]\s+")
_DANGLING = re.compile(r"\s+[-–/+]$|^[-–/+]\s+")


def _people(rubric: Rubric, text: str, raw: RawFiche | None) -> list[str]:
    """« A - B / C + D » → [A, B, C, D] ; une liste à puces donne ses éléments."""
    if any(p.is_list for p in rubric.paragraphs):
        return [item for p in rubric.paragraphs for item in p.items()]
    trimmed = _DANGLING.sub("", text.strip())
    if trimmed != text.strip() and raw is not None and rubric.field is not None:
        raw.note(
            rubric.field, f"le séparateur qui termine la liste « {text.strip()} » est supprimé"
        )
    return [name.strip() for name in _PEOPLE_SEPARATOR.split(trimmed) if name.strip()]
