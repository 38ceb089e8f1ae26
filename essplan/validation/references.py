"""Les références entre fichiers d'un plan : chaque fiche rattachée à un axe déclaré
(ESS006), des identifiants uniques (ESS007), des `liens`, `budget.lignes[].fiches` et
`sources[].fichier` qui mènent quelque part (ESS008).

Une fiche invalide n'entraîne pas d'erreur en cascade : un lien vers elle n'est pas cassé
(son propre fichier l'est déjà), et une fiche illisible peut être la cible de n'importe quel
lien.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..french import shortened
from ..reading.document import YamlDocument, is_within
from .loader import LoadedPlan

SHOWN = 20  # les axes que rappelle un ESS006, au plus


def _at(
    document: YamlDocument, path: tuple, code: str, message: str, suggestion: str | None = None
) -> Diagnostic:
    line, column, key_path = document.locate(path)
    return Diagnostic(code, message, document.file, line, column, key_path, suggestion=suggestion)


def check_references(loaded: LoadedPlan) -> list[Diagnostic]:
    axe_codes, problems = _axes(loaded)
    ids = _fiche_ids(loaded, axe_codes, problems)
    if loaded.unreadable_fiches:
        return problems  # une fiche illisible peut être la cible de n'importe quel lien
    known = ids.keys() | loaded.invalid_ids
    problems += _links(loaded, known)
    problems += _funded_fiches(loaded, known)
    problems += _sources(loaded)
    return problems


def _axes(loaded: LoadedPlan) -> tuple[dict[str, int], list[Diagnostic]]:
    """Code de chaque axe → son rang ; un code donné deux fois est ESS007."""
    codes: dict[str, int] = {}
    problems = []
    for index, axe in enumerate(loaded.plan.axes):
        code = str(axe.code)
        if code in codes:
            problems.append(
                _at(
                    loaded.plan_document,
                    ("axes", index, "code"),
                    "ESS007",
                    f"code d'axe « {code} » déjà utilisé (axes[{codes[code] + 1}])",
                )
            )
        codes.setdefault(code, index)
    return codes, problems


def _fiche_ids(
    loaded: LoadedPlan, axe_codes: dict[str, int], problems: list[Diagnostic]
) -> dict[str, str]:
    """Identifiant de chaque fiche → son fichier ; un doublon (ESS007), un axe inconnu
    (ESS006)."""
    ids: dict[str, str] = {}
    codes = list(axe_codes)
    # Le même rappel pour chaque fiche à l'axe inconnu, écrit une fois et borné : la sortie ne
    # grandit pas comme (fiches × axes).
    declared = "axes du plan : " + shortened(codes[:SHOWN], len(codes))
    for item in loaded.fiches:
        fiche = item.fiche
        if fiche.id in ids:
            problems.append(
                _at(
                    item.document,
                    ("id",),
                    "ESS007",
                    f"identifiant « {fiche.id} » déjà utilisé par {ids[fiche.id]}",
                )
            )
        else:
            ids[fiche.id] = item.document.file
        if str(fiche.axe) not in axe_codes:
            problems.append(
                _at(
                    item.document,
                    ("axe",),
                    "ESS006",
                    f"axe « {fiche.axe} » inconnu : plan.yaml ne le déclare pas",
                    suggestion=declared,
                )
            )
    return ids


def _links(loaded: LoadedPlan, known: set[str]) -> list[Diagnostic]:
    return [
        _at(
            item.document,
            ("liens", index),
            "ESS008",
            f"lien vers la fiche « {target} », qui n'existe pas dans ce plan",
        )
        for item in loaded.fiches
        for index, target in enumerate(item.fiche.liens or [])
        if target not in known
    ]


def _funded_fiches(loaded: LoadedPlan, known: set[str]) -> list[Diagnostic]:
    budget = loaded.plan.budget
    return [
        _at(
            loaded.plan_document,
            ("budget", "lignes", line_index, "fiches", index),
            "ESS008",
            f"la ligne « {line.libelle} » finance la fiche « {target} », qui n'existe pas",
        )
        for line_index, line in enumerate(budget.lignes if budget else [])
        for index, target in enumerate(line.fiches)
        if target not in known
    ]


def _sources(loaded: LoadedPlan) -> list[Diagnostic]:
    return [
        _at(
            loaded.plan_document,
            ("sources", index, "fichier"),
            "ESS008",
            f"fichier source « {source.fichier} » introuvable dans le dossier du plan",
        )
        for index, source in enumerate(loaded.plan.sources)
        if source.fichier and not _source_exists(loaded.folder, source.fichier)
    ]


def _source_exists(folder: Path, relative: str) -> bool:
    path = folder / relative
    return path.is_file() and is_within(path, folder)
