"""Ce que la ligne de commande écrit sur les quatre plans livrés, commande par commande : les
fichiers de `tests/golden/cli/` (régénérés par `python tests/regenerate_golden.py`), que
`test_cli_snapshots.py` compare octet pour octet. Un changement de sortie se voit dans le diff
de ces fichiers, avant d'atteindre un utilisateur."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SNAPSHOTS = HERE / "golden" / "cli"
PLAN_IDS = ("clermont-2016", "clermont-2022", "grenoble", "poitiers")
DATE = ("--date", "2026-11")  # les constats qui dépendent du jour : un jour fixé

# L'aide et les erreurs d'usage de click varient d'une version de click à l'autre (« -h » ou
# « --help » dans « Essayez… ») : test_french.py les vérifie, pas ces fichiers.
COMMANDS: dict[str, list[str]] = {
    "plan-inconnu": ["validate", "lyon-2030"],
    **{
        f"validate-{fmt}": ["validate", "--output-format", fmt]
        for fmt in ("full", "concise", "json", "github", "gitlab", "sarif")
    },
    **{
        f"lint-{fmt}": ["lint", *DATE, "--output-format", fmt]
        for fmt in ("full", "concise", "json", "github", "gitlab", "sarif")
    },
    "lint-statistiques": ["lint", *DATE, "--statistics"],
    "lint-statistiques-json": ["lint", *DATE, "--statistics", "--output-format", "json"],
    "lint-couts": [
        "lint",
        "clermont-2016",
        *DATE,
        "--select",
        "ESS3",
        "--output-format",
        "concise",
    ],
    "lint-avertissement": ["lint", "grenoble", *DATE, "--fail-on", "avertissement"],
    "rule-tout": ["rule", "--all"],
    "rule-tout-json": ["rule", "--all", "--output-format", "json"],
    "rule-ess302": ["rule", "ESS302"],
    "schema-plan": ["schema", "plan"],
    "schema-fiche": ["schema", "fiche"],
    "budget-matrice": ["budget"],
    "budget-2018": ["budget", "--year", "2018"],
    "budget-2016-prorata": ["budget", "--year", "2016", "--prorata"],
    "budget-2018-section": ["budget", "--year", "2018", "--by", "section"],
    "budget-2018-fiche": ["budget", "--year", "2018", "--by", "fiche"],
    "budget-2024-markdown": ["budget", "--year", "2024", "--output-format", "markdown"],
    "budget-matrice-markdown": ["budget", "--output-format", "markdown", "--by", "fiche"],
    "budget-2018-csv": ["budget", "--year", "2018", "--output-format", "csv"],
    "budget-matrice-csv": ["budget", "--prorata", "--output-format", "csv"],
    "budget-2018-json": ["budget", "--year", "2018", "--output-format", "json"],
    "budget-matrice-json": ["budget", "--output-format", "json"],
    "status": ["status", *DATE],
    "status-pilote": ["status", *DATE, "--by", "pilote"],
    "status-statut-markdown": ["status", *DATE, "--by", "statut", "--output-format", "markdown"],
    "status-json": ["status", *DATE, "--output-format", "json"],
    "status-csv": ["status", *DATE, "--output-format", "csv"],
    "export-csv": ["export", "--format", "csv"],
    "export-json": ["export", "--format", "json"],
    "export-scdl-manquant": ["export", "--format", "scdl-deliberations"],
    "schema-export": ["schema", "export"],
    **{
        f"report-{plan}-{template}-markdown": [
            "report",
            plan,
            "-t",
            template,
            "-f",
            "markdown",
            "-o",
            "-",
            *DATE,
        ]
        for plan in PLAN_IDS
        for template in ("annexe", "deliberation", "synthese")
    },
    **{
        f"report-{plan}-synthese-html": ["report", plan, "-t", "synthese", "-o", "-", *DATE]
        for plan in PLAN_IDS
    },
    "report-clermont-2016-deliberation-html": [
        "report",
        "clermont-2016",
        "-t",
        "deliberation",
        "-o",
        "-",
        *DATE,
    ],
}


def run(args: list[str]) -> str:
    """La sortie de `essplan ARGS` lancé depuis la racine du dépôt, avec son code de sortie."""
    from essplan.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    environment = {
        name: os.environ.pop(name)
        for name in list(os.environ)
        if name.startswith("ESSPLAN_") or name in ("COLUMNS", "LINES")
    }
    os.environ["COLUMNS"] = "80"  # l'aide s'ajuste au terminal : une largeur fixée
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(previous)
        del os.environ["COLUMNS"]
        os.environ.update(environment)
    return (
        f"$ essplan {' '.join(args)}\ncode de sortie : {code}\n--- sortie standard\n"
        f"{out.getvalue()}--- sortie d'erreur\n{err.getvalue()}"
    )


def regenerate() -> None:
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SNAPSHOTS.glob("*.txt"):
        stale.unlink()
    for name, args in COMMANDS.items():
        (SNAPSHOTS / f"{name}.txt").write_text(run(args), encoding="utf-8")
    print(f"écrit : {len(COMMANDS)} fichiers dans {SNAPSHOTS.relative_to(REPO)}")
