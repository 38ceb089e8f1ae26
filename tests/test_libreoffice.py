"""Le CSV d'`essplan export` et celui du budget ouverts par LibreOffice (sans interface,
`soffice --convert-to`), relus dans le classeur qu'il en fait : les bonnes colonnes, les
montants lus comme des nombres, aucune formule.

LibreOffice sans interface n'a pas la fenêtre d'import qui, d'ordinaire, devine le dialecte :
on lui donne les réglages qu'elle propose pour ce fichier dans un LibreOffice français
(séparateur « ; », guillemets, UTF-8, langue française pour la virgule décimale). Paquet
Debian `libreoffice-calc-nogui` (installé par `.ci/run`) ; sans lui, ces tests sont sautés.
"""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from test_export import formula_plan

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice absent (paquet Debian libreoffice-calc-nogui)"
)
# CSV : séparateur 59 (« ; »), guillemet 34, jeu de caractères 76 (UTF-8), première ligne 1,
# formats de colonnes par défaut, langue 1036 (français de France).
FRENCH_CSV_FILTER = "CSV:59,34,76,1,,1036"


def opened_by_libreoffice(csv_file, tmp_path) -> list[tuple]:
    out = tmp_path / "converti"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            f"--infilter={FRENCH_CSV_FILTER}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_file),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sheet = openpyxl.load_workbook(out / f"{csv_file.stem}.xlsx").active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return list(sheet.iter_rows(values_only=True))


def test_libreoffice_opens_the_fiches_csv_with_its_columns(run_cli, tmp_path):
    folder = formula_plan(tmp_path)
    fiche = folder / "fiches" / "1.yaml"
    fiche.write_text(fiche.read_text().replace("cout: 1 000 €", "cout: {montant: 2916.67}"))
    target = tmp_path / "fiches.csv"
    assert run_cli("export", str(folder), "--format", "csv", "-o", str(target)).exit_code == 0
    rows = opened_by_libreoffice(target, tmp_path)
    header = list(rows[0])
    assert header[:4] == ["Plan", "Fiche", "Axe", "Titre"]
    assert len(header) == 27 and header[-1] == "Dépensé (€)"
    row = dict(zip(header, rows[1], strict=True))
    assert row["Coût (€)"] == pytest.approx(2916.67)  # la virgule décimale, lue comme un nombre
    assert row["Titre"] == '\'=HYPERLINK("http://exemple.invalid","clic")'  # du texte
    assert row["Pilotes"] == "'+33 6 00 00 00 00\n@service"  # une cellule, deux lignes


def test_libreoffice_opens_clermont_and_the_budget(run_cli, tmp_path):
    fiches, budget = tmp_path / "fiches.csv", tmp_path / "budget.csv"
    assert run_cli("export", "clermont-2016", "--format", "csv", "-o", str(fiches)).exit_code == 0
    command = ("budget", "clermont-2016", "-y", "2016", "--prorata", "--output-format", "csv")
    assert run_cli(*command, "-o", str(budget)).exit_code == 0
    rows = opened_by_libreoffice(fiches, tmp_path)
    assert len(rows) == 15 and {len(row) for row in rows} == {27}
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["2.2"][14] == 35000 and by_id["1.2"][14] is None
    rows = opened_by_libreoffice(budget, tmp_path)
    header = list(rows[0])
    assert header[:4] == ["plan", "annee", "rubrique", "id"]
    line = dict(zip(header, next(row for row in rows if row[3] == "1.3"), strict=True))
    assert line["montant"] == pytest.approx(10666.67)
