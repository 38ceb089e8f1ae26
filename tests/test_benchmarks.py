"""Les mesures de performance ne sont pas des tests : celui-ci vérifie seulement qu'elles tournent.

Il lance benchmarks/make_corpus.py puis benchmarks/run.py --quick sur un tout petit corpus et
regarde que le tableau a toutes ses lignes ; aucune durée n'est vérifiée.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

ROWS = (
    "plancher : lecture + yaml.load (CSafeLoader)",
    "essplan validate --no-cache |",
    "essplan validate, cache plein (dépôt inchangé) |",
    "essplan lint (sans cache",
    "essplan validate --no-cache, un seul processus",
    "essplan validate, cache plein, un seul processus",
    "essplan lint, un seul processus",
    'démarrage : python -c "import typer"',
    "essplan --version",
    "essplan --help",
    "mémoire de pointe, essplan lint, 5 fiches",
    "mémoire de pointe, essplan lint, 20 fiches",
    "mémoire de pointe, essplan lint, un seul processus, 5 fiches",
    "mémoire de pointe, essplan lint, un seul processus, 20 fiches",
    "essplan budget, plan de 20 fiches",
    "essplan report --template synthese",
)


def test_corpus_generator_and_benchmark_run_on_a_tiny_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "make_corpus.py"),
            "--plans",
            "2",
            "--fiches",
            "3",
            str(corpus),
        ],
        check=True,
        capture_output=True,
    )
    plans = sorted((corpus / "plans").iterdir())
    assert len(plans) == 2
    assert all(len(list((plan / "fiches").glob("*.yaml"))) == 3 for plan in plans)

    results = tmp_path / "results.md"
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--output", str(results)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    table = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert any(row in line for line in table), f"ligne absente du tableau : {row}\n{run.stdout}"
    written = results.read_text(encoding="utf-8")
    assert (
        "## Résultats" in written
        and "## Machine" in written
        and "## Profil de cette exécution" in written
    )
