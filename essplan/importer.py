"""Importer le texte d'une délibération (extrait de son PDF) en dossier de plan.

`parse_deliberation(texte)` lit le corps (séance, vote, vision, défis, critères) et l'annexe
(les fiches-actions), répare ce que l'extraction a cassé et note chaque valeur reprise ou
devinée (`Recovery`) ; `write_plan(…)` écrit plan.yaml, une fiche par fichier et une copie de
la source, chaque fichier atomiquement. `run_import(…)` enchaîne lecture, écriture et
contrôle (validate et lint) et rend le compte rendu à afficher. Rien n'est imprimé ici.

Le découpage du texte est dans `importer_text.py`, la lecture du corps dans
`importer_seance.py`, celle des fiches dans `importer_fiches.py`, l'écriture YAML dans
`importer_yaml.py`.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from .importer_fiches import (
    LIST_FIELDS, PEOPLE_FIELDS, RawFiche, fiche_values, learn_profile, place_orphans,
    read_fiche, recover_title, resolve_numbers,
)
from .importer_recover import recover_cost, recover_links
from .importer_seance import Body, read_body
from .importer_text import (
    Cleaning, Recovery, annex_lines, clean_annex, clean_body, fiche_blocks, running_headers,
    split_body_and_annex,
)
from .importer_yaml import dump, fiche_for_yaml, plan_for_yaml
from .models import FICHE_KEYS, PLAN_KEYS, Deliberation, Vote

__all__ = ["ImportFailure", "ImportedPlan", "PlanFolderExists", "Recovery", "parse_deliberation",
           "write_plan", "run_import"]

STDIN_SUFFIX = "deliberation.txt"  # la copie de l'entrée standard : <plan>-deliberation.txt


class ImportFailure(Exception):
    """Entrée inutilisable (vide, binaire, sans fiche…) : message en français, code de sortie 1."""


class PlanFolderExists(ImportFailure):
    """Le dossier du plan existe déjà et `--force` n'est pas donné."""


@dataclass(slots=True)
class ImportedPlan:
    """Le plan importé : des dictionnaires dans l'ordre du format, et les reprises faites."""

    plan: dict
    fiches: list[dict]
    recoveries: list[Recovery] = field(default_factory=list)
    source_text: str = ""


# ---------------------------------------------------------------------------- la lecture


def decode_source(raw: bytes, limit: int) -> str:
    """Les octets de la source en texte ; UTF-8 seulement, sinon un message qui dit quoi faire."""
    from .yamlfile import decode

    if len(raw) > limit:
        raise ImportFailure(f"texte trop gros ({len(raw)} octets, limite {limit}) : une délibération"
                            " et son annexe tiennent en quelques centaines de kilo-octets")
    problems: list[str] = []
    # pdftotext sépare les pages par un saut de page (U+000C) : c'est du texte, pas un binaire.
    text = decode(raw.replace(b"\x0c", b"\n"),
                  lambda message, line=1, column=1: problems.append(_where(line, column) + message))
    if text is None:
        raise ImportFailure(_about_text(problems[0]))
    return raw.decode("utf-8-sig")  # avec ses sauts de page : la copie dans sources/ est fidèle


def _where(line: int, column: int) -> str:
    return f"ligne {line}, colonne {column} : " if (line, column) != (1, 1) else ""


def _about_text(message: str) -> str:
    """Les messages de `decode` parlent de fichiers YAML ; ici, la source est un texte."""
    return (message.replace("ce n'est pas un fichier YAML", "ce n'est pas un texte")
            .replace("fichier.yaml", "deliberation.txt"))


def parse_deliberation(text: str) -> ImportedPlan:
    """Lit le texte d'une délibération ; lève `ImportFailure` s'il n'y a rien à importer."""
    if not text.strip():
        raise ImportFailure("le texte est vide : rien à importer (le PDF a-t-il une couche"
                            " texte ? essayez « pdftotext délibération.pdf »)")
    cleaning = Cleaning()
    body_lines, annex_raw = split_body_and_annex(text)
    # L'en-tête courant précède chaque fiche, la première comprise (à la fin du corps).
    running = running_headers(annex_lines(body_lines + annex_raw))
    body = read_body(clean_body(body_lines, running, cleaning))
    blocks = fiche_blocks(clean_annex(annex_raw, running, cleaning))
    if not blocks:
        raise ImportFailure("aucune fiche-action trouvée : le texte n'a ni marque « FICHE ACTION »"
                            " ni ligne « Défi N°1/ Act N°1 »")
    raws = _read_fiches(blocks, body)
    fiche_notes: list[Recovery] = []
    fiches = [_build_fiche(raw, body, raws, fiche_notes) for raw in raws if raw.number]
    if not fiches:
        raise ImportFailure("aucune fiche-action numérotée : aucune fiche n'a de ligne"
                            " « Défi N°x/ Act N°y » ni d'intitulé de défi reconnaissable")
    plan_notes = [*body.notes, *(_unnumbered_note(raw) for raw in raws if raw.number is None),
                  *_cleaning_notes(cleaning, raws)]
    plan = _build_plan(body, raws, plan_notes)
    return ImportedPlan(plan, fiches, plan_notes + fiche_notes, text)


def _unnumbered_note(raw: RawFiche) -> Recovery:
    title = fiche_values(raw).get("titre")
    named = f" (« {title} »)" if title else ""
    return Recovery(None, "fiches", f"fiche n°{raw.position} de l'annexe{named} non importée :"
                    f" {raw.unnumbered}")


def _axe_word(body: Body) -> str:
    return body.plan.get("libelle_axe", "axe").lower()


def _read_fiches(blocks, body: Body) -> list[RawFiche]:
    raws = [read_fiche(block, position) for position, block in enumerate(blocks, 1)]
    profile = learn_profile(raws)
    for raw in raws:
        if raw.orphans():
            place_orphans(raw, profile)
    resolve_numbers(raws, body.actions, body.plan.get("axes", []), _axe_word(body))
    _drop_repeated_numbers(raws)
    return raws


def _drop_repeated_numbers(raws: list[RawFiche]) -> None:
    """Deux fiches du même numéro s'écriraient dans le même fichier : seule la première reste."""
    seen: dict[str, int] = {}
    for raw in raws:
        if raw.id in seen:
            raw.unnumbered = f"son numéro {raw.id} est déjà celui de la fiche n°{seen[raw.id]}"
            raw.number = None
        elif raw.id:
            seen[raw.id] = raw.position


def _build_fiche(raw: RawFiche, body: Body, raws: list[RawFiche], notes: list[Recovery]) -> dict:
    values = fiche_values(raw, record=True)
    data = {"id": raw.id, "axe": raw.number[0]}
    titre = values.get("titre") or recover_title(raw, body.actions, _axe_word(body))
    if titre:
        data["titre"] = titre
    data.update((key, value) for key, value in values.items() if key not in ("defi", "titre"))
    if "cout" in data:
        data["cout"] = recover_cost(data["cout"], values.get("remarques", ""), raw)
    links = recover_links(values.get("remarques", ""), raw, {r.id for r in raws if r.id})
    if links:
        data["liens"] = links
    fiche_notes = sorted(raw.notes, key=lambda note: _field_rank(note[0]))
    if fiche_notes:
        remarks = [values["remarques"]] if values.get("remarques") else []
        data["remarques"] = "\n".join(remarks + [f"[import] {text}" for _, text in fiche_notes])
    notes.extend(Recovery(raw.id, name, text) for name, text in fiche_notes)
    return _in_order(data, FICHE_KEYS)


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
        deliberation = _in_order(plan["deliberation"], tuple(Deliberation.model_fields))
        if "vote" in deliberation:
            deliberation["vote"] = _in_order(deliberation["vote"], tuple(Vote.model_fields))
        plan["deliberation"] = deliberation
    if notes:
        plan["remarques"] = "\n".join(f"[import] {note.explanation}" for note in notes)
    return _in_order(plan, PLAN_KEYS)


def _complete_axes(plan: dict, raws: list[RawFiche], notes: list[Recovery]) -> None:
    """Un axe que le corps ne déclare pas prend l'intitulé de défi de ses fiches."""
    axes = plan.setdefault("axes", [])
    declared = {axe["code"] for axe in axes}
    for raw in raws:
        defi = fiche_values(raw).get("defi") if raw.number else None
        if raw.number and raw.number[0] not in declared and defi:
            axes.append({"code": raw.number[0], "titre": defi})
            declared.add(raw.number[0])
            notes.append(Recovery(None, "axes", f"axe {raw.number[0]} repris de la ligne"
                                  f" « {defi} » de la fiche {raw.id} : le corps ne le déclare pas"))
    axes.sort(key=lambda axe: axe["code"])
    if not axes:
        del plan["axes"]


def _cleaning_notes(cleaning: Cleaning, raws: list[RawFiche]) -> list[Recovery]:
    from .french import join

    notes = []
    glued = [raw.id or f"n°{raw.position}" for raw in raws if any(r.glued for r in raw.rubrics)]
    if glued:
        notes.append(Recovery(None, "fiches", "rubriques collées par des marqueurs ** lues comme"
                              f" des rubriques séparées (fiches {', '.join(glued)})"))
    marks = sorted({mark for raw in raws for r in raw.rubrics
                    if r.field in (*LIST_FIELDS, *PEOPLE_FIELDS)
                    for p in r.paragraphs for mark in p.bullet_marks()})
    if marks:
        notes.append(Recovery(None, "fiches", f"puces {join([f'« {m} »' for m in marks])}"
                              " retirées des éléments de listes"))
    if cleaning.discarded:
        shown = join([f"« {text} »" + (f" ({count} fois)" if count > 1 else "")
                      for text, count in cleaning.discarded.items()])
        total = sum(cleaning.discarded.values())
        notes.append(Recovery(None, "fiches", f"{total} ligne{'s' if total > 1 else ''} d'en-tête"
                              f" ou de pied de page écartée{'s' if total > 1 else ''} : {shown}"))
    return notes


def _in_order(data: dict, keys: tuple[str, ...]) -> dict:
    """`data` dans l'ordre du format ; une clé hors du format (il n'y en a pas) irait à la fin."""
    return {**{key: data[key] for key in keys if key in data},
            **{key: value for key, value in data.items() if key not in keys}}


# ---------------------------------------------------------------------------- l'écriture


def source_file_name(source: str, plan_id: str) -> str:
    """Le nom de la copie dans sources/ : celui du fichier, ou <plan>-deliberation.txt pour « - »."""
    name = Path(source).name if source != "-" else ""
    return name or f"{plan_id}-{STDIN_SUFFIX}"


def planned_files(imported: ImportedPlan, folder: Path, source_name: str) -> list[tuple[Path, str]]:
    """Les fichiers à écrire : plan.yaml, une fiche par fichier, la copie de la source."""
    plan = dict(imported.plan)
    source = {"fichier": f"sources/{source_name}"}
    sources = [dict(entry) for entry in plan.get("sources", [])] or [
        {"titre": "Texte de la délibération (extrait du PDF)"}]
    sources[0] = _in_order({**sources[0], **source}, ("titre", "fichier", "date"))
    plan["sources"] = sources
    files = [(folder / "plan.yaml", dump(plan_for_yaml(_in_order(plan, PLAN_KEYS)), source_name))]
    files += [(folder / "fiches" / f"{fiche['id']}.yaml", dump(fiche_for_yaml(fiche), source_name))
              for fiche in imported.fiches]
    files.append((folder / "sources" / source_name, imported.source_text))
    return files


def stale_fiches(folder: Path, files: list[tuple[Path, str]]) -> list[Path]:
    """Les fiches d'un dossier remplacé (`--force`) que l'import ne réécrit pas."""
    written = {path for path, _ in files}
    fiches = folder / "fiches"
    if not fiches.is_dir():
        return []
    return sorted(p for p in fiches.iterdir() if p.suffix in (".yaml", ".yml") and p not in written)


def write_plan(imported: ImportedPlan, folder: Path, source_name: str, force: bool = False,
               dry_run: bool = False) -> list[tuple[Path, str]]:
    """Écrit le plan dans `folder`, fichier par fichier, atomiquement ; rend ce qui est écrit.

    Un dossier existant n'est remplacé qu'avec `force` : ses fiches que l'import ne réécrit pas
    sont retirées (elles feraient partie du plan), ses autres fichiers restent.
    """
    from .atomic import write_atomic
    from .repository import shown

    files = planned_files(imported, folder, source_name)
    if folder.exists() and not force:
        raise PlanFolderExists(f"le dossier {shown(folder, Path.cwd())} existe déjà : rien n'est"
                               " écrit (--force pour le remplacer)")
    if dry_run:
        return files
    stale = stale_fiches(folder, files)
    try:
        for path, text in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        for path in stale:
            path.unlink()
    except OSError as error:
        raise ImportFailure(f"impossible d'écrire dans {shown(folder, Path.cwd())} :"
                            f" {error.strerror or error}") from None
    return files


# ------------------------------------------------------------- lire, écrire, contrôler


def read_source(source: str, stdin: TextIO | BinaryIO) -> bytes:
    """Les octets de SOURCE (« - » : l'entrée standard) ; un chemin absent est une erreur d'usage."""
    from .repository import UsageError

    if source == "-":
        data = getattr(stdin, "buffer", stdin).read()
        return data.encode("utf-8") if isinstance(data, str) else data
    path = Path(source)
    if not path.exists():
        raise UsageError(f"fichier source introuvable : « {source} »")
    if not path.is_file():
        raise UsageError(f"« {source} » n'est pas un fichier")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{source} : lecture impossible ({error.strerror})") from None


@dataclass(slots=True)
class ImportRun:
    """Ce que `essplan import` a fait, pour le compte rendu."""

    files: list[tuple[Path, str]]
    stale: list[Path]
    recoveries: list[Recovery]
    diagnostics: list
    fiche_files: int
    dry_run: bool


def run_import(source: str, plan_id: str, into: Path | None, stdin: TextIO | BinaryIO,
               force: bool = False, dry_run: bool = False) -> ImportRun:
    """Lit SOURCE, écrit (ou simule) le plan `into/plan_id`, puis le valide et le contrôle."""
    from .config import load_config
    from .loader import PLAN_ID
    from .repository import UsageError, find_root
    from .yamlfile import Limits

    if not PLAN_ID.fullmatch(plan_id):
        raise UsageError(f"identifiant de plan invalide « {plan_id} » : lettres minuscules sans"
                         " accent, chiffres et tirets (par exemple « clermont-2016 »)")
    cwd = Path.cwd()
    into = Path(into) if into is not None else (find_root(cwd) or cwd) / "plans"
    folder = into / plan_id
    config = load_config(into.absolute().parent)
    raw = read_source(source, stdin)
    try:
        imported = parse_deliberation(decode_source(raw, Limits().max_file_bytes))
    except ImportFailure as error:
        shown_source = "entrée standard" if source == "-" else source
        raise ImportFailure(f"{shown_source} : {error}") from None
    name = source_file_name(source, plan_id)
    stale = stale_fiches(folder, planned_files(imported, folder, name)) if force else []
    files = write_plan(imported, folder, name, force=force, dry_run=dry_run)
    diagnostics, fiche_files = _check(files, folder, config, dry_run)
    return ImportRun(files, stale, imported.recoveries, diagnostics, fiche_files, dry_run)


def _check(files: list[tuple[Path, str]], folder: Path, config, dry_run: bool):
    """Valide et contrôle le plan écrit ; à blanc, une copie dans un dossier temporaire."""
    from .atomic import write_atomic
    from .lint import lint_plan, reference_month
    from .repository import PlanTarget, shown

    display = shown(folder.absolute(), Path.cwd())
    if not dry_run:
        target = PlanTarget(folder.absolute(), display, folder.absolute().parent.parent)
        result = lint_plan(target, config, reference_month(None))
        return result.diagnostics, result.loaded.fiche_files
    with tempfile.TemporaryDirectory(prefix="essplan-import-") as temporary:
        copy = Path(temporary) / "plans" / folder.name
        for path, text in files:
            (copy / path.relative_to(folder)).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(copy / path.relative_to(folder), text)
        target = PlanTarget(copy, display, Path(temporary))
        result = lint_plan(target, config, reference_month(None))
        return result.diagnostics, result.loaded.fiche_files


def format_run(run: ImportRun) -> str:
    """Le compte rendu : fichiers, reprises à relire, constats de validate et lint."""
    from .reporters import ConciseReporter, summary_line
    from .repository import shown

    cwd = Path.cwd()
    lines = ["Fichiers qui seraient écrits (--dry-run : rien n'est écrit) :" if run.dry_run
             else "Fichiers écrits :"]
    lines += [f"  {shown(path.absolute(), cwd)}" for path, _ in run.files]
    lines += [f"  {shown(path.absolute(), cwd)} (retiré : l'import n'a pas cette fiche)"
              for path in run.stale]
    if run.dry_run:
        lines += _file_contents(run.files, cwd)
    lines.append("")
    lines.append(f"Reprises de l'import, à relire ({len(run.recoveries)}) :" if run.recoveries
                 else "Reprises de l'import : aucune")
    lines += [f"  {'fiche ' + note.fiche if note.fiche else 'plan'} : {note.explanation}"
              for note in run.recoveries]
    lines += ["", "Contrôle du plan importé (validate et lint) :"]
    counts = Counter(d.severity for d in run.diagnostics)
    files = len({d.file for d in run.diagnostics})
    text = "\n".join(lines) + "\n" + ConciseReporter(cwd).plan(run.diagnostics)
    return text + summary_line(1, run.fiche_files, dict(counts), files) + "\n"


def _file_contents(files: list[tuple[Path, str]], cwd: Path) -> list[str]:
    from .repository import shown

    lines = []
    for path, text in files:
        lines.append("")
        if path.suffix == ".yaml":
            lines.append(f"--- {shown(path.absolute(), cwd)}")
            lines.append(text.rstrip("\n"))
        else:
            lines.append(f"--- {shown(path.absolute(), cwd)} : copie de la source"
                         f" ({text.count(chr(10)) + 1} lignes)")
    return lines
