"""Charger un plan : plan.yaml et ses fiches, en modèles, avec l'origine de chaque valeur.

`load_plan(dossier)` lit tout ce qui peut l'être et rend un `LoadedPlan` : les modèles
valides, et un diagnostic positionné (fichier, ligne, colonne, chemin de clé) pour chaque
problème. Les erreurs de pydantic sont traduites en français par `messages.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..french import os_error
from ..model.fiche import Fiche
from ..model.plan import Plan
from ..reading.builder import read_yaml
from ..reading.document import Limits, YamlDocument, is_within
from .messages import build_model

PLAN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FICHE_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class LoadedFiche:
    fiche: Any  # Fiche
    document: YamlDocument


@dataclass(slots=True)
class LoadedPlan:
    """Un plan tel qu'il a pu être lu : `plan` est None si plan.yaml est invalide."""

    id: str
    folder: Path
    display: str  # le dossier tel qu'on l'affiche (relatif au dossier courant)
    plan: Any = None  # Plan
    document: YamlDocument | None = None
    fiches: list[LoadedFiche] = field(default_factory=list)
    fiche_files: int = 0  # fichiers de fiches trouvés, valides ou non
    # Fiches présentes mais invalides : leurs ids connus, et le nombre de fichiers illisibles.
    # Un lien vers elles n'est pas « cassé » : l'erreur est déjà signalée dans leur fichier.
    invalid_ids: set[str] = field(default_factory=set)
    unreadable_fiches: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _order: list[LoadedFiche] | None = None  # `in_plan_order`, triées une fois

    @property
    def plan_file(self) -> str:
        return f"{self.display}/plan.yaml"

    def blocking_errors(self) -> list[Diagnostic]:
        """Les erreurs qui rendent le plan inutilisable : ni budget ni rapport n'en partent."""
        return [d for d in self.diagnostics if d.severity >= Severity.ERROR]

    @property
    def plan_document(self) -> YamlDocument:
        """plan.yaml tel qu'il a été lu ; à ne demander qu'à un plan lisible (`plan` n'est pas
        None), comme le font les contrôles de références et les règles."""
        if self.document is None:
            raise ValueError(f"{self.plan_file} n'a pas pu être lu")
        return self.document

    @property
    def usable(self) -> bool:
        """Un plan dont plan.yaml se lit et qui n'a aucune erreur : la règle de `budget` et de
        `report`, une seule fois ici."""
        return self.plan is not None and not self.blocking_errors()

    def in_plan_order(self) -> list[LoadedFiche]:
        """Les fiches dans l'ordre du plan : ordre des axes, puis identifiants (2.9 avant 2.10).

        Le linter, le budget et les rapports la demandent plusieurs fois : triée une fois."""
        if self._order is None or len(self._order) != len(self.fiches):
            rank = (
                {str(axe.code): index for index, axe in enumerate(self.plan.axes)}
                if self.plan
                else {}
            )
            self._order = sorted(
                self.fiches,
                key=lambda item: (
                    rank.get(str(item.fiche.axe), len(rank)),
                    natural_key(item.fiche.id),
                ),
            )
        return list(self._order)


def load_plan(
    folder: Path, display: str, limits: Limits = Limits(), root: Path | None = None
) -> LoadedPlan:
    loaded = LoadedPlan(folder.name, folder, display)
    problems = loaded.diagnostics
    if not PLAN_ID.fullmatch(folder.name):
        problems.append(
            Diagnostic(
                "ESS010",
                f"nom de dossier de plan invalide « {folder.name} » : lettres minuscules sans"
                " accent, chiffres et tirets (par exemple « clermont-2016 »)",
                loaded.plan_file,
            )
        )
    plan_path = folder / "plan.yaml"
    if not plan_path.exists() and not plan_path.is_symlink():
        problems.append(
            Diagnostic(
                "ESS010",
                "plan.yaml manquant : chaque dossier de plans/ contient un plan.yaml"
                " (collectivite, titre, axes)",
                loaded.plan_file,
            )
        )
    else:
        loaded.document, loaded.plan = _load_model(
            plan_path, loaded.plan_file, Plan, limits, root or folder, problems
        )
    for path in _fiche_files(folder, display, problems):
        loaded.fiche_files += 1
        shown = f"{display}/fiches/{path.name}"
        document, fiche = _load_model(path, shown, Fiche, limits, root or folder, problems)
        if fiche is not None and document is not None:
            loaded.fiches.append(LoadedFiche(fiche, document))
        elif document is not None and isinstance(document.data, dict):
            loaded.invalid_ids.add(str(document.data.get("id")))
        else:
            loaded.unreadable_fiches += 1
    return loaded


def _fiche_files(folder: Path, display: str, problems: list[Diagnostic]) -> list[Path]:
    fiches = folder / "fiches"
    if not fiches.exists():
        return []
    if not fiches.is_dir():
        problems.append(
            Diagnostic(
                "ESS009",
                "« fiches » doit être un dossier (un fichier YAML par fiche)",
                f"{display}/fiches",
            )
        )
        return []
    try:
        entries = sorted(fiches.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as error:
        problems.append(
            Diagnostic("ESS009", f"dossier illisible : {os_error(error)}", f"{display}/fiches")
        )
        return []
    return [p for p in entries if p.suffix in FICHE_SUFFIXES and not p.name.startswith(".")]


def natural_key(text: str) -> tuple:
    """« 2.10 » après « 2.9 », « 10 » après « 9 ».

    Un groupe de chiffres se compare par sa longueur puis ses chiffres (sans zéros de tête) :
    c'est l'ordre des nombres, sans convertir en `int` (« ² » ou 5 000 chiffres le feraient
    échouer)."""
    return tuple(
        (len(part.lstrip("0")), part.lstrip("0")) if index % 2 else part
        for index, part in enumerate(_DIGITS.split(text))
    )


_DIGITS = re.compile(r"([0-9]+)")


def _load_model(
    path: Path, display: str, model: type, limits: Limits, root: Path, problems: list[Diagnostic]
) -> tuple[YamlDocument | None, Any]:
    if path.is_symlink() and not is_within(path, root):
        problems.append(
            Diagnostic(
                "ESS009",
                "lien symbolique vers un fichier hors du dépôt : refusé (un dépôt de plans doit"
                " se suffire à lui-même)",
                display,
            )
        )
        return None, None
    document, read_problems = read_yaml(path, display, limits)
    problems.extend(read_problems)
    if document is None:
        return None, None
    return document, build_model(model, document, problems)
