"""Le corpus d'entrées invalides : chaque cas de tests/bad_inputs/ donne son code et sa ligne.

Un cas est un dossier : `case.toml` (description, code de sortie attendu, diagnostics attendus
par code, fichier et ligne, fichiers à retirer) et `files/`, qui se superpose au petit dépôt
valide de `_base/`. Chaque cas est validé par le vrai point d'entrée, sortie JSON.
"""

from __future__ import annotations

import json
import shutil
import time
import tomllib
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_case(name: str, into: Path) -> dict:
    spec = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
    shutil.copytree(CORPUS / "_base", into, dirs_exist_ok=True)
    if (CORPUS / name / "files").exists():
        shutil.copytree(CORPUS / name / "files", into, dirs_exist_ok=True)
    for relative in spec.get("remove", []):
        (into / relative).unlink()
    return spec


def test_base_is_valid(tmp_path, run_cli):
    shutil.copytree(CORPUS / "_base", tmp_path, dirs_exist_ok=True)
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 plan, 2 fiches : aucune erreur\n"


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path, run_cli):
    spec = build_case(name, tmp_path)
    started = time.perf_counter()
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert result.exit_code == spec["exit"], (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "erreur interne" not in result.stderr
    found = {(d["code"], d["fichier"], d["ligne"]) for d in json.loads(result.stdout)}
    for expected in spec["expected"]:
        assert (expected["code"], expected["file"], expected["line"]) in found, found
    assert elapsed < 2, f"{name} : {elapsed:.2f} s"
    assert not (tmp_path / "PWNED").exists()


def test_every_validation_code_has_a_case():
    codes = set()
    for name in CASES:
        spec = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
        codes |= {e["code"] for e in spec["expected"]}
    assert codes >= {f"ESS00{i}" for i in range(1, 10)} | {"ESS010"}
