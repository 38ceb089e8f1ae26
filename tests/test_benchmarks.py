"""Les mesures de performance ne sont pas des tests : celui-ci vérifie seulement qu'elles tournent.

Il lance benchmarks/make_corpus.py puis benchmarks/run.py --quick sur de tout petits corpus et
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
    "essplan lint",
    "essplan validate --no-cache, un seul processus",
    "essplan validate, cache plein (dépôt inchangé), un seul processus",
    "essplan lint ÷ essplan validate --no-cache, côte à côte, avec le pool",
    "essplan lint ÷ essplan validate --no-cache, côte à côte, un seul processus",
    'démarrage : python -c "import typer"',
    "essplan --version",
    "essplan --help",
    "mémoire de pointe, essplan lint, 10 fiches",
    "mémoire de pointe, essplan lint, 20 fiches",
    "mémoire de pointe, essplan lint, un seul processus, 10 fiches",
    "mémoire de pointe, essplan lint, un seul processus, 20 fiches",
    "essplan budget, plan de 20 fiches",
    "essplan report --template synthese",
    "les pairs (check-jsonschema, yamllint) | non mesurés (--quick ou --no-peers)",
)

# L'échelle nationale : chaque commande avec le pool et sans, à trois tailles.
SCALE_ROWS = tuple(
    f"| {command}, {how} | "
    for command in (
        "essplan validate --no-cache",
        "essplan validate, cache plein",
        "essplan budget",
        "essplan status --date 2024-06",
    )
    for how in ("avec le pool", "un seul processus (ESSPLAN_JOBS=1)")
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

    results = BENCHMARKS / "results.md"
    before = results.read_bytes()
    corpora = tmp_path / "corpus-gardes"
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--corpora", str(corpora)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    # --quick écrit son rapport sur la sortie standard ; results.md n'est pas touché.
    assert results.read_bytes() == before
    table = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS + SCALE_ROWS:
        assert any(row in line for line in table), f"ligne absente du tableau : {row}\n{run.stdout}"
    assert "| commande | 10 fiches | 20 fiches | 40 fiches | mémoire 40 ÷ 10 |" in run.stdout
    sections = ("## Résultats", "## À l'échelle nationale", "## Plans adverses", "## Documents")
    for title in (*sections, "## Machine", "## Profil"):
        assert title in run.stdout
    assert "--quick : rapport écrit sur la sortie standard" in run.stderr
    # --corpora garde les corpus engendrés (le plan unique et les trois tailles) pour la fois
    # suivante, chacun avec son nombre de fiches.
    kept = {path.name.split("-")[0]: path for path in corpora.iterdir()}
    assert sorted(kept) == ["1x20", "2x5", "4x5", "8x5"]
    assert (kept["8x5"] / "fiches.txt").read_text() == "40"
    assert len(list((kept["8x5"] / "plans").iterdir())) == 8


def test_the_hand_written_section_of_results_is_kept(tmp_path, monkeypatch):
    """run.py réécrit results.md jusqu'à la section rédigée à la main, qu'il garde."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import run

    results = tmp_path / "resultats.md"
    assert run.kept_section(results).startswith(run.KEPT_SECTION + "\n\n(à rédiger")
    results.write_text(f"ancien tableau\n{run.KEPT_SECTION}\n\nà garder\n", encoding="utf-8")
    assert run.kept_section(results) == f"{run.KEPT_SECTION}\n\nà garder\n"
