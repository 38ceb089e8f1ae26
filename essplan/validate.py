"""Valider des plans : schéma (via le chargement) puis références entre fichiers.

Références vérifiées : chaque fiche est rattachée à un axe déclaré (ESS006), identifiants
uniques dans un plan (ESS007), `liens`, `budget.lignes[].fiches` et `sources[].fichier`
mènent quelque part (ESS008).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity, format_key_path
from .loader import LoadedPlan, load_plan
from .repository import PlanTarget
from .yamlfile import Limits, YamlDocument, is_within


def validate_plan(target: PlanTarget, limits: Limits = Limits()) -> LoadedPlan:
    loaded = load_plan(target.folder, target.display, limits, target.root)
    if loaded.plan is not None:
        loaded.diagnostics.extend(check_references(loaded))
    loaded.diagnostics[:] = sorted(
        (d.with_plan(loaded.id) for d in loaded.diagnostics), key=Diagnostic.sort_key
    )
    return loaded


def validate(targets: Iterable[PlanTarget], limits: Limits = Limits()) -> Iterator[LoadedPlan]:
    """Un plan après l'autre : la mémoire reste celle d'un plan, quel que soit le corpus."""
    for target in targets:
        yield validate_plan(target, limits)


@dataclass(slots=True)
class Summary:
    """Les comptes d'une exécution, pour la ligne de résumé."""

    plans: int = 0
    fiches: int = 0
    counts: dict[Severity, int] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)

    def add(self, loaded: LoadedPlan, diagnostics: Iterable[Diagnostic]) -> None:
        self.plans += 1
        self.fiches += loaded.fiche_files
        for diagnostic in diagnostics:
            self.counts[diagnostic.severity] = self.counts.get(diagnostic.severity, 0) + 1
            self.files.add(diagnostic.file)


def _at(document: YamlDocument, path: tuple, code: str, message: str, suggestion: str | None = None) -> Diagnostic:
    line, column = document.position(path)
    return Diagnostic(code, message, document.file, line, column, format_key_path(path),
                      suggestion=suggestion)


def check_references(loaded: LoadedPlan) -> list[Diagnostic]:
    plan, document = loaded.plan, loaded.document
    problems: list[Diagnostic] = []

    axe_codes: dict[str, int] = {}
    for index, axe in enumerate(plan.axes):
        code = str(axe.code)
        if code in axe_codes:
            problems.append(_at(document, ("axes", index, "code"), "ESS007",
                                f"code d'axe « {code} » déjà utilisé (axes[{axe_codes[code] + 1}])"))
        axe_codes.setdefault(code, index)

    ids: dict[str, str] = {}
    for item in loaded.fiches:
        fiche = item.fiche
        if fiche.id in ids:
            problems.append(_at(item.document, ("id",), "ESS007",
                                f"identifiant « {fiche.id} » déjà utilisé par {ids[fiche.id]}"))
        else:
            ids[fiche.id] = item.document.file
        if str(fiche.axe) not in axe_codes:
            problems.append(_at(
                item.document, ("axe",), "ESS006",
                f"axe « {fiche.axe} » inconnu : plan.yaml ne le déclare pas",
                suggestion="axes du plan : " + ", ".join(axe_codes),
            ))

    if loaded.unreadable_fiches:
        return problems  # une fiche illisible peut être la cible de n'importe quel lien
    known = ids.keys() | loaded.invalid_ids
    for item in loaded.fiches:
        for index, target in enumerate(item.fiche.liens or []):
            if target not in known:
                problems.append(_at(item.document, ("liens", index), "ESS008",
                                    f"lien vers la fiche « {target} », qui n'existe pas dans ce plan"))
    if plan.budget:
        for line_index, line in enumerate(plan.budget.lignes):
            for index, target in enumerate(line.fiches):
                if target not in known:
                    problems.append(_at(
                        document, ("budget", "lignes", line_index, "fiches", index), "ESS008",
                        f"la ligne « {line.libelle} » finance la fiche « {target} », qui n'existe pas",
                    ))
    for index, source in enumerate(plan.sources):
        if source.fichier and not _source_exists(loaded.folder, source.fichier):
            problems.append(_at(document, ("sources", index, "fichier"), "ESS008",
                                f"fichier source « {source.fichier} » introuvable dans le dossier du plan"))
    return problems


def _source_exists(folder: Path, relative: str) -> bool:
    path = folder / relative
    return path.is_file() and is_within(path, folder)
