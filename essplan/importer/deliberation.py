"""Lire le texte d'une délibération (extrait de son PDF) : le corps (séance, vote, vision,
défis, critères) et l'annexe (les fiches-actions), en réparant ce que l'extraction a cassé et en
notant chaque valeur reprise ou devinée (`Recovery`).

Le découpage du texte est dans `text.py`, la séance dans `seance.py`, l'exposé dans
`expose.py`, les fiches dans `fiches.py` et `orphans.py`, les reprises dans `recover.py`.
Rien n'est écrit ici.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..french import join
from ..model.fiche import FICHE_KEYS
from ..model.plan import PLAN_KEYS, Deliberation, Vote
from ..reading.decode import decode
from .expose import read_expose
from .fiches import LIST_FIELDS, PEOPLE_FIELDS, RawFiche, fiche_values, read_fiche
from .layouts import Headed, read_headed, unrecognised
from .numbering import recover_title, resolve_numbers
from .orphans import learn_profile, place_orphans
from .preamble import read_preamble
from .recover import recover_cost, recover_links
from .rubrics import read_values
from .seance import (
    Body,
    read_collectivite,
    read_deliberation,
    read_etat,
    seance_header,
    source_entry,
)
from .text import (
    Cleaning,
    Recovery,
    annex_lines,
    clean_annex,
    clean_body,
    fiche_blocks,
    oversized_id_line,
    running_headers,
    split_body_and_annex,
)
from .yaml_writer import in_format_order


class ImportFailure(Exception):
    """Entrée inutilisable (vide, binaire, sans fiche…) : message en français, code de sortie 1."""


class PlanFolderExists(ImportFailure):
    """Le dossier du plan existe déjà et `--force` n'est pas donné."""


# La mise en page de la délibération de Clermont, lue quand le texte n'a pas de titres de fiches.
FICHE_BLOCKS = "blocs « FICHE ACTION » et « Défi N°x/ Act N°y »"


@dataclass(slots=True)
class ImportedPlan:
    """Le plan importé : des dictionnaires dans l'ordre du format, et les reprises faites."""

    plan: dict
    fiches: list[dict]
    recoveries: list[Recovery] = field(default_factory=list)
    source_text: str = ""
    layout: str = FICHE_BLOCKS  # la mise en page reconnue, que le résumé de l'import nomme


def decode_source(raw: bytes) -> str:
    """Les octets de la source en texte ; UTF-8 seulement, sinon un message qui dit quoi faire.
    Leur nombre est borné à la lecture (`source.read_source`)."""
    problems: list[str] = []
    # pdftotext sépare les pages par un saut de page (U+000C) : c'est du texte, pas un binaire.
    text = decode(
        raw.replace(b"\x0c", b"\n"),
        lambda message, line=1, column=1: problems.append(_where(line, column) + message),
    )
    if text is None:
        raise ImportFailure(_about_text(problems[0]))
    return raw.decode("utf-8-sig")  # avec ses sauts de page : la copie dans sources/ est fidèle


def _where(line: int, column: int) -> str:
    return f"ligne {line}, colonne {column} : " if (line, column) != (1, 1) else ""


def _about_text(message: str) -> str:
    """Les messages de `decode` parlent de fichiers YAML ; ici, la source est un texte."""
    return message.replace("ce n'est pas un fichier YAML", "ce n'est pas un texte").replace(
        "fichier.yaml", "deliberation.txt"
    )


def parse_deliberation(text: str) -> ImportedPlan:
    """Lit le texte d'une délibération ; lève `ImportFailure` s'il n'y a rien à importer."""
    if not text.strip():
        raise ImportFailure(
            "le texte est vide : rien à importer (le PDF a-t-il une couche"
            " texte ? essayez « pdftotext délibération.pdf »)"
        )
    oversized = oversized_id_line(text)
    if oversized:
        raise ImportFailure(oversized)
    headed = read_headed(text)
    if headed is not None:
        return _parse_headed(text, headed)
    cleaning = Cleaning()
    body_lines, annex_raw = split_body_and_annex(text)
    # L'en-tête courant précède chaque fiche, la première comprise (à la fin du corps).
    running = running_headers(annex_lines(body_lines + annex_raw))
    body = read_body(clean_body(body_lines, running, cleaning))
    blocks = fiche_blocks(clean_annex(annex_raw, running, cleaning))
    if not blocks:
        raise ImportFailure(unrecognised(text))
    raws = _read_fiches(blocks, body)
    unnumbered = (
        "aucune fiche n'a de ligne « Défi N°x/ Act N°y » ni d'intitulé de défi reconnaissable"
    )
    return _assemble(text, body, raws, cleaning, unnumbered)


def _parse_headed(text: str, headed: Headed) -> ImportedPlan:
    """Un texte à titres (`layouts.py`) : le corps avant le premier titre, les axes de ses
    titres, les fiches lues comme celles des blocs « FICHE ACTION »."""
    body_lines = clean_body(headed.body, set(), headed.cleaning)
    body = read_body(body_lines)
    read_preamble(body_lines, body)
    if headed.axes:
        body.plan["axes"] = headed.axes
    if headed.axe_word:
        body.plan["libelle_axe"] = headed.axe_word
    body.notes.extend(headed.notes)
    raws = headed.fiches
    _place_orphans(raws)
    _drop_repeated_numbers(raws)
    return _assemble(text, body, raws, headed.cleaning, raws[0].unnumbered, headed.layout)


def _assemble(
    text: str,
    body: Body,
    raws: list[RawFiche],
    cleaning: Cleaning,
    unnumbered: str,
    layout: str = FICHE_BLOCKS,
) -> ImportedPlan:
    """Le plan et ses fiches, quelle que soit la mise en page ; `unnumbered` : pourquoi aucune
    fiche n'a de numéro, si c'est le cas."""
    fiche_notes: list[Recovery] = []
    ids = {raw.id for raw in raws if raw.id}  # les cibles possibles d'un lien, une fois
    fiches = [_build_fiche(raw, body, ids, fiche_notes) for raw in raws if raw.number]
    if not fiches:
        raise ImportFailure(f"aucune fiche-action numérotée : {unnumbered}")
    plan_notes = [
        *body.notes,
        *(_unnumbered_note(raw) for raw in raws if raw.number is None),
        *_cleaning_notes(cleaning, raws),
    ]
    plan = _build_plan(body, raws, plan_notes)
    return ImportedPlan(plan, fiches, plan_notes + fiche_notes, text, layout)


def _unnumbered_note(raw: RawFiche) -> Recovery:
    title = fiche_values(raw).get("titre")
    named = f" (« {title} »)" if title else ""
    return Recovery(
        None, "fiches", f"fiche n°{raw.position} de l'annexe{named} non importée : {raw.unnumbered}"
    )


def read_body(lines: list[str]) -> Body:
    """Le corps : la séance, l'exposé, puis la délibération, son état et sa source."""
    body = Body()
    flat = " ".join(line for line in lines if line)  # les comptes sont coupés sur plusieurs lignes
    header = seance_header(lines)
    if header is not None:
        read_collectivite(header, body)
    read_expose(lines, flat, body)
    deliberation = read_deliberation(lines, flat, header, body)
    if deliberation:
        body.plan["deliberation"] = deliberation
        read_etat(deliberation, body)
        body.plan["sources"] = [source_entry(deliberation)]
    return body


def _axe_word(body: Body) -> str:
    return body.plan.get("libelle_axe", "axe").lower()


def _read_fiches(blocks, body: Body) -> list[RawFiche]:
    raws = [read_fiche(block, position) for position, block in enumerate(blocks, 1)]
    _place_orphans(raws)
    resolve_numbers(raws, body.actions, body.plan.get("axes", []), _axe_word(body))
    _drop_repeated_numbers(raws)
    return raws


def _place_orphans(raws: list[RawFiche]) -> None:
    """Les paragraphes sans rubrique, placés d'après les autres fiches du même texte."""
    profile = learn_profile(raws)
    for raw in raws:
        if raw.orphans():
            place_orphans(raw, profile)


def _drop_repeated_numbers(raws: list[RawFiche]) -> None:
    """Deux fiches du même numéro s'écriraient dans le même fichier : seule la première reste."""
    seen: dict[str, int] = {}
    for raw in raws:
        if raw.id in seen:
            raw.unnumbered = f"son numéro {raw.id} est déjà celui de la fiche n°{seen[raw.id]}"
            raw.number = None
        elif raw.id:
            seen[raw.id] = raw.position


def _build_fiche(raw: RawFiche, body: Body, ids: set[str], notes: list[Recovery]) -> dict:
    assert raw.number is not None, "seules les fiches numérotées deviennent des fichiers"
    values = read_values(fiche_values(raw, record=True), raw)
    data: dict[str, Any] = {"id": raw.id, "axe": raw.number[0]}
    titre = values.get("titre") or recover_title(raw, body.actions, _axe_word(body))
    if titre:
        data["titre"] = titre
    data.update((key, value) for key, value in values.items() if key not in ("defi", "titre"))
    if "cout" in data:
        data["cout"] = recover_cost(data["cout"], values.get("remarques", ""), raw)
    links = recover_links(values.get("remarques", ""), raw, ids)
    if links:
        data["liens"] = links
    fiche_notes = sorted(raw.notes, key=lambda note: _field_rank(note[0]))
    if fiche_notes:
        remarks = [values["remarques"]] if values.get("remarques") else []
        data["remarques"] = "\n".join(remarks + [f"[import] {text}" for _, text in fiche_notes])
    notes.extend(Recovery(raw.id, name, text) for name, text in fiche_notes)
    return in_format_order(data, FICHE_KEYS)


def _field_rank(name: str) -> int:
    return FICHE_KEYS.index(name) if name in FICHE_KEYS else len(FICHE_KEYS)


def _build_plan(body: Body, raws: list[RawFiche], notes: list[Recovery]) -> dict:
    """Le plan : ce que dit le corps, les axes que seules les fiches nomment, les notes."""
    plan = dict(body.plan)
    titles = Counter(r.written for raw in raws for r in raw.rubrics if r.field == "titre")
    if titles:  # ce que le texte appelle ses fiches : « Action : … » → « Action »
        plan["libelle_fiche"] = titles.most_common(1)[0][0].rstrip(" :")
    _complete_axes(plan, raws, notes)
    if "deliberation" in plan:
        deliberation = in_format_order(plan["deliberation"], tuple(Deliberation.model_fields))
        if "vote" in deliberation:
            deliberation["vote"] = in_format_order(deliberation["vote"], tuple(Vote.model_fields))
        plan["deliberation"] = deliberation
    if notes:
        plan["remarques"] = "\n".join(f"[import] {note.explanation}" for note in notes)
    return in_format_order(plan, PLAN_KEYS)


def _complete_axes(plan: dict, raws: list[RawFiche], notes: list[Recovery]) -> None:
    """Un axe que le corps ne déclare pas prend l'intitulé de défi de ses fiches."""
    axes = plan.setdefault("axes", [])
    declared = {axe["code"] for axe in axes}
    for raw in raws:
        defi = fiche_values(raw).get("defi") if raw.number else None
        if raw.number and raw.number[0] not in declared and defi:
            axes.append({"code": raw.number[0], "titre": defi})
            declared.add(raw.number[0])
            notes.append(
                Recovery(
                    None,
                    "axes",
                    f"axe {raw.number[0]} repris de la ligne"
                    f" « {defi} » de la fiche {raw.id} : le corps ne le déclare pas",
                )
            )
    axes.sort(key=lambda axe: axe["code"])
    if not axes:
        del plan["axes"]


def _cleaning_notes(cleaning: Cleaning, raws: list[RawFiche]) -> list[Recovery]:
    """Ce que le nettoyage a fait à l'annexe, une reprise à relire par genre de réparation."""
    notes = [_glued_note(raws), _bullets_note(raws), _discarded_note(cleaning)]
    return [note for note in notes if note is not None]


def _glued_note(raws: list[RawFiche]) -> Recovery | None:
    glued = [raw.id or f"n°{raw.position}" for raw in raws if any(r.glued for r in raw.rubrics)]
    if not glued:
        return None
    return Recovery(
        None,
        "fiches",
        "rubriques collées par des marqueurs ** lues comme"
        f" des rubriques séparées (fiches {', '.join(glued)})",
    )


def _bullets_note(raws: list[RawFiche]) -> Recovery | None:
    marks = sorted(
        {
            mark
            for raw in raws
            for rubric in raw.rubrics
            if rubric.field in (*LIST_FIELDS, *PEOPLE_FIELDS)
            for paragraph in rubric.paragraphs
            for mark in paragraph.bullet_marks()
        }
    )
    if not marks:
        return None
    return Recovery(
        None, "fiches", f"puces {join([f'« {m} »' for m in marks])} retirées des éléments de listes"
    )


def _discarded_note(cleaning: Cleaning) -> Recovery | None:
    if not cleaning.discarded:
        return None
    shown = join(
        [
            f"« {text} »" + (f" ({count} fois)" if count > 1 else "")
            for text, count in cleaning.discarded.items()
        ]
    )
    total = sum(cleaning.discarded.values())
    plural = "s" if total > 1 else ""
    return Recovery(
        None,
        "fiches",
        f"{total} ligne{plural} d'en-tête ou de pied de page écartée{plural} : {shown}",
    )
