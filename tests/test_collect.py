"""La collecte annuelle (`essplan collect`), par le vrai point d'entrée : le classeur écrit pour
les pilotes, rempli comme ils le feraient (colonnes déplacées comprises), puis fusionné dans les
fiches ; les fichiers ne changent qu'aux lignes attendues, une cellule fautive est signalée à sa
place et ne change rien, une seconde fusion ne change rien, une écriture interrompue non plus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import PLANS, REPO

SUIVI = REPO / "tests" / "suivi_plan" / "plans" / "suivi-test"
FICHES = ("1.1", "1.2", "2.1", "2.2")
WORKBOOK = "collecte-2023.xlsx"
ACTIONS = ("Fiche", "Titre", "Pilotes", "Statut", "Avancement", "Note de suivi", "Dépenses 2023")
# Des commentaires, que la fusion doit garder tels quels (ajoutés à la copie du plan de test).
COMMENTED = {
    "1.1": (
        ('id: "1.1"\n', '# Suivie par le service ESS.\nid: "1.1"\n'),
        ("depenses:\n", "depenses:  # mandaté, en euros\n"),
        ("  - date: 2022-01\n", "  # l'année du réseau\n  - date: 2022-01\n"),
    ),
}


def replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Une copie du plan de suivi des tests (l'original n'est jamais touché), commentée."""
    folder = tmp_path / "plans" / "suivi-test"
    shutil.copytree(SUIVI, folder)
    for fiche, pairs in COMMENTED.items():
        path = folder / "fiches" / f"{fiche}.yaml"
        path.write_text(replaced(path.read_text(encoding="utf-8"), *pairs), encoding="utf-8")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "plans").rglob("*"))
        if path.is_file()
    }


def collected(run_cli, root: Path, plan: str = "suivi-test") -> openpyxl.Workbook:
    result = run_cli("collect", plan, "--year", "2023", "-o", WORKBOOK, cwd=root)
    assert (result.exit_code, result.stderr) == (0, "")
    return openpyxl.load_workbook(root / WORKBOOK)


def rows(sheet) -> list[tuple]:
    return list(sheet.values)


def put(sheet, fiche: str, header: str, value: object, libelle: str | None = None) -> None:
    """Écrit dans la cellule de `header` à la ligne de la fiche (et de l'indicateur)."""
    headers = [cell.value for cell in sheet[1]]
    column = headers.index(header) + 1
    for row in range(2, sheet.max_row + 1):
        here = sheet.cell(row, headers.index("Fiche") + 1).value
        named = libelle is None or sheet.cell(row, headers.index("Indicateur") + 1).value == libelle
        if here == fiche and named:
            sheet.cell(row, column).value = value
            return
    raise AssertionError(f"pas de ligne pour {fiche} {libelle}")


def reorder(sheet, order: list[str]) -> None:
    """Les colonnes dans un autre ordre, comme un pilote qui les déplace (feuille déprotégée)."""
    values = rows(sheet)
    index = [values[0].index(header) for header in order]
    sheet.protection.sheet = False
    sheet.delete_rows(1, sheet.max_row)
    for number, row in enumerate(values, 1):
        for column, source in enumerate(index, 1):
            sheet.cell(number, column).value = row[source]


def merge(run_cli, root: Path, *options: str, workbook: str = WORKBOOK):
    return run_cli("collect", "suivi-test", "--merge", workbook, *options, cwd=root)


def test_the_workbook_of_clermont_2016_has_a_row_per_fiche(run_cli, tmp_path):
    shutil.copytree(PLANS / "clermont-2016", tmp_path / "plans" / "clermont-2016")
    book = collected(run_cli, tmp_path, "clermont-2016")
    assert book.sheetnames == ["Actions", "Indicateurs", "essplan"]
    actions = rows(book["Actions"])
    assert actions[0] == ACTIONS
    ids = [row[0] for row in actions[1:]]
    assert ids == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"] + [
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
    ]
    for row in actions[1:]:
        fiche = yaml.safe_load(
            (tmp_path / "plans/clermont-2016/fiches" / f"{row[0]}.yaml").read_text()
        )
        pilotes = "\n".join(fiche.get("pilotes") or ()) or None
        assert row == (fiche["id"], fiche["titre"], pilotes, None, None, None, None)
    indicators = rows(book["Indicateurs"])
    assert indicators[0] == ("Fiche", "Indicateur", "Unité", "Cible", "Valeur 2023")
    assert len(indicators) == 1 + 48  # les indicateurs de ses fiches, comptés dans les YAML
    assert indicators[1] == ("1.1", "Formalisation et vote de la délibération", None, None, None)
    assert book["essplan"].sheet_state == "hidden"


def test_the_workbook_is_prefilled_with_the_state_at_the_end_of_the_year(run_cli, repo):
    book = collected(run_cli, repo)
    assert rows(book["Actions"]) == [
        ACTIONS,
        ("1.1", "Réseau des communes", "Service ESS", "en cours", 70, None, None),
        (
            "1.2",
            "Marchés publics responsables",
            "Direction de la commande publique\nService ESS",
            "réalisé",
            100,
            "Trois marchés attribués avec clause d'insertion.",
            None,
        ),
        (
            "2.1",
            "Fonds de garantie solidaire",
            "Direction des finances",
            "en cours",
            10,
            None,
            9000,
        ),
        ("2.2", "Lieu ressource de l'ESS", None, None, None, None, None),
    ]
    assert rows(book["Indicateurs"]) == [
        ("Fiche", "Indicateur", "Unité", "Cible", "Valeur 2021", "Valeur 2022", "Valeur 2023"),
        ("1.1", "Communes membres du réseau", "communes", 20, 6, 12, None),
        ("1.2", "Heures d'insertion", "heures", 3000, None, 1800, None),
        ("2.1", "Nombre d'entreprises garanties", None, None, None, None, None),
    ]


def test_identifying_columns_are_locked_and_status_is_a_list_of_french_labels(run_cli, repo):
    book = collected(run_cli, repo)
    actions, indicators = book["Actions"], book["Indicateurs"]
    assert actions.protection.sheet and indicators.protection.sheet
    assert [actions.cell(2, column).protection.locked for column in range(1, 8)] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert [indicators.cell(2, column).protection.locked for column in range(1, 8)] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
    ]
    checks = {str(check.sqref): check for check in actions.data_validations.dataValidation}
    assert checks["D2:D5"].formula1 == '"à venir,en cours,en pause,bloqué,réalisé,abandonné"'
    assert (checks["E2:E5"].type, checks["E2:E5"].formula1, checks["E2:E5"].formula2) == (
        "decimal",
        "0",
        "100",
    )


FILLED_11 = (
    ("statut: en_cours\npriorite", "statut: realise\npriorite"),
    (
        "    avancement: 70\ndepenses:",
        "    avancement: 70\n  - date: 2023-12\n    texte: 'Vingt communes au réseau : objectif"
        " atteint.'\n    statut: realise\n    avancement: 100\ndepenses:",
    ),
    ("  2022: 6000\n", "  2022: 6000\n  2023: 7000\n"),
    ("valeurs: {2021: 6, 2022: 12}", "valeurs: {2021: 6, 2022: 12, 2023: 20}"),
)
FILLED_21 = (
    (
        "    avancement: 10\ndepenses:",
        "    avancement: 10\n  - date: 2023-12\n    texte: Premier comité tenu.\n"
        "    statut: en_cours\n    avancement: 45\ndepenses:",
    ),
    (
        "  - Nombre d'entreprises garanties\n",
        "  - libelle: Nombre d'entreprises garanties\n    valeurs:\n      2023: 3\n",
    ),
)


def fill(book: openpyxl.Workbook) -> None:
    """Ce qu'écrivent les pilotes, colonnes déplacées dans les deux feuilles."""
    actions, indicators = book["Actions"], book["Indicateurs"]
    reorder(actions, ["Note de suivi", "Avancement", "Fiche", "Dépenses 2023", "Statut", "Titre"])
    actions.cell(1, 4).value = "depenses 2023"  # un en-tête retapé sans accent
    put(actions, "1.1", "Statut", "réalisé")
    put(actions, "1.1", "Avancement", 100)
    put(actions, "1.1", "Note de suivi", "Vingt communes au réseau : objectif atteint.")
    put(actions, "1.1", "depenses 2023", 7000)
    put(actions, "2.1", "Note de suivi", "Premier comité tenu.")
    put(actions, "2.1", "Avancement", "45 %")
    reorder(indicators, ["Valeur 2023", "Indicateur", "Fiche"])
    put(indicators, "1.1", "Valeur 2023", 20, "Communes membres du réseau")
    put(indicators, "2.1", "Valeur 2023", "3", "Nombre d'entreprises garanties")


def test_the_round_trip_writes_exactly_the_new_values(run_cli, repo):
    before = snapshot(repo)
    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    preview = merge(run_cli, repo)
    assert (preview.exit_code, preview.stderr) == (0, "")
    assert preview.stdout == (
        "plans/suivi-test/fiches/1.1.yaml (fiche 1.1)\n"
        "  suivi[4] : nouvelle entrée 2023-12 « Vingt communes au réseau : objectif atteint. »"
        " (statut : réalisé, avancement : 100 %)\n"
        "  depenses[2023] : absent → 7\u202f000\u00a0€\n"
        "  statut : en cours → réalisé\n"
        "  indicateurs[1].valeurs[2023] (Communes membres du réseau) : absent → 20\n"
        "plans/suivi-test/fiches/2.1.yaml (fiche 2.1)\n"
        "  suivi[2] : nouvelle entrée 2023-12 « Premier comité tenu. »"
        " (statut : en cours, avancement : 45 %)\n"
        "  indicateurs[1].valeurs[2023] (Nombre d'entreprises garanties) : absent → 3\n"
        "6 modifications dans 2 fichiers ; rien n'est écrit (--write pour les écrire).\n"
    )
    assert snapshot(repo) == before  # sans --write, rien n'est écrit
    written = merge(run_cli, repo, "--write")
    assert (written.exit_code, written.stderr) == (0, "")
    assert written.stdout.endswith("6 modifications écrites dans 2 fichiers.\n")
    after = snapshot(repo)
    expected = dict(before)
    for fiche, pairs in (("1.1", FILLED_11), ("2.1", FILLED_21)):
        key = f"plans/suivi-test/fiches/{fiche}.yaml"
        expected[key] = replaced(before[key].decode(), *pairs).encode()
    assert after == expected  # commentaires et autres lignes : octet pour octet
    assert run_cli("validate", "suivi-test", cwd=repo).exit_code == 0
    again = merge(run_cli, repo, "--write")
    assert (again.exit_code, again.stdout) == (
        0,
        "Aucune modification : le plan porte déjà tout ce que dit le classeur.\n",
    )
    assert snapshot(repo) == expected
    # Le classeur de l'année, écrit à nouveau depuis le plan fusionné, ne change rien non plus.
    collected(run_cli, repo)
    assert merge(run_cli, repo, "--write").stdout.startswith("Aucune modification")
    assert snapshot(repo) == expected


def test_the_month_of_the_entry_is_the_current_month_for_the_current_year(run_cli, repo):
    import datetime as dt

    year = dt.date.today().year
    folder = repo / "plans/suivi-test"
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text().replace("fin: 2024-12", f"fin: {year}-12"))
    result = run_cli("collect", "suivi-test", "--year", str(year), "-o", "c.xlsx", cwd=repo)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(repo / "c.xlsx")
    put(book["Actions"], "2.2", "Note de suivi", "Local trouvé.")
    book.save(repo / "c.xlsx")
    assert merge(run_cli, repo, "--write", workbook="c.xlsx").exit_code == 0
    text = (folder / "fiches/2.2.yaml").read_text()
    assert text.endswith(f"suivi:\n  - date: {dt.date.today():%Y-%m}\n    texte: Local trouvé.\n")


def test_a_wrong_cell_is_named_and_nothing_is_written(run_cli, repo):
    book = collected(run_cli, repo)
    fill(book)
    put(book["Actions"], "1.2", "Avancement", "beaucoup")
    book.save(repo / WORKBOOK)
    before = snapshot(repo)
    result = merge(run_cli, repo, "--write")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "collecte-2023.xlsx : Actions, ligne 3, colonne B (Avancement) : « beaucoup » n'est pas"
        " un pourcentage de 0 à 100\n"
        "essplan : 1 erreur dans collecte-2023.xlsx : rien n'est écrit\n"
    )
    assert snapshot(repo) == before


def refused(run_cli, repo: Path, book: openpyxl.Workbook) -> list[str]:
    """Les erreurs d'une fusion du classeur, qui doit échouer (code 1)."""
    book.save(repo / WORKBOOK)
    result = merge(run_cli, repo)
    assert (result.exit_code, result.stdout) == (1, "")
    return result.stderr.splitlines()


def test_every_wrong_cell_unknown_fiche_and_duplicate_is_reported(run_cli, repo):
    book = collected(run_cli, repo)
    actions, indicators = book["Actions"], book["Indicateurs"]
    actions["D2"], actions["E3"], actions["G4"] = "fini", 120, "-5"
    actions["A7"], actions["F7"] = "9.9", "Une fiche inconnue."
    actions["A8"], actions["F8"] = "1.1", "Une seconde ligne."
    indicators["B3"], indicators["G3"] = "Heures d'insertion ?", 5
    actions["E5"] = 20  # l'avancement change sans note
    before = snapshot(repo)
    assert refused(run_cli, repo, book) == [
        "collecte-2023.xlsx : Actions, ligne 2, colonne D (Statut) : « fini » n'est pas un"
        " statut (attendu : à venir, en cours, en pause, bloqué, réalisé, abandonné)",
        "collecte-2023.xlsx : Actions, ligne 3, colonne E (Avancement) : « 120 » n'est pas un"
        " pourcentage de 0 à 100",
        "collecte-2023.xlsx : Actions, ligne 4, colonne G (Dépenses 2023) : « -5 » n'est pas un"
        " montant accepté : un montant ne peut pas être négatif (« -5 »)",
        "essplan : 3 erreurs dans collecte-2023.xlsx : rien n'est écrit",
    ]
    actions["D2"], actions["E3"], actions["G4"] = "En cours", 100, "9 000 €"
    assert refused(run_cli, repo, book) == [
        "collecte-2023.xlsx : Actions, ligne 7, colonne A (Fiche) : « 9.9 » n'est pas une fiche"
        " de ce plan",
        "collecte-2023.xlsx : Actions, ligne 8, colonne A (Fiche) : « 1.1 » : cette fiche est"
        " déjà à la ligne 2 ; une ligne par fiche et par indicateur",
        "collecte-2023.xlsx : Actions, ligne 5, colonne F (Note de suivi) : vide, alors que le"
        " statut ou l'avancement change : écrivez ce qui s'est passé (une entrée du journal a un"
        " texte)",
        "collecte-2023.xlsx : Indicateurs, ligne 3, colonne B (Indicateur) : « Heures"
        " d'insertion ? » n'est pas un indicateur de la fiche 1.2",
        "essplan : 4 erreurs dans collecte-2023.xlsx : rien n'est écrit",
    ]
    assert snapshot(repo) == before


def test_a_formula_looking_note_round_trips_as_text(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/2.2.yaml"
    path.write_text(path.read_text() + 'suivi:\n  - date: 2023-05\n    texte: "=1+1"\n')
    before = snapshot(repo)
    book = collected(run_cli, repo)
    note = book["Actions"]["F5"]
    assert (note.value, note.data_type) == ("'=1+1", "s")  # du texte, jamais une formule
    assert merge(run_cli, repo, "--write").stdout.startswith("Aucune modification")
    assert snapshot(repo) == before
    put(book["Actions"], "2.1", "Note de suivi", "'=SOMME(A1:A2)")  # tapé derrière une apostrophe
    book.save(repo / WORKBOOK)
    assert merge(run_cli, repo, "--write").exit_code == 0
    fiche = yaml.safe_load((repo / "plans/suivi-test/fiches/2.1.yaml").read_text())
    assert fiche["suivi"][-1] == {
        "date": "2023-12",
        "texte": "=SOMME(A1:A2)",
        "statut": "en_cours",
        "avancement": 10,
    }


def test_a_formula_typed_by_a_pilote_is_refused(run_cli, repo):
    book = collected(run_cli, repo)
    put(book["Actions"], "2.1", "Dépenses 2023", "=2000+3000")
    book.save(repo / WORKBOOK)
    result = merge(run_cli, repo)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "collecte-2023.xlsx : Actions, ligne 4, colonne G (Dépenses 2023) : « =2000+3000 » est"
        " une formule : essplan ne calcule pas les formules ; écrivez la valeur elle-même"
    )


def test_an_interrupted_write_leaves_every_file_as_it_was(run_cli, repo, monkeypatch):
    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    before = snapshot(repo)
    real_replace, calls = os.replace, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 2:  # la seconde fiche : la première est déjà renommée
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    result = merge(run_cli, repo, "--write")
    assert result.exit_code == 1
    assert result.stderr == (
        "essplan : impossible d'écrire dans plans/suivi-test : disque plein ; rien n'est écrit\n"
    )
    assert len(calls) == 3  # deux renommages, puis la première fiche remise en place
    assert snapshot(repo) == before  # ni fiche changée, ni reste caché


def test_the_workbook_must_be_one_written_by_collect(run_cli, repo):
    (repo / "texte.xlsx").write_text("pas un classeur")
    result = merge(run_cli, repo, workbook="texte.xlsx")
    assert (result.exit_code, result.stderr) == (
        1,
        "texte.xlsx : « texte.xlsx » n'est pas un classeur xlsx lisible\n"
        "essplan : 1 erreur dans texte.xlsx : rien n'est écrit\n",
    )
    openpyxl.Workbook().save(repo / "autre.xlsx")
    result = merge(run_cli, repo, workbook="autre.xlsx")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "autre.xlsx : « autre.xlsx » n'est pas un classeur écrit par essplan collect (sa feuille"
        " cachée « essplan » manque ou a été changée) : partez d'un classeur écrit par essplan"
        " collect PLAN --year ANNEE -o FICHIER"
    )
    collected(run_cli, repo)
    result = merge(run_cli, repo, "--year", "2022")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "collecte-2023.xlsx : « collecte-2023.xlsx » collecte l'année 2023, pas 2022 : rien"
        " n'est lu",
    )


def test_a_merge_while_another_command_writes_is_refused(run_cli, repo):
    from essplan.locking import plans_lock

    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    before = snapshot(repo)
    with plans_lock(repo / "plans", repo):
        result = merge(run_cli, repo, "--write")
    assert (result.exit_code, result.stderr) == (
        1,
        "essplan : une autre commande d'essplan (import ou collect) écrit en ce moment dans"
        " plans : rien n'est écrit ; relancez quand elle aura fini\n",
    )
    assert snapshot(repo) == before


def test_usage_errors(run_cli, repo, monkeypatch):
    result = run_cli("collect", "suivi-test", "-o", "c.xlsx", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : --year ANNEE manque : l'année à collecter (par exemple --year 2023)\n",
    )
    result = run_cli("collect", "suivi-test", "--year", "2023", "-o", "plans/c.xlsx", cwd=repo)
    assert result.exit_code == 2 and "où seul essplan import écrit" in result.stderr
    assert not (repo / "plans/c.xlsx").exists()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    result = run_cli("collect", "suivi-test", "--year", "2023", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : un classeur xlsx ne s'affiche pas dans un terminal : donnez -o FICHIER (par"
        " exemple -o collecte-2023.xlsx)\n",
    )


def test_a_text_indicator_of_clermont_2016_gets_its_value(run_cli, tmp_path):
    folder = tmp_path / "plans" / "clermont-2016"
    shutil.copytree(PLANS / "clermont-2016", folder)
    before = snapshot(tmp_path)
    book = collected(run_cli, tmp_path, "clermont-2016")
    put(book["Indicateurs"], "1.1", "Valeur 2023", 1, "Formalisation et vote de la délibération")
    put(book["Actions"], "5.2", "Dépenses 2023", "12 500,50")
    book.save(tmp_path / WORKBOOK)
    result = run_cli("collect", "clermont-2016", "--merge", WORKBOOK, "--write", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    expected = dict(before)
    key = "plans/clermont-2016/fiches/1.1.yaml"
    expected[key] = replaced(
        before[key].decode(),
        (
            "  - Formalisation et vote de la délibération\n",
            "  - libelle: Formalisation et vote de la délibération\n    valeurs:\n      2023: 1\n",
        ),
    ).encode()
    key = "plans/clermont-2016/fiches/5.2.yaml"
    expected[key] = before[key] + b"depenses:\n  2023: 12500.5\n"
    assert snapshot(tmp_path) == expected


def test_a_progress_the_spreadsheet_formats_as_a_percentage_is_read_in_percent(run_cli, repo):
    book = collected(run_cli, repo)
    cell = book["Actions"]["E4"]
    cell.value, cell.number_format = 0.45, "0%"  # « 45 % » tapé dans Excel
    book["Actions"]["F4"] = "Premier comité tenu."
    book.save(repo / WORKBOOK)
    assert merge(run_cli, repo, "--write").exit_code == 0
    fiche = yaml.safe_load((repo / "plans/suivi-test/fiches/2.1.yaml").read_text())
    assert fiche["suivi"][-1]["avancement"] == 45


def test_a_year_not_yet_begun_is_not_merged(run_cli, repo):
    import datetime as dt

    later = dt.date.today().year + 1
    assert (
        run_cli("collect", "suivi-test", "-y", str(later), "-o", "c.xlsx", cwd=repo).exit_code == 0
    )
    result = merge(run_cli, repo, workbook="c.xlsx")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        f"c.xlsx : « c.xlsx » collecte l'année {later}, qui n'a pas commencé : rien n'est lu",
    )


def test_lines_that_ruamel_would_respace_are_kept_as_written(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/1.1.yaml"
    spaced = (
        ("titre: Réseau", "titre:    Réseau"),
        ("cout: 5 000 euros / an", "cout: 5 000 euros / an   "),
    )
    original = replaced(path.read_text(), *spaced)
    path.write_text(original)
    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    assert merge(run_cli, repo, "--write").exit_code == 0
    assert path.read_text() == replaced(original, *FILLED_11)


def test_a_fiche_that_cannot_be_rewritten_identically_is_not_touched(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/1.1.yaml"
    path.write_text(
        replaced(path.read_text(), ("{2021: 6, 2022: 12}", "{2021: 6,\n      2022: 12}"))
    )
    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    before = snapshot(repo)
    result = merge(run_cli, repo, "--write")
    assert (result.exit_code, result.stderr) == (
        1,
        "essplan : plans/suivi-test/fiches/1.1.yaml : essplan collect ne sait pas réécrire ce"
        " fichier sans changer d'autres lignes (une mise en forme que ruamel.yaml ne reproduit"
        " pas) ; rien n'est écrit : reportez ces valeurs à la main\n",
    )
    assert snapshot(repo) == before


def test_a_fiche_with_a_byte_order_mark_and_crlf_keeps_them(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/1.1.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" + original).replace("\n", "\r\n").encode("utf-8"))
    book = collected(run_cli, repo)
    fill(book)
    book.save(repo / WORKBOOK)
    assert merge(run_cli, repo, "--write").exit_code == 0
    expected = "\ufeff" + replaced(original, *FILLED_11)
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")


ENTRY_2023 = (
    "  - date: 2023-02\n    texte: Trois marchés attribués avec clause d'insertion.\n"
    "    statut: realise\n    avancement: 100\n"
)


def test_an_entry_of_the_year_with_the_same_note_is_updated_another_note_is_added(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/1.2.yaml"
    original = path.read_text()
    book = collected(run_cli, repo)
    put(book["Actions"], "1.2", "Statut", "en cours")  # la note préremplie, gardée
    put(book["Actions"], "1.2", "Avancement", 90)
    book.save(repo / WORKBOOK)
    result = merge(run_cli, repo, "--write")
    assert result.stdout.splitlines()[1:3] == [
        "  suivi[2].statut : réalisé → en cours",
        "  suivi[2].avancement : 100 % → 90 %",
    ]
    updated = ENTRY_2023.replace("realise\n    avancement: 100", "en_cours\n    avancement: 90")
    assert path.read_text() == replaced(original, (ENTRY_2023, updated))
    put(book["Actions"], "1.2", "Note de suivi", "Un quatrième marché attribué.")
    book.save(repo / WORKBOOK)
    assert merge(run_cli, repo, "--write").exit_code == 0
    added = "  - date: 2023-12\n    texte: Un quatrième marché attribué.\n    statut: en_cours\n"
    assert path.read_text() == replaced(
        original, (ENTRY_2023, updated + added + "    avancement: 90\n")
    )


def test_an_entry_of_an_earlier_year_takes_its_place_in_the_journal(run_cli, repo):
    path = repo / "plans/suivi-test/fiches/1.2.yaml"
    original = path.read_text()
    result = run_cli("collect", "suivi-test", "--year", "2022", "-o", "c.xlsx", cwd=repo)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(repo / "c.xlsx")
    put(book["Actions"], "1.2", "Note de suivi", "Clauses appliquées au premier marché.")
    put(book["Actions"], "1.2", "Dépenses 2022", 11500)  # la même dépense : aucun changement
    book.save(repo / "c.xlsx")
    result = merge(run_cli, repo, "--write", "--year", "2022", workbook="c.xlsx")
    assert result.stdout.splitlines()[1] == (
        "  suivi[2] : nouvelle entrée 2022-12 « Clauses appliquées au premier marché. »"
        " (statut : en cours, avancement : 40 %)"
    )
    entry = (
        "  - date: 2022-12\n    texte: Clauses appliquées au premier marché.\n"
        "    statut: en_cours\n    avancement: 40\n"
    )
    assert path.read_text() == replaced(original, (ENTRY_2023, entry + ENTRY_2023))


def test_a_workbook_of_another_plan_or_too_big_is_refused(run_cli, repo, monkeypatch):
    shutil.copytree(PLANS / "clermont-2016", repo / "plans" / "clermont-2016")
    collected(run_cli, repo, "clermont-2016")
    result = merge(run_cli, repo)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "collecte-2023.xlsx : « collecte-2023.xlsx » a été écrit pour le plan clermont-2016,"
        " pas pour suivi-test : rien n'est lu",
    )
    monkeypatch.setattr("essplan.collect.read.MAX_UNCOMPRESSED", 1000)
    result = merge(run_cli, repo)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "collecte-2023.xlsx : « collecte-2023.xlsx » se décompresse en plus de 200 Mo : ce"
        " n'est pas un classeur de collecte ; il n'est pas ouvert",
    )
