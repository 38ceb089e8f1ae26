"""Outils communs aux tests : lancer essplan par son vrai point d'entrée."""

from __future__ import annotations

import builtins
import io
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


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """Le nombre de processus de chaque pool que démarre `validation.pool` (liste vide : tout
    s'est fait dans un seul processus) ; le travail, lui, se fait comme d'habitude."""
    import essplan.validation.pool

    started: list[int] = []
    real_pool = essplan.validation.pool._in_pool
    monkeypatch.setattr(
        essplan.validation.pool,
        "_in_pool",
        lambda *args: (started.append(args[-1]), real_pool(*args))[1],
    )
    return started


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path_factory):
    """Les tests ne dépendent pas de l'environnement de qui les lance : les variables
    d'essplan (`ESSPLAN_OUTPUT_FORMAT`, `ESSPLAN_JOBS`…) sont retirées ; un test qui en a
    besoin les pose lui-même. `.ci/run` lance une fois la suite avec ces variables posées."""
    for name in list(os.environ):
        if name.startswith("ESSPLAN_"):
            monkeypatch.delenv(name)
    # La clé du cache de validate (`cli/common.cache_key`) : pas dans le dossier personnel.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def never_opened(monkeypatch):
    """Fait échouer toute ouverture des chemins donnés (ou de ce vers quoi ils mènent) : sur le
    code fautif, le test échoue au lieu d'attendre sans fin sur un tube nommé ou de lire
    /dev/zero jusqu'à épuiser la mémoire."""
    forbidden: set[str] = set()
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def check(file):
        if isinstance(file, (str, bytes, os.PathLike)):
            target = os.path.realpath(os.fsdecode(file))
            if target in forbidden or os.fsdecode(file) in forbidden:
                raise AssertionError(f"ouverture interdite : {os.fsdecode(file)}")

    def guarded_open(file, *args, **kwargs):
        check(file)
        return real_open(file, *args, **kwargs)

    def guarded_io_open(file, *args, **kwargs):
        check(file)
        return real_io_open(file, *args, **kwargs)

    def guarded_os_open(path, *args, **kwargs):
        check(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_io_open)
    monkeypatch.setattr(os, "open", guarded_os_open)

    def forbid(*paths: Path) -> None:
        for path in paths:
            forbidden.add(str(path))
            forbidden.add(os.path.realpath(path))

    return forbid
