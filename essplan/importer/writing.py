"""Écrire le plan importé (plan.yaml, une fiche par fichier, une copie de la source), d'un
seul coup (un dossier construit à côté, puis échangé : voir `replace.py`), puis le contrôler
(validate et lint) ; à blanc (`--dry-run`), sur une copie dans un dossier temporaire. Rien
n'est imprimé ici : la ligne de commande met en forme ce que rend `run_import`.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from ..config import Config
from ..diagnostics import Diagnostic
from ..french import os_error
from ..lint.engine import lint_plan
from ..model.months import Month
from ..model.plan import PLAN_KEYS
from ..repository import PlanTarget, find_root, shown
from ..validation.loader import check_plan_id
from .deliberation import (
    ImportedPlan,
    ImportFailure,
    PlanFolderExists,
    parse_deliberation,
)
from .formats import copy_name, extract
from .replace import existing_files, plans_lock, recover_interrupted, replace_folder
from .source import read_source
from .summary import FicheSummary, summarize
from .text import Recovery
from .yaml_writer import dump, fiche_for_yaml, in_format_order, plan_for_yaml

STDIN_SUFFIX = "deliberation.txt"  # la copie de l'entrée standard : <plan>-deliberation.txt


def source_file_name(source: str, plan_id: str) -> str:
    """Le nom de la copie dans sources/ : celui du fichier, ou <plan>-deliberation.txt pour
    « - »."""
    name = Path(source).name if source != "-" else ""
    return name or f"{plan_id}-{STDIN_SUFFIX}"


def planned_files(imported: ImportedPlan, folder: Path, source_name: str) -> list[tuple[Path, str]]:
    """Les fichiers à écrire : plan.yaml, une fiche par fichier, la copie de la source."""
    plan = dict(imported.plan)
    source = {"fichier": f"sources/{source_name}"}
    sources = [dict(entry) for entry in plan.get("sources", [])] or [
        {"titre": "Texte de la délibération (extrait du PDF)"}
    ]
    sources[0] = in_format_order({**sources[0], **source}, ("titre", "fichier", "date"))
    plan["sources"] = sources
    files = [
        (folder / "plan.yaml", dump(plan_for_yaml(in_format_order(plan, PLAN_KEYS)), source_name))
    ]
    files += [
        (folder / "fiches" / f"{fiche['id']}.yaml", dump(fiche_for_yaml(fiche), source_name))
        for fiche in imported.fiches
    ]
    files.append((folder / "sources" / source_name, imported.source_text))
    return files


def stale_fiches(folder: Path, files: list[tuple[Path, str]], old: list[Path] | None) -> list[Path]:
    """Les fiches d'un dossier remplacé (`--force`) que l'import ne réécrit pas : elles feraient
    partie du plan, elles sont retirées."""
    written = {path for path, _ in files}
    return sorted(
        folder / relative
        for relative in old or []
        if relative.parent == Path("fiches")
        and relative.suffix in (".yaml", ".yml")
        and folder / relative not in written
    )


def old_files(folder: Path, force: bool, cwd: Path) -> list[Path] | None:
    """Les fichiers du dossier que l'import remplacera (None : il n'existe pas) ; sans
    `force`, un dossier existant arrête tout."""
    if os.path.lexists(folder) and not force:
        raise PlanFolderExists(
            f"le dossier {shown(folder, cwd)} existe déjà : rien n'est"
            " écrit (--force pour le remplacer)"
        )
    return existing_files(folder, cwd)


def write_plan(files: list[tuple[Path, str]], folder: Path, force: bool, cwd: Path) -> list[Path]:
    """Écrit le plan dans `folder` d'un seul coup, sous le verrou de `plans_lock` ; rend les
    fiches retirées. Un dossier existant n'est remplacé qu'avec `force` : ses fiches que
    l'import ne réécrit pas sont retirées, ses autres fichiers restent."""
    old = old_files(folder, force, cwd)
    stale = stale_fiches(folder, files, old)
    replace_folder(folder, files, old, {path.relative_to(folder) for path in stale})
    return stale


@contextmanager
def _writing(folder: Path, cwd: Path) -> Iterator[None]:
    """Une erreur du système, en français, avec le dossier du plan qu'on écrivait."""
    try:
        yield
    except OSError as error:
        raise ImportFailure(
            f"impossible d'écrire dans {shown(folder, cwd)} : {os_error(error)}"
        ) from None


@dataclass(slots=True)
class ImportRun:
    """Ce que `essplan import` a fait, pour le compte rendu."""

    files: list[tuple[Path, str]]
    stale: list[Path]
    recoveries: list[Recovery]
    diagnostics: list[Diagnostic]
    fiche_files: int
    dry_run: bool
    layout: str = ""  # la mise en page reconnue
    summary: list[FicheSummary] = field(default_factory=list)  # les rubriques de chaque fiche


def import_target(plan_id: str, into: Path | None, cwd: Path) -> PlanTarget:
    """Le plan que l'import écrira : `into/plan_id`, par défaut dans `plans/` du dépôt de `cwd` ;
    son dépôt est celui dont la configuration s'applique. `UsageError` pour un identifiant
    invalide."""
    check_plan_id(plan_id)
    plans = Path(into) if into is not None else (find_root(cwd) or cwd) / "plans"
    folder = (cwd / plans / plan_id).absolute()
    return PlanTarget(folder, shown(folder, cwd), folder.parent.parent)


@contextmanager
def cycle_collection_suspended() -> Iterator[None]:
    """Le ramasse-miettes des cycles de Python suspendu le temps d'un import : ses milliers de
    fiches (lues, écrites, relues pour le contrôle) sont autant d'objets qu'il reparcourait à
    chaque passage, un quart de la durée pour 11 487 fiches. La mémoire reste bornée par la
    source (5 Mio au plus) : le comptage des références libère toujours ce que plus rien ne
    tient, et le ramasse-miettes reprend à la sortie, même sur une erreur."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cycle_collection_suspended()
def run_import(
    source: str,
    target: PlanTarget,
    stdin: TextIO | BinaryIO,
    config: Config,
    reference: Month | None,
    cwd: Path,
    force: bool = False,
    dry_run: bool = False,
    notice: Callable[[str], None] = lambda note: None,
) -> ImportRun:
    """Lit SOURCE, écrit (ou simule) le plan `target`, puis le valide et le contrôle. Ce que
    la reprise d'un import arrêté net a fait est donné à `notice`, aussitôt fait."""
    imported, kind = _read(source, stdin, config.limits.max_file_bytes)
    folder = target.folder
    files = planned_files(imported, folder, copy_name(source_file_name(source, folder.name), kind))
    with _writing(folder, cwd):
        # Un lien ou un dossier existant sans --force est refusé avant d'écrire quoi que ce soit
        # (même le verrou), puis encore une fois sous le verrou.
        stale = stale_fiches(folder, files, old_files(folder, force, cwd))
        if dry_run:
            diagnostics, fiche_files = _check(files, target, config, reference, dry_run)
        else:
            # Le contrôle aussi, sous le verrou : un autre import n'échange pas le dossier
            # pendant qu'on le lit.
            with plans_lock(folder.parent, cwd):
                for note in recover_interrupted(folder.parent, cwd):
                    notice(note)
                stale = write_plan(files, folder, force, cwd)
                diagnostics, fiche_files = _check(files, target, config, reference, dry_run)
    return ImportRun(
        files,
        stale,
        imported.recoveries,
        diagnostics,
        fiche_files,
        dry_run,
        imported.layout,
        summarize(imported.fiches),
    )


def _read(source: str, stdin: TextIO | BinaryIO, limit: int) -> tuple[ImportedPlan, str]:
    """Le plan lu dans SOURCE, et le genre de la source (texte, PDF, Word, OpenDocument)."""
    try:
        extracted = extract(read_source(source, stdin, limit), source, limit)
        imported = parse_deliberation(extracted.text)
        if extracted.mismatch:
            imported.recoveries.insert(0, extracted.mismatch)
        return imported, extracted.kind
    except ImportFailure as error:
        shown_source = "entrée standard" if source == "-" else source
        raise ImportFailure(f"{shown_source} : {error}") from None


def _check(
    files: list[tuple[Path, str]],
    target: PlanTarget,
    config: Config,
    reference: Month | None,
    dry_run: bool,
) -> tuple[list[Diagnostic], int]:
    """Valide et contrôle le plan écrit ; à blanc, une copie dans un dossier temporaire."""
    if not dry_run:
        result = lint_plan(target, config, reference)
        return result.diagnostics, result.loaded.fiche_files
    scratch = scratch_folder(sum(len(text) for _, text in files), len(files))
    with tempfile.TemporaryDirectory(prefix="essplan-import-", dir=scratch) as temporary:
        copy = Path(temporary) / "plans" / target.folder.name
        _write_copy(copy, [(copy / path.relative_to(target.folder), text) for path, text in files])
        result = lint_plan(PlanTarget(copy, target.display, Path(temporary)), config, reference)
        return result.diagnostics, result.loaded.fiche_files


IN_MEMORY = Path("/dev/shm")  # le système de fichiers en mémoire de Linux (tmpfs)


def scratch_folder(characters: int, count: int) -> Path | None:
    """Où écrire la copie à blanc : en mémoire (`/dev/shm`) s'il existe, qu'on peut y écrire et
    qu'il y reste quatre fois la place qu'elle prendra (une page par fichier au moins), sinon
    (None) le dossier temporaire du système. Sur le disque, créer et retirer 11 000 fichiers
    coûte de 0,5 à 3 s selon ce que font les autres programmes ; en mémoire, une demi-seconde."""
    needed = 4 * (4 * characters + 4096 * count)  # 4 octets par caractère au plus en UTF-8
    try:
        free = os.statvfs(IN_MEMORY)
    except OSError:  # pas de /dev/shm (macOS, un conteneur qui n'en a pas)
        return None
    room = free.f_bavail * free.f_frsize
    return IN_MEMORY if room > needed and os.access(IN_MEMORY, os.W_OK | os.X_OK) else None


def _write_copy(copy: Path, files: list[tuple[Path, str]]) -> None:
    """La copie d'un import à blanc : jetée aussitôt contrôlée, elle n'est pas forcée sur le
    disque (ni `fsync`, ni fichier temporaire renommé)."""
    for folder in sorted({path.parent for path, _ in files}):
        folder.mkdir(parents=True, exist_ok=True)
    for path, text in files:
        with open(path, "xb") as stream:
            stream.write(text.encode("utf-8"))
