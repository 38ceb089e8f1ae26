"""Le YAML qu'écrit `essplan import` : libyaml (l'émetteur C) donne le même texte, octet pour
octet, que l'émetteur Python de PyYAML, la référence ; un texte que libyaml écrirait autrement,
ou l'absence de libyaml, fait passer le fichier par l'émetteur Python.
"""

from __future__ import annotations

import datetime

import pytest
import yaml
from conftest import PLANS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essplan.importer import yaml_writer
from essplan.importer.deliberation import parse_deliberation
from essplan.importer.yaml_writer import (
    FlowMapping,
    dump,
    fiche_for_yaml,
    plan_for_yaml,
    python_dump,
)

SOURCE = PLANS / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"
LONG = ("Le mois de l'ESS est peu connu ici, « même des élus » : 12 000 € ; " * 5).rstrip()


def clermont_documents() -> list[dict]:
    imported = parse_deliberation(SOURCE.read_text(encoding="utf-8"))
    return [plan_for_yaml(imported.plan), *(fiche_for_yaml(f) for f in imported.fiches)]


def every_kind() -> dict:
    """Une fiche où figure chaque sorte de valeur qu'écrit l'import."""
    return fiche_for_yaml(
        {
            "id": "1.10",
            "axe": 1,
            "titre": "Créer un tiers-lieu : « La Fabrique » – phase 2",
            "pilotes": ["Raymond Collet", "Mme Dupont-Lefèvre"],
            "associes": [],
            "contexte": LONG,  # plus de 200 caractères : un bloc `>-`
            "methode": ["Étape 1 : réunir", "- une puce restée", "#5", LONG, "a\nb"],
            "resultats_attendus": "Ligne 1\nLigne 2\n\nLigne 4 après une ligne vide",
            "indicateurs": [
                {"nom": "Emplois créés", "valeurs": ["10", "null", "yes"], "cible": 12},
                {"nom": "", "note": "'entre apostrophes'", "date": datetime.date(2021, 6, 24)},
            ],
            "cout": {"texte": "12 000 € HT", "montant": 12000.5, "detail": {"a": [1, 2]}},
            "debut": "Octobre 2016",
            "liens": ["2.2", "10"],
            "remarques": " espace en tête, deux-points: et dièse # " + "x" * 300,
        }
    )


def test_libyaml_writes_the_clermont_import_as_the_python_emitter():
    for data in clermont_documents():
        written = yaml_writer._c_dump(data)
        assert written is not None  # libyaml a bien écrit ce fichier
        assert written == python_dump(data)


def test_libyaml_writes_every_kind_of_value_as_the_python_emitter():
    data = every_kind()
    written = yaml_writer._c_dump(data)
    assert written == python_dump(data)
    assert 'id: "1.10"\n' in written
    assert "pilotes:\n  - Raymond Collet\n  - Mme Dupont-Lefèvre\n" in written
    assert f"contexte: >-\n  {LONG}\n" in written
    assert "indicateurs:\n  - nom: Emplois créés\n    valeurs:\n      - '10'\n" in written
    assert "    date: 2021-06-24\n" in written
    assert 'liens: ["2.2", "10"]\n' in written
    assert "associes: []\n" in written


def test_libyaml_writes_the_pouvoirs_as_the_python_emitter():
    data = plan_for_yaml(
        {"deliberation": {"pouvoirs": [{"de": "Mme A", "a": "M. B"}], "votants": 3}}
    )
    assert isinstance(data["deliberation"]["pouvoirs"][0], FlowMapping)
    written = yaml_writer._c_dump(data)
    assert written == python_dump(data)
    assert "  pouvoirs:\n    - {de: Mme A, a: M. B}\n" in written


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("- :#'\"\n>|"),
    max_size=260,
)
VALUE = st.recursive(
    TEXT | st.integers() | st.none() | st.booleans() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from("abcd"), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["titre", "methode", "indicateurs", "cout"]), VALUE))
def test_the_written_text_is_the_python_emitter_s_whatever_the_values(data):
    assert dump(fiche_for_yaml({"id": "1.1", **data}), "s.txt") == "".join(
        [yaml_writer.header("s.txt"), python_dump(fiche_for_yaml({"id": "1.1", **data}))]
    )


@pytest.mark.parametrize(
    "text",
    [
        "Un émoji 🎉 dans le titre",
        "saut\u2028de ligne Unicode",
        "fin par un retour\n",
        "!essplan-liste",
    ],
)
def test_a_text_libyaml_would_write_otherwise_goes_through_python(text):
    data = fiche_for_yaml({"id": "1.1", "titre": text, "pilotes": ["A"]})
    assert yaml_writer._c_dump(data) is None
    assert dump(data, "s.txt") == yaml_writer.header("s.txt") + python_dump(data)


def test_without_libyaml_the_import_writes_the_same_files(run_cli, tmp_path, monkeypatch):
    def imported(folder: str) -> dict[str, bytes]:
        (tmp_path / folder).mkdir()
        args = ["import", str(SOURCE), "--plan", "p", "--into", "plans"]
        assert run_cli(*args, cwd=tmp_path / folder).exit_code == 0
        plan = tmp_path / folder / "plans" / "p"
        return {str(p.relative_to(plan)): p.read_bytes() for p in plan.rglob("*") if p.is_file()}

    with_libyaml = imported("c")
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.setattr(yaml_writer, "_CDumper", None)  # libyaml absent : jamais appelé
    assert imported("python") == with_libyaml
    assert len(with_libyaml) == 16  # plan.yaml, 14 fiches, la source
