"""Écrire le plan importé (plan.yaml, une fiche par fichier, une copie de la source), chaque
fichier atomiquement, puis le contrôler (validate et lint) ; à blanc (`--dry-run`), sur une
copie dans un dossier temporaire. Rien n'est imprimé ici : la ligne de commande met en forme
ce que rend `run_import`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from ..atomic import write_atomic
from ..config import Config
from ..diagnostics import Diagnostic
from ..lint.engine import lint_plan
from ..model.months import Month
from ..model.plan import PLAN_KEYS
from ..reading.document import Limits
from ..repository import PlanTarget, UsageError, find_root, shown
from ..validation.loader import PLAN_ID
from .deliberation import (
    ImportedPlan,
    ImportFailure,
    PlanFolderExists,
    decode_source,
    parse_deliberation,
)
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


def stale_fiches(folder: Path, files: list[tuple[Path, str]]) -> list[Path]:
    """Les fiches d'un dossier remplacé (`--force`) que l'import ne réécrit pas."""
    written = {path for path, _ in files}
    fiches = folder / "fiches"
    if not fiches.is_dir():
        return []
    return sorted(p for p in fiches.iterdir() if p.suffix in (".yaml", ".yml") and p not in written)


def write_plan(
    imported: ImportedPlan,
    folder: Path,
    source_name: str,
    cwd: Path,
    force: bool = False,
    dry_run: bool = False,
) -> list[tuple[Path, str]]:
    """Écrit le plan dans `folder`, fichier par fichier, atomiquement ; rend ce qui est écrit.

    Un dossier existant n'est remplacé qu'avec `force` : ses fiches que l'import ne réécrit pas
    sont retirées (elles feraient partie du plan), ses autres fichiers restent.
    """
    files = planned_files(imported, folder, source_name)
    if folder.exists() and not force:
        raise PlanFolderExists(
            f"le dossier {shown(folder, cwd)} existe déjà : rien n'est"
            " écrit (--force pour le remplacer)"
        )
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
        raise ImportFailure(
            f"impossible d'écrire dans {shown(folder, cwd)} : {error.strerror or error}"
        ) from None
    return files


def read_source(source: str, stdin: TextIO | BinaryIO) -> bytes:
    """Les octets de SOURCE (« - » : l'entrée standard) ; un chemin absent est une erreur
    d'usage."""
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
    diagnostics: list[Diagnostic]
    fiche_files: int
    dry_run: bool


def import_target(plan_id: str, into: Path | None, cwd: Path) -> PlanTarget:
    """Le plan que l'import écrira : `into/plan_id`, par défaut dans `plans/` du dépôt de `cwd` ;
    son dépôt est celui dont la configuration s'applique. `UsageError` pour un identifiant
    invalide."""
    if not PLAN_ID.fullmatch(plan_id):
        raise UsageError(
            f"identifiant de plan invalide « {plan_id} » : lettres minuscules sans"
            " accent, chiffres et tirets (par exemple « clermont-2016 »)"
        )
    plans = Path(into) if into is not None else (find_root(cwd) or cwd) / "plans"
    folder = (cwd / plans / plan_id).absolute()
    return PlanTarget(folder, shown(folder, cwd), folder.parent.parent)


def run_import(
    source: str,
    target: PlanTarget,
    stdin: TextIO | BinaryIO,
    config: Config,
    reference: Month | None,
    cwd: Path,
    force: bool = False,
    dry_run: bool = False,
) -> ImportRun:
    """Lit SOURCE, écrit (ou simule) le plan `target`, puis le valide et le contrôle."""
    raw = read_source(source, stdin)
    try:
        imported = parse_deliberation(decode_source(raw, Limits().max_file_bytes))
    except ImportFailure as error:
        shown_source = "entrée standard" if source == "-" else source
        raise ImportFailure(f"{shown_source} : {error}") from None
    folder = target.folder
    name = source_file_name(source, folder.name)
    stale = stale_fiches(folder, planned_files(imported, folder, name)) if force else []
    files = write_plan(imported, folder, name, cwd, force=force, dry_run=dry_run)
    diagnostics, fiche_files = _check(files, target, config, reference, dry_run)
    return ImportRun(files, stale, imported.recoveries, diagnostics, fiche_files, dry_run)


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
    with tempfile.TemporaryDirectory(prefix="essplan-import-") as temporary:
        copy = Path(temporary) / "plans" / target.folder.name
        for path, text in files:
            written = copy / path.relative_to(target.folder)
            written.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(written, text)
        result = lint_plan(PlanTarget(copy, target.display, Path(temporary)), config, reference)
        return result.diagnostics, result.loaded.fiche_files
