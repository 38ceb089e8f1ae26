"""Le `-o` de chaque commande (lint, budget, status, report) n'écrit jamais dans les plans : ni dans
`plans/` ni dans un dossier de plan, même par un lien ou par `..` ; sa cible est absente ou un
fichier ordinaire ; `-o -` reste la sortie standard."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import PLANS

OUTPUTS = [
    ["lint", "clermont-2016"],
    ["budget", "clermont-2016"],
    ["status", "clermont-2016"],
    ["report", "clermont-2016"],
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def depot(tmp_path) -> Path:
    """Une copie du dépôt livré : un test qui échoue n'abîme que la copie."""
    repo = tmp_path / "depot"
    shutil.copytree(PLANS, repo / "plans")
    (repo / "build").mkdir()
    return repo


def refused_inside(target: str, folder: str) -> str:
    """Le refus ; `folder` : le dossier de plan le plus proche, ou le dossier des plans."""
    what = "de plans" if folder.endswith("plans") else "de plan"
    return (
        f"essplan : impossible d'écrire « {target} » : c'est dans le dossier {what}"
        f" « {folder} », où seul essplan import écrit ; choisissez un fichier hors de ce"
        " dossier (par exemple dans build/)\n"
    )


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("target", "folder"),
    [
        ("plans/clermont-2016/fiches/1.1.yaml", "plans/clermont-2016"),  # une fiche existante
        ("plans/clermont-2016/plan.yaml", "plans/clermont-2016"),
        ("plans/clermont-2016/fiches/9.9.yaml", "plans/clermont-2016"),  # elle serait chargée
        ("plans/clermont-2016/annexe.html", "plans/clermont-2016"),
        ("plans/annexe.html", "plans"),
        ("build/../plans/clermont-2016/fiches/1.1.yaml", "plans/clermont-2016"),
    ],
)
def test_output_is_refused_inside_the_plans(run_cli, depot, command, target, folder):
    before = snapshot(depot / "plans")
    result = run_cli(*command, "-o", target, cwd=depot)
    assert (result.exit_code, result.stderr) == (2, refused_inside(target, folder))
    assert result.stdout == ""
    assert snapshot(depot / "plans") == before


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: c[0])
def test_output_through_a_link_into_the_plans_is_refused(run_cli, depot, tmp_path, command):
    os.symlink(depot / "plans" / "clermont-2016", depot / "sortie")
    os.symlink(depot / "plans", tmp_path / "ailleurs")
    before = snapshot(depot / "plans")
    for target, folder in (
        ("sortie/fiches/1.1.yaml", "plans/clermont-2016"),
        ("sortie/annexe.html", "plans/clermont-2016"),
        (f"{tmp_path}/ailleurs/x.html", "plans"),
    ):
        result = run_cli(*command, "-o", target, cwd=depot)
        assert (result.exit_code, result.stderr) == (2, refused_inside(target, folder)), target
    assert snapshot(depot / "plans") == before


def test_a_plan_folder_outside_plans_is_protected_too(run_cli, tmp_path):
    """Un dossier de plan donné par son chemin (il a un plan.yaml), hors de tout plans/."""
    folder = tmp_path / "seul"
    shutil.copytree(PLANS / "poitiers", folder)
    result = run_cli("lint", "seul", "-o", "seul/lint.txt", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : impossible d'écrire « seul/lint.txt » : c'est dans le dossier de plan"
        " « seul », où seul essplan import écrit ; choisissez un fichier hors de ce dossier"
        " (par exemple dans build/)\n",
    )
    assert not (folder / "lint.txt").exists()


def make_special(depot: Path, kind: str) -> tuple[str, str]:
    """La cible d'un `-o` qui n'est pas un fichier ordinaire, et ce que le message en dit."""
    if kind == "dossier":
        (depot / "build" / "cible").mkdir()
        return "build/cible", "un dossier"
    if kind == "lien":
        (depot / "build" / "vrai.txt").write_text("garde\n", encoding="utf-8")
        os.symlink("vrai.txt", depot / "build" / "cible")
        return "build/cible", "un lien symbolique"
    if kind == "lien cassé":
        os.symlink("absent.txt", depot / "build" / "cible")
        return "build/cible", "un lien symbolique"
    os.mkfifo(depot / "build" / "cible")  # un fichier spécial, sans les droits de root
    return "build/cible", "un fichier spécial"


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: c[0])
@pytest.mark.parametrize("kind", ["dossier", "lien", "lien cassé", "tube"])
def test_output_that_is_not_a_regular_file_is_refused(run_cli, depot, command, kind):
    target, said = make_special(depot, kind)
    before = os.lstat(depot / target)
    result = run_cli(*command, "-o", target, cwd=depot)
    assert (result.exit_code, result.stderr) == (
        2,
        f"essplan : impossible d'écrire « {target} » : c'est {said}, pas un fichier ordinaire\n",
    )
    after = os.lstat(depot / target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not (depot / "build" / "absent.txt").exists()


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: c[0])
def test_dash_still_writes_on_standard_output(run_cli, depot, command):
    result = run_cli(*command, "-o", "-", cwd=depot)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout and result.stderr == ""
    assert os.listdir(depot / "build") == []


def test_an_output_in_build_is_written(run_cli, depot):
    result = run_cli("report", "clermont-2016", "-o", "build/annexe.html", cwd=depot)
    assert result.exit_code == 0, result.stderr
    assert (
        (depot / "build" / "annexe.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    )


def test_a_build_folder_that_links_into_a_plan_is_refused_before_any_folder_is_made(run_cli, depot):
    (depot / "build").rmdir()
    os.symlink("plans/clermont-2016", depot / "build")
    before = sorted(p for p in (depot / "plans").rglob("*"))
    result = run_cli("report", "clermont-2016", cwd=depot)
    assert result.exit_code == 2
    assert result.stderr == (
        f"essplan : impossible d'écrire « {depot}/build/clermont-2016/annexe.html » : c'est"
        " dans le dossier de plan « plans/clermont-2016 », où seul essplan import écrit ;"
        " choisissez un fichier hors de ce dossier (par exemple dans build/)\n"
    )
    assert sorted(p for p in (depot / "plans").rglob("*")) == before
