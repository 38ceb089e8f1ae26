"""Fusionner un classeur de collecte dans un plan : le relire, calculer les modifications,
réécrire les fiches, valider le résultat, et, avec `write`, l'écrire — tout sous le verrou de
`plans/`, pour qu'aucune autre écriture ne se glisse entre la lecture du plan et l'écriture.
Rien n'est imprimé ici : la ligne de commande met en forme ce que rend `merge_workbook`."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..locking import plans_lock
from ..model.months import Month
from ..reading.document import Limits
from ..repository import PlanTarget
from ..validation.validate import validate_plan
from .apply import leftovers, write_all
from .changes import FileChanges, compute_changes
from .read import Problem, read_workbook
from .rewrite import ApplyError, edited


@dataclass(slots=True)
class Merge:
    """Ce que la fusion a trouvé : le plan lu (`loaded`, None si le classeur est illisible),
    les modifications, les problèmes (alors rien n'est écrit), et si elles ont été écrites."""

    loaded: Any = None
    files: list[FileChanges] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    invalid: list[Diagnostic] = field(default_factory=list)  # le plan, une fois modifié
    written: bool = False


def merge_workbook(
    target: PlanTarget,
    data: bytes,
    name: str,
    today: Month,
    limits: Limits,
    cwd: Path,
    write: bool,
    year: int | None = None,
) -> Merge:
    """Fusionne le classeur `data` (nommé `name` dans les messages) dans le plan `target` ;
    `year`, quand il est donné, doit être l'année du classeur."""
    collected, problems = read_workbook(data, name)
    if collected is not None and year is not None and year != collected.year:
        problems.append(
            Problem(f"« {name} » collecte l'année {collected.year}, pas {year} : rien n'est lu")
        )
    if collected is None or problems:
        return Merge(problems=problems)
    if not write:
        return _merge(target, collected, name, today, limits, write)
    with plans_lock(target.folder.parent, cwd):
        for path in leftovers(target.folder):  # d'une fusion arrêtée net
            path.unlink(missing_ok=True)
        return _merge(target, collected, name, today, limits, write)


def _merge(
    target: PlanTarget, collected: Any, name: str, today: Month, limits: Limits, write: bool
) -> Merge:
    loaded = validate_plan(target, limits)
    if not loaded.usable:
        return Merge(loaded)
    files, problems = compute_changes(loaded, collected, today, name)
    result = Merge(loaded, files, problems)
    if problems or not files:
        return result
    texts = [(file.path, edited(file)) for file in files]
    result.invalid = validated(target, texts, limits)
    if write and not result.invalid:
        write_all(texts)
        result.written = True
    return result


def validated(target: PlanTarget, texts: list[tuple[Path, bytes]], limits: Limits) -> list:
    """Les erreurs du plan modifié (une copie, dans un dossier temporaire) : vide s'il est
    valide."""
    with tempfile.TemporaryDirectory(prefix="essplan-collect-") as temporary:
        copy = Path(temporary) / "plans" / target.folder.name
        # Tout le dossier (les sources aussi : plan.yaml y renvoie), sans les fichiers cachés.
        shutil.copytree(target.folder, copy, ignore=_hidden)
        for path, data in texts:
            (copy / "fiches" / path.name).write_bytes(data)
        checked = validate_plan(PlanTarget(copy, target.display, Path(temporary)), limits)
        return checked.blocking_errors()


def _hidden(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(".")]


__all__ = ["ApplyError", "Merge", "merge_workbook"]
