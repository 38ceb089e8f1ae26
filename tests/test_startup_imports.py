"""`essplan --version` et `--help` se lancent vite parce que la ligne de commande n'importe, au
démarrage, que ses propres modules et typer : la bibliothèque (lecture YAML, modèles pydantic,
budget, linter, Babel, Jinja) ne se charge qu'au premier usage. Ce test garde cette promesse :
un import ajouté en tête d'un module de `cli/` qui tire la bibliothèque le fait échouer (la
durée, elle, se mesure dans benchmarks/run.py)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "yaml",
    "pydantic",
    "babel",
    "jinja2",
    "rich",
    "essplan.budget",
    "essplan.lint",
    "essplan.reading",
    "essplan.validation",
    "essplan.suivi",
    "essplan.documents",
    "essplan.importer",
    "essplan.model.fiche",
    "essplan.model.plan",
)


def test_the_command_line_starts_without_loading_the_library():
    probe = "import json, sys; import essplan.cli.app; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        ).stdout
    )
    assert [name for name in HEAVY if name in loaded] == []


def loaded_after(code: str) -> list[str]:
    probe = f"import json, sys; {code}; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_the_linter_takes_the_budget_computation_without_its_layout():
    # Le linter (par le tableau de bord) ne demande au budget que son calcul : la mise en page
    # et l'écriture ne sont pas importées avant le pool, dans le processus principal.
    loaded = loaded_after("import essplan.lint.engine")
    assert "essplan.budget.compute" in loaded
    assert [
        name
        for name in loaded
        if name.startswith(("essplan.budget.stream", "essplan.budget.tables"))
    ] == []


def test_the_budget_package_still_gives_its_names():
    code = (
        "from essplan.budget import BudgetReport, budgets, compute_matrix, compute_year, render;"
        " assert callable(render) and callable(budgets)"
    )
    assert "essplan.budget.stream" in loaded_after(code)
