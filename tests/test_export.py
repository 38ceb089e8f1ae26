"""`essplan export` : le classeur (ouvert par openpyxl), le CSV à la française, le JSON et son
schéma ; chiffres calculés à la main sur clermont-2016 et sur le plan de suivi de test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import textwrap
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from conftest import REPO

SUIVI_PLAN = REPO / "tests" / "suivi_plan" / "plans" / "suivi-test"
SHEETS = ["Plan", "Fiches", "Indicateurs", "Suivi", "Étapes", "Budget"]


def workbook(run_cli, tmp_path: Path, *plans: str) -> openpyxl.Workbook:
    target = tmp_path / "export.xlsx"
    result = run_cli("export", *plans, "--format", "xlsx", "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return openpyxl.load_workbook(target)


def records(sheet) -> list[dict]:
    """Les lignes d'une feuille, par nom de colonne."""
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def by_fiche(sheet) -> dict[str, dict]:
    return {row["Fiche"]: row for row in records(sheet)}


def test_the_clermont_workbook(run_cli, tmp_path):
    book = workbook(run_cli, tmp_path, "clermont-2016")
    assert book.sheetnames == SHEETS
    plan = records(book["Plan"])
    assert len(plan) == 1
    assert plan[0]["Plan"] == "clermont-2016"
    assert plan[0]["Délibération"] == "DEL20161014_005"
    assert plan[0]["Date de la délibération"] == dt.datetime(2016, 10, 14)
    assert (plan[0]["Pour"], plan[0]["Contre"], plan[0]["Abstention"]) == (86, 0, 0)
    assert plan[0]["Début"] == dt.datetime(2016, 1, 1)  # « 2016-2020 » : de janvier 2016…
    assert plan[0]["Fin"] == dt.datetime(2020, 12, 1)  # … à décembre 2020
    fiches = by_fiche(book["Fiches"])
    assert len(fiches) == 14
    assert list(fiches)[:3] == ["1.1", "1.2", "1.3"]
    # 2.2 : « 35 000 / an (5000 X 7) », de mars 2017 à septembre 2020.
    assert fiches["2.2"]["Coût (€)"] == 35000
    assert fiches["2.2"]["Périodicité"] == "annuel"
    assert fiches["2.2"]["Chiffrage"] == "chiffré"
    assert fiches["2.2"]["Début"] == dt.datetime(2017, 3, 1)
    assert fiches["2.2"]["Fin"] == dt.datetime(2020, 9, 1)
    # 1.2 : coût vide, jamais 0 ; la marque est visible.
    assert fiches["1.2"]["Coût (€)"] is None
    assert fiches["1.2"]["Chiffrage"] == "non chiffré"
    assert fiches["1.1"]["Coût (€)"] == 0  # « Néant » : zéro, écrit comme tel
    # Les listes : un élément par ligne dans la cellule.
    assert fiches["1.1"]["Associés"] == "Jean Pierre Henriot\nJean Michel Bossard\nPatrice Rodier"
    budget = [row for row in records(book["Budget"]) if row["Fiche"] == "2.2"]
    assert [(row["Année"], row["Prévu (€)"]) for row in budget] == [
        (2017, 35000),
        (2018, 35000),
        (2019, 35000),
        (2020, 35000),
    ]
    unknown = [row for row in records(book["Budget"]) if row["Fiche"] == "1.2"]
    assert [row["Année"] for row in unknown] == [2016, 2017, 2018, 2019, 2020]
    assert {row["Prévu (€)"] for row in unknown} == {None}
    assert {row["Chiffrage"] for row in unknown} == {"non chiffré\u00a0: coût inconnu"}


def test_the_sheets_are_frozen_filtered_and_formatted(run_cli, tmp_path):
    book = workbook(run_cli, tmp_path, "clermont-2016")
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", name
        assert all(cell.font.b for cell in sheet[1]), name
    fiches = book["Fiches"]
    header = [cell.value for cell in fiches[1]]
    cost = fiches.cell(row=2 + 4, column=header.index("Coût (€)") + 1)  # 2.2, 5e fiche
    assert (cost.value, cost.number_format) == (35000, '#,##0" €"')
    start = fiches.cell(row=6, column=header.index("Début") + 1)
    assert start.number_format == "[$-40C]mmmm yyyy"  # « mars 2017 », en français
    title = fiches.column_dimensions["D"].width
    assert 40 <= title <= 62  # un titre long : la largeur est bornée, le texte se lit


def test_the_follow_up_workbook(run_cli, tmp_path):
    book = workbook(run_cli, tmp_path, str(SUIVI_PLAN))
    fiches = by_fiche(book["Fiches"])
    assert list(fiches) == ["1.1", "1.2", "2.1", "2.2"]
    assert fiches["1.1"]["Statut"] == "en cours"
    assert fiches["1.1"]["Priorité"] == "haute"
    assert (
        fiches["1.1"]["Financement"]
        == "Communauté de test\u00a0: 10\u202f000\u00a0€\nRégion\u00a0: 5\u202f000\u00a0€"
    )
    assert fiches["1.1"]["Dépensé (€)"] == 10000  # 4 000 + 6 000
    assert fiches["1.2"]["Journal"] == (
        "avril 2022\u00a0: Clauses sociales rédigées.\n"
        "février 2023\u00a0: Trois marchés attribués avec clause d'insertion."
    )
    assert fiches["2.2"]["Chiffrage"] == "non chiffré"
    indicators = [
        (row["Fiche"], row["Année"], row["Cible de l'année"], row["Valeur"], row["Cible"])
        for row in records(book["Indicateurs"])
    ]
    assert indicators == [
        ("1.1", 2021, None, 6, 20),
        ("1.1", 2022, 10, 12, 20),
        ("1.1", 2024, 20, None, 20),
        ("1.2", 2022, None, 1800, 3000),
        ("2.1", None, None, None, None),  # un indicateur sans année : une ligne
    ]
    journal = [
        (r["Fiche"], r["Date"], r["Statut"], r["Avancement"]) for r in records(book["Suivi"])
    ]
    assert journal[:3] == [
        ("1.1", dt.datetime(2021, 3, 1), "en cours", 20),
        ("1.1", dt.datetime(2022, 1, 1), None, 50),
        ("1.1", dt.datetime(2022, 11, 1), "en cours", 70),
    ]
    assert len(journal) == 6
    etapes = [(r["Fiche"], r["Étape"], r["Faite"]) for r in records(book["Étapes"])]
    assert etapes[1] == ("1.1", "Signer la charte avec dix communes", "non")
    assert len(etapes) == 5
    budget = {
        (r["Fiche"], r["Année"]): (r["Prévu (€)"], r["Dépensé (€)"])
        for r in records(book["Budget"])
    }
    assert budget[("1.1", 2021)] == (5000, 4000)
    assert budget[("1.1", 2023)] == (5000, None)
    assert ("1.1", 2024) not in budget  # l'action est finie, rien de dépensé
    assert budget[("2.1", 2022)] == (12000, 6000)  # 1 000 € par mois : douze mois comptés
    assert budget[("2.1", 2023)] == (12000, 9000)
    assert budget[("2.2", 2023)] == (None, None)  # non chiffrée : vide, jamais 0


def test_several_plans_go_into_one_workbook(run_cli, tmp_path):
    book = workbook(run_cli, tmp_path, "clermont-2016", str(SUIVI_PLAN))
    assert [row["Plan"] for row in records(book["Plan"])] == ["clermont-2016", "suivi-test"]
    plans = [row["Plan"] for row in records(book["Fiches"])]
    assert (plans.count("clermont-2016"), plans.count("suivi-test")) == (14, 4)


def formula_plan(root: Path) -> Path:
    folder = root / "plans" / "piege"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        textwrap.dedent("""\
            collectivite: Commune de test
            titre: Plan piégé
            periode: 2024-2026
            axes:
              - code: 1
                titre: Un axe
            """),
        encoding="utf-8",
    )
    (folder / "fiches" / "1.yaml").write_text(
        textwrap.dedent("""\
            id: "1"
            axe: 1
            titre: '=HYPERLINK("http://exemple.invalid","clic")'
            pilotes: ["+33 6 00 00 00 00", "@service"]
            debut: 2024-01
            fin: 2024-12
            cout: 1 000 €
            """),
        encoding="utf-8",
    )
    return folder


def test_a_formula_comes_out_as_text_in_the_workbook(run_cli, tmp_path):
    folder = formula_plan(tmp_path)
    book = workbook(run_cli, tmp_path, str(folder))
    fiches = book["Fiches"]
    header = [cell.value for cell in fiches[1]]
    title = fiches.cell(row=2, column=header.index("Titre") + 1)
    assert title.data_type == "s"
    assert title.value == '\'=HYPERLINK("http://exemple.invalid","clic")'
    pilotes = fiches.cell(row=2, column=header.index("Pilotes") + 1)
    assert pilotes.value == "'+33 6 00 00 00 00\n@service"  # la cellule commence par « + »
    for sheet in book:
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def french_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_a_formula_comes_out_as_text_in_the_csv(run_cli, tmp_path):
    folder = formula_plan(tmp_path)
    result = run_cli("export", str(folder), "--format", "csv", cwd=tmp_path)
    assert result.exit_code == 0
    row = french_rows(result.stdout)[0]
    assert row["Titre"] == '\'=HYPERLINK("http://exemple.invalid","clic")'
    assert row["Pilotes"] == "'+33 6 00 00 00 00\n@service"
    assert row["Coût (€)"] == "1000"


def test_the_csv_is_the_french_dialect(run_cli):
    text = run_cli("export", "clermont-2016", "--format", "csv").stdout
    assert text.startswith("\ufeffPlan;Fiche;Axe;Titre;Pilotes;")
    rows = french_rows(text)
    assert len(rows) == 14
    fiche = {row["Fiche"]: row for row in rows}
    assert (fiche["2.2"]["Coût (€)"], fiche["2.2"]["Début"]) == ("35000", "2017-03")
    assert fiche["1.2"]["Coût (€)"] == ""
    assert "\r\n" in text and "\n\n" not in text.replace("\r\n", "")


def test_decimal_amounts_take_a_comma(run_cli, tmp_path):
    folder = formula_plan(tmp_path)
    fiche = folder / "fiches" / "1.yaml"
    fiche.write_text(fiche.read_text().replace("cout: 1 000 €", "cout: {montant: 2916.67}"))
    row = french_rows(run_cli("export", str(folder), "--format", "csv", cwd=tmp_path).stdout)[0]
    assert row["Coût (€)"] == "2916,67"


def test_the_json_export_follows_its_shipped_schema(run_cli):
    schema = json.loads(run_cli("schema", "export").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    shipped = (REPO / "schemas" / "export.schema.json").read_text(encoding="utf-8")
    assert shipped == run_cli("schema", "export").stdout, (
        "régénérez : essplan schema export > schemas/…"
    )
    result = run_cli("export", "--format", "json")
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("essplan-export", "1.0")
    assert len(document["plans"]) >= 4
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
    clermont = next(plan for plan in document["plans"] if plan["id"] == "clermont-2016")
    fiche = next(item for item in clermont["fiches"] if item["fiche"]["id"] == "2.2")
    assert fiche["fiche"]["cout"] == {"texte": "35 000 / an (5000 X 7)"}
    assert fiche["lecture"] == {
        "debut": "2017-03",
        "fin": "2020-09",
        "cout": 35000,
        "periodicite": "annuel",
        "chiffrage": "chiffré",
    }


def test_the_export_schema_rejects_another_version(run_cli):
    schema = json.loads(run_cli("schema", "export").stdout)
    document = json.loads(run_cli("export", "clermont-2016", "--format", "json").stdout)
    document["version"] = "2.0"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_the_workbook_needs_a_file(run_cli):
    result = run_cli("export", "clermont-2016")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "ajoutez -o FICHIER.xlsx" in result.stderr


def test_the_workbook_goes_to_a_pipe_not_a_terminal(run_cli, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = run_cli("export", "clermont-2016", "-o", "-")
    assert result.exit_code == 2
    assert "illisible dans un terminal" in result.stderr


def test_nothing_is_written_into_a_plan_folder(run_cli, tmp_path):
    shutil.copytree(SUIVI_PLAN, tmp_path / "plans" / "suivi-test")
    target = tmp_path / "plans" / "suivi-test" / "export.xlsx"
    result = run_cli("export", "suivi-test", "-o", str(target), cwd=tmp_path)
    assert result.exit_code == 2
    assert "où seul essplan import écrit" in result.stderr
    assert not target.exists()


def test_an_invalid_plan_exports_nothing(run_cli, tmp_path):
    folder = formula_plan(tmp_path)
    (folder / "fiches" / "1.yaml").write_text("id: '1'\naxe: 9\ntitre: Hors axe\n")
    target = tmp_path / "export.csv"
    result = run_cli("export", str(folder), "--format", "csv", "-o", str(target), cwd=tmp_path)
    assert result.exit_code == 1
    assert "plan invalide, rien n'est exporté" in result.stderr
    assert not target.exists()


def test_control_characters_do_not_break_the_workbook(run_cli, tmp_path):
    """« \\x01 » s'écrit en YAML (échappement) ; le format xlsx le refuse : il devient « � »."""
    folder = formula_plan(tmp_path)
    (folder / "fiches" / "1.yaml").write_text('id: "1"\naxe: 1\ntitre: "Bip \\x01 \\x0b fin"\n')
    book = workbook(run_cli, tmp_path, str(folder))
    assert by_fiche(book["Fiches"])["1"]["Titre"] == "Bip \ufffd \ufffd fin"
