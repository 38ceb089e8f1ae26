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
