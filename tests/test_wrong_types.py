"""Un type faux pour chaque clé d'une fiche et d'un plan : ESS004 à la ligne de la clé."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

BASE = Path(__file__).parent / "bad_inputs" / "_base"

# clé → une valeur du mauvais type, écrite en YAML sur la ligne 4 de la fiche
FICHE_WRONG = {
    "titre": "{a: 1}",
    "pilotes": "42",
    "associes": "{a: 1}",
    "contexte": "[1, 2]",
    "methode": "7",
    "resultats_attendus": "oui",
    "public_cible": "[a]",
    "moyens_humains": "{a: b}",
    "debut": "[2020]",
    "fin": "{mois: 3}",
    "cout": "[1]",
    "financement": "12",
    "remarques": "[x]",
    "liens": "2.1",
    "indicateurs": "5",
    "statut": "3",
}
PLAN_WRONG = {
    "periode": "[2020, 2022]",
    "etat": "vote",
    "libelle_axe": "[Défi]",
    "libelle_fiche": "{a: 1}",
    "vision": "[a]",
    "criteres_interet_communautaire": "oui",
    "budget": "1312500",
    "moyens_humains": "[1]",
    "gouvernance": "comité",
    "chiffres_cles": "14",
    "deliberation": "DEL1",
    "sources": "source.txt",
    "remarques": "{a: 1}",
}


def run(run_cli, tmp_path, fiche: str | None = None, plan_extra: str | None = None):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    if fiche is not None:
        (tmp_path / "plans/p/fiches/1.1.yaml").write_text(fiche, encoding="utf-8")
    if plan_extra is not None:
        plan = tmp_path / "plans/p/plan.yaml"
        text = plan.read_text(encoding="utf-8")
        if plan_extra.startswith("periode:"):  # déjà dans le plan de base : on le remplace
            text = text.replace("periode:\n  debut: 2020-01\n  fin: 2022-12\n", "")
        plan.write_text(text + plan_extra, encoding="utf-8")
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    return {(d["code"], d["fichier"], d["ligne"], d["chemin"]) for d in json.loads(result.stdout)}


@pytest.mark.parametrize("key", sorted(FICHE_WRONG))
def test_wrong_type_in_a_fiche(run_cli, tmp_path, key):
    fiche = f'id: "1.1"\naxe: 1\ntitre: Une action\n{key}: {FICHE_WRONG[key]}\n'
    if key == "titre":
        fiche = f'id: "1.1"\naxe: 1\npilotes: [A]\ntitre: {FICHE_WRONG[key]}\n'
    found = run(run_cli, tmp_path, fiche=fiche)
    assert [f for f in found if f[0] == "ESS004" and f[2] == 4 and f[3].startswith(key)], found


@pytest.mark.parametrize("key", sorted(PLAN_WRONG))
def test_wrong_type_in_plan_yaml(run_cli, tmp_path, key):
    found = run(run_cli, tmp_path, plan_extra=f"{key}: {PLAN_WRONG[key]}\n")
    assert [
        f
        for f in found
        if f[0] == "ESS004" and f[1] == "plans/p/plan.yaml" and f[3].startswith(key)
    ], found
