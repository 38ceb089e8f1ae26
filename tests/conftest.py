"""Outils communs aux tests : lancer essplan par son vrai point d'entrée."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Lance `essplan.cli.main(args)` dans `cwd`, comme le script installé."""
    from essplan.cli import main

    def run(*args: str, cwd: Path | str = REPO) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch):
    """Les tests ne dépendent pas de l'environnement de qui les lance : les variables
    d'essplan (`ESSPLAN_OUTPUT_FORMAT`, `ESSPLAN_JOBS`…) sont retirées ; un test qui en a
    besoin les pose lui-même. `.ci/run` lance une fois la suite avec ces variables posées."""
    for name in list(os.environ):
        if name.startswith("ESSPLAN_"):
            monkeypatch.delenv(name)
