"""Trouver les plans : le dépôt (le dossier qui contient `plans/`) et les cibles d'une commande.

Une commande reçoit des identifiants de plan (`clermont-2016`) ou des chemins (un dépôt, le
dossier `plans/`, un dossier de plan, un fichier de plan ou de fiche) ; sans argument, elle
prend tous les plans du dépôt trouvé en remontant depuis le dossier courant.

Le dossier courant est un argument (`cwd`) : seule la ligne de commande le lit. Module de
base : il n'importe rien d'essplan.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Ce qu'on dit à qui lance essplan hors d'un dépôt de plans : comment commencer.
START = 'essplan init --collectivite "Nom de la collectivité" --plan mon-plan-ess'


class UsageError(Exception):
    """Erreur d'usage (plan inconnu, chemin absent) : code de sortie 2."""


@dataclass(frozen=True, slots=True)
class PlanTarget:
    folder: Path
    display: str  # tel qu'on l'affiche : relatif au dossier courant quand c'est possible
    root: Path  # le dépôt : un lien symbolique ne doit pas en sortir


def find_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "plans").is_dir():
            return folder
    return None


def shown(path: Path, cwd: Path) -> str:
    """Le chemin tel qu'on l'affiche : relatif à `cwd` s'il est dessous, lisible (`readable`)."""
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:
        return readable(str(path))
    return readable(str(path) if relative.startswith("..") else relative)


def readable(name: str) -> str:
    """Un nom du système de fichiers tel qu'on peut l'écrire : les octets qui ne sont pas de
    l'UTF-8, que `os.fsdecode` garde en « surrogates » (qu'aucune sortie UTF-8 n'accepte),
    deviennent « \ufffd ». C'est par ici qu'un chemin devient un texte affiché (`shown`, et le
    chargeur pour le nom d'un plan ou d'une fiche, qu'il signale s'il a changé)."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # un « surrogate » qui ne vient pas de os.fsdecode
        return name.encode("utf-8", "replace").decode("utf-8")


def plans_in(root: Path, cwd: Path) -> list[PlanTarget]:
    folders = sorted(
        p for p in (root / "plans").iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    return [PlanTarget(p, shown(p, cwd), root) for p in folders]


def resolve_targets(args: list[str], cwd: Path) -> list[PlanTarget]:
    """Les plans que désignent `args` (identifiants ou chemins, relatifs à `cwd`) ; sans
    argument, ceux du dépôt trouvé en remontant depuis `cwd`. `UsageError` sinon."""
    if not args:
        root = find_root(cwd)
        if root is None:
            raise UsageError(
                f"aucun dépôt de plans trouvé : pas de dossier plans/ dans {readable(str(cwd))}"
                " ni au-dessus ; donnez un identifiant de plan ou un chemin, ou créez un dépôt"
                f" ici : {START}"
            )
        return plans_in(root, cwd)
    targets: list[PlanTarget] = []
    for arg in args:
        for target in _resolve_one(arg, cwd):
            if target.folder not in {t.folder for t in targets}:
                targets.append(target)
    return targets


def _resolve_one(arg: str, cwd: Path) -> list[PlanTarget]:
    path = (cwd / arg) if not os.path.isabs(arg) else Path(arg)
    named = readable(arg)  # un argument venu de la ligne de commande peut ne pas être en UTF-8
    if path.is_dir():
        if (path / "plans").is_dir():
            return plans_in(path, cwd)
        if path.name == "plans":
            return plans_in(path.parent, cwd)
        if path.parent.name == "plans" or (path / "plan.yaml").exists():
            return [_plan_target(path, cwd)]
        raise UsageError(
            f"« {named} » n'est ni un dépôt de plans, ni un dossier de plan (pas de plan.yaml)"
        )
    if path.exists():
        if path.name == "plan.yaml":
            return [_plan_target(path.parent, cwd)]
        if path.parent.name == "fiches":
            return [_plan_target(path.parent.parent, cwd)]
        raise UsageError(
            f"« {named} » n'est ni un plan.yaml ni une fiche (fichier d'un dossier fiches/)"
        )
    root = find_root(cwd)
    if root is not None and "/" not in arg and (root / "plans" / arg).is_dir():
        return [_plan_target(root / "plans" / arg, cwd)]
    known = ", ".join(readable(t.folder.name) for t in plans_in(root, cwd)) if root else ""
    hint = f" ; plans connus : {known}" if known else ""
    raise UsageError(f"plan inconnu ou chemin inexistant : « {named} »{hint}")


def _plan_target(folder: Path, cwd: Path) -> PlanTarget:
    folder = Path(os.path.abspath(folder))
    root = folder.parent.parent if folder.parent.name == "plans" else folder
    return PlanTarget(folder, shown(folder, cwd), root)
