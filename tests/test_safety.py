"""Sûreté : une commande interrompue ne laisse rien à moitié écrit, les fichiers du plan ne sont
jamais réécrits, les entrées hostiles sont refusées vite et sans mémoire."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO
from test_bad_inputs import build_case

BASE = Path(__file__).parent / "bad_inputs" / "_base"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_report_keeps_the_previous_file(run_cli, tmp_path, monkeypatch, signum):
    target = tmp_path / "annexe.html"
    target.write_text("version précédente", encoding="utf-8")
    real_fsync = os.fsync

    def interrupted(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signum)  # le signal arrive en pleine écriture

    monkeypatch.setattr(os, "fsync", interrupted)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        result = run_cli("report", "clermont-2016", "-o", str(target))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 130
    assert "interrompu" in result.stderr
    assert target.read_text(encoding="utf-8") == "version précédente"
    assert os.listdir(tmp_path) == ["annexe.html"]


def test_a_full_disk_keeps_the_previous_file(run_cli, tmp_path, monkeypatch):
    target = tmp_path / "budget.csv"
    target.write_text("version précédente", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run_cli("budget", "clermont-2016", "--output-format", "csv", "-o", str(target))
    assert result.exit_code == 2
    assert "disque plein" in result.stderr
    assert target.read_text(encoding="utf-8") == "version précédente"
    assert os.listdir(tmp_path) == ["budget.csv"]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_command_writes_the_plan_files(run_cli, tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(REPO / "plans", repo / "plans")
    before = snapshot(repo / "plans")
    for args in (
        ["validate"],
        ["lint"],
        ["lint", "-o", "lint.json", "--output-format", "json"],
        ["budget"],
        ["budget", "--year", "2018", "-o", "budget.csv", "--output-format", "csv"],
        ["report", "clermont-2016"],
        ["report", "grenoble", "-t", "synthese"],
        ["report", "poitiers", "-t", "deliberation", "-f", "markdown"],
        ["schema", "fiche"],
        ["rule", "--all"],
    ):
        result = run_cli(*args, cwd=repo)
        assert result.exit_code in (0, 1), (args, result.stderr)
    assert snapshot(repo / "plans") == before


@pytest.mark.parametrize("case", ["alias-bomb", "big-file"])
def test_hostile_files_are_refused_fast_and_small(tmp_path, case):
    build_case(case, tmp_path)
    started = time.perf_counter()
    from essplan.repository import plans_in
    from essplan.validation.validate import validate_plan

    loaded = validate_plan(plans_in(tmp_path, tmp_path)[0])
    elapsed = time.perf_counter() - started
    assert [d.code for d in loaded.diagnostics] == ["ESS009"]
    assert elapsed < 1, f"{elapsed:.2f} s"
    # La mémoire d'un processus essplan à part, mesurée par un parent neuf : RUSAGE_CHILDREN
    # garde le pic de tous les enfants passés (Chromium, lors des tests du navigateur).
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    code, peak_kib = map(int, result.stdout.split())
    assert code == 1
    assert peak_kib / 1024 < 200, f"{peak_kib / 1024:.0f} Mio"


MEASURE = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "essplan", "validate"], capture_output=True)
assert b"ESS009" in run.stdout, run.stdout
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
