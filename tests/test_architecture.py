"""La maison : un dossier par notion, des imports qui descendent, pas de cycle, des modules et
des fonctions courts. Ce que CONTRIBUTING.md dessine, vérifié sur le code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "essplan"

# Les couches, de la plus haute à la plus basse : un module n'importe que plus bas que lui, ou
# dans son propre dossier. Les modules de base (couche 0) s'importent entre eux, sans cycle.
LAYERS = {
    "__main__": 8,
    "cli": 7,
    "documents": 6,
    "collect": 6,
    "exchange": 6,
    "importer": 6,
    "output": 6,
    "scaffold": 6,
    "lint": 5,
    "suivi": 4,
    "budget": 3,
    "validation": 2,
    "config": 2,
    "model": 1,
    "reading": 1,
    "diagnostics": 0,
    "french": 0,
    "repository": 0,
    "atomic": 0,
    "destination": 0,
    "cells": 0,
    "locking": 0,
    "french_csv": 0,
}
LONGEST_MODULE = 400
LONGEST_FUNCTION = 40
# La boucle des événements de libyaml : une seule fonction, à plat, pour la vitesse (voir son
# docstring et benchmarks/results.md).
LONG_ON_PURPOSE = {"essplan.reading.builder._Builder.build"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports_of(name: str, path: Path) -> set[str]:
    """Les modules d'essplan que `name` importe, à tout niveau (fonctions comprises), hors des
    blocs `if TYPE_CHECKING:` (des types pour le vérificateur, pas des imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for n in ast.walk(node)
    }
    known = modules()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module.startswith("essplan.") and module in known}


def top(module: str) -> str:
    return module.split(".")[1]


def graph() -> dict[str, set[str]]:
    return {name: imports_of(name, path) for name, path in modules().items()}


def test_every_module_has_a_layer():
    assert {top(name) for name in modules() if name != "essplan"} <= set(LAYERS)


def test_imports_only_go_down():
    upward = []
    for module, imported in graph().items():
        if module == "essplan":
            continue
        for target in imported:
            same_folder = top(module) == top(target)
            base = LAYERS[top(module)] == LAYERS[top(target)] == 0
            if not (same_folder or base or LAYERS[top(target)] < LAYERS[top(module)]):
                upward.append(f"{module} → {target}")
    assert upward == []


def test_no_import_cycle():
    edges = graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "ouvert"
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "ouvert":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "fermé"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_are_short(name):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST_MODULE, f"{name} : {lines} lignes"


def test_functions_are_short():
    long = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for parent in ast.walk(tree):
            for node in ast.iter_child_nodes(parent):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    owner = f"{parent.name}." if isinstance(parent, ast.ClassDef) else ""
                    qualified = f"{name}.{owner}{node.name}"
                    length = node.end_lineno - node.lineno + 1
                    if length > LONGEST_FUNCTION and qualified not in LONG_ON_PURPOSE:
                        long.append(f"{qualified} : {length} lignes")
    assert long == []


def test_the_rule_api_does_not_import_the_engine():
    assert imports_of("essplan.lint.rule", modules()["essplan.lint.rule"]).isdisjoint(
        {"essplan.lint.engine", "essplan.lint.rules", "essplan.lint.catalogue"}
    )


def test_only_the_cli_reads_the_working_directory_and_the_environment():
    readers = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if not name.startswith("essplan.cli") and any(
            call in text for call in ("Path.cwd()", "os.getcwd()", "os.environ", "getenv(")
        ):
            readers.append(name)
    assert readers == []


def test_no_two_files_differ_only_by_case():
    # Sur macOS et Windows, deux noms que seule la casse distingue sont un même fichier : le
    # clone écrase l'un par l'autre (docs/FORMAT.md, le contrat, et sa référence en français).
    import os

    clashes = []
    for folder, subfolders, files in os.walk(PACKAGE.parent):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d != "__pycache__"]
        seen: dict[str, str] = {}
        for name in subfolders + files:
            if seen.setdefault(name.casefold(), name) != name:
                clashes.append((folder, seen[name.casefold()], name))
    assert clashes == []
