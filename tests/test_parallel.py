"""Le chemin à plusieurs processus de validate, lint, budget et status (à partir de 1 000
fichiers de fiches) : la même sortie, dans le même ordre, qu'un seul processus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import essplan.validation.pool

PLAN = """\
collectivite: Communauté {n}
titre: Plan {n}
periode: 2020-2022
axes:
  - {{code: 1, titre: Axe un}}
"""


def fiche(plan: int, number: int) -> str:
    # Un constat sur trois fiches, une erreur de validation sur cent : des sorties qui ne sont
    # pas vides, et dont l'ordre se voit.
    pilote = "" if number % 3 == 0 else f"pilotes: [Personne {number % 7}]\n"
    statut = "statut: fini\n" if number % 100 == 0 else ""
    return (
        f'id: "1.{number}"\naxe: 1\ntitre: Action {plan}.{number}\n{pilote}{statut}'
        f"debut: 2020-01\nfin: 2021-12\ncout: {number * 10} euros/an\n"
    )


def write_repo(root: Path, text_of: Callable[[int, int], str]) -> Path:
    """Quatre plans de 260 fiches (1 044 fichiers : le pool démarre), `text_of(plan, numéro)`."""
    for plan in range(4):
        folder = root / "plans" / f"plan-{plan}"
        (folder / "fiches").mkdir(parents=True)
        (folder / "plan.yaml").write_text(PLAN.format(n=plan), encoding="utf-8")
        for number in range(1, 261):
            (folder / "fiches" / f"1.{number}.yaml").write_text(
                text_of(plan, number), encoding="utf-8"
            )
    return root


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory) -> Path:
    return write_repo(tmp_path_factory.mktemp("gros-depot"), fiche)


@pytest.mark.parametrize("command", [["validate"], ["lint", "--date", "2021-06"]])
@pytest.mark.parametrize("output_format", ["concise", "json"])
def test_the_pool_gives_the_output_of_one_process(
    run_cli, big_repo, monkeypatch, pools, command, output_format
):
    args = [*command, "--output-format", output_format]
    monkeypatch.setenv("ESSPLAN_JOBS", "1")
    alone = run_cli(*args, cwd=big_repo)
    assert pools == []
    monkeypatch.delenv("ESSPLAN_JOBS")  # automatique : 1 040 fichiers, le pool démarre
    automatic = run_cli(*args, cwd=big_repo)
    monkeypatch.setenv("ESSPLAN_JOBS", "3")
    three = run_cli(*args, cwd=big_repo)
    assert len(pools) == 2 and pools[1] == 3
    assert alone.exit_code == 1  # les statuts « fini » sont des erreurs de validation
    assert (automatic.exit_code, automatic.stdout, automatic.stderr) == (
        alone.exit_code,
        alone.stdout,
        alone.stderr,
    )
    assert (three.exit_code, three.stdout) == (alone.exit_code, alone.stdout)
    assert "plans/plan-3/fiches/1.200.yaml" in alone.stdout  # le dernier plan aussi


def test_the_pool_starts_only_for_a_big_repository(tmp_path, monkeypatch):
    from essplan.repository import resolve_targets

    for plan in range(2):
        (tmp_path / "plans" / f"p{plan}" / "fiches").mkdir(parents=True)
    monkeypatch.setattr(
        essplan.validation.pool.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False
    )
    targets = resolve_targets([], tmp_path)  # le dossier courant est un argument
    # Deux plans vides : un seul processus.
    assert essplan.validation.pool.automatic_jobs(targets) == 1
    for number in range(essplan.validation.pool.PARALLEL_MIN_FICHES):
        (tmp_path / "plans" / f"p{number % 2}" / "fiches" / f"{number}.yaml").touch()
    assert essplan.validation.pool.automatic_jobs(targets) == 2


@pytest.fixture(scope="module")
def budget_repo(tmp_path_factory) -> Path:
    """Les fiches de `fiche` sans statut « fini », sauf une du dernier plan : une erreur de
    validation, ce plan n'a ni budget ni tableau de bord."""

    def text_of(plan: int, number: int) -> str:
        text = fiche(plan, number).replace("statut: fini\n", "")
        return text + "statut: fini\n" if (plan, number) == (3, 7) else text

    return write_repo(tmp_path_factory.mktemp("budget-depot"), text_of)


@pytest.mark.parametrize(
    "args",
    [
        ["budget"],
        ["budget", "--year", "2021", "--output-format", "json"],
        ["budget", "--prorata", "--output-format", "csv"],
        ["budget", "--year", "2020", "--output-format", "markdown", "--by", "fiche"],
        ["status", "--date", "2021-06"],
        ["status", "--date", "2021-06", "--output-format", "json"],
    ],
)
def test_budget_and_status_in_the_pool_give_the_output_of_one_process(
    run_cli, budget_repo, monkeypatch, pools, args
):
    monkeypatch.setenv("ESSPLAN_JOBS", "1")
    alone = run_cli(*args, cwd=budget_repo)
    assert pools == []
    monkeypatch.delenv("ESSPLAN_JOBS")  # automatique : 1 040 fichiers de fiches
    automatic = run_cli(*args, cwd=budget_repo)
    monkeypatch.setenv("ESSPLAN_JOBS", "3")
    three = run_cli(*args, cwd=budget_repo)
    assert len(pools) == 2 and pools[1] == 3
    assert alone.exit_code == 1  # le plan invalide
    assert "essplan : plan-3 : plan invalide" in alone.stderr
    for other in (automatic, three):
        assert (other.exit_code, other.stdout, other.stderr) == (
            alone.exit_code,
            alone.stdout,
            alone.stderr,
        )
    assert "plan-2" in alone.stdout and "plan-3" not in alone.stdout


def test_budget_grand_total_of_the_pool(run_cli, budget_repo):
    import json

    result = run_cli("budget", "--year", "2021", "--output-format", "json", cwd=budget_repo)
    document = json.loads(result.stdout)
    # Chaque plan valide : 10 € + 20 € + … + 2 600 € par an, soit 10 × 260 × 261 / 2 = 339 300 € ;
    # trois plans valides (plan-3 est refusé), aucune enveloppe.
    assert [plan["plan"] for plan in document["plans"]] == ["plan-0", "plan-1", "plan-2"]
    assert [plan["total_fiches"] for plan in document["plans"]] == [339_300] * 3
    assert (document["total_fiches"], document["total_enveloppe"]) == (1_017_900, None)
    table = run_cli("budget", "--year", "2021", cwd=budget_repo).stdout
    assert "Total général, 3 plans" in table
