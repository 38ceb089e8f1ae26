"""`essplan export --format scdl-deliberations` : l'adoption d'un plan comme une ligne du SCDL
« Délibérations » 2.1.5, vérifiée avec le schéma officiel livré et ses contrôles."""

from __future__ import annotations

import hashlib
import json
import shutil

import scdl_checks
from conftest import PLANS, REPO

from essplan.exchange import actes
from essplan.model.plan import ACTES_LAST_SUBJECT

VENDORED = REPO / "essplan" / "exchange" / "schemas" / "deliberations-2.1.5.schema.json"
SIRET = "21630113500010"  # quatorze chiffres, clé de Luhn juste (un exemple, pas celui de Clermont)


def schema() -> dict:
    return json.loads(VENDORED.read_text(encoding="utf-8"))


def clermont_copy(tmp_path, extra: str = "", matiere: str | None = '{code: "7.4"}'):
    """clermont-2016 copié, avec un SIRET et une matière ACTES (les plans livrés n'en ont pas :
    ils transcrivent fidèlement leurs sources)."""
    folder = tmp_path / "plans" / "clermont-2016"
    shutil.copytree(PLANS / "clermont-2016", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    if matiere is not None:
        text = text.replace("deliberation:\n", f"deliberation:\n  matiere: {matiere}\n", 1)
    plan.write_text(f"{extra}{text}", encoding="utf-8")
    return folder


# L'empreinte du schéma officiel, relevée quand il a été copié (voir le README de
# essplan/exchange/schemas/) : la copie livrée n'a pas bougé d'un octet.
OFFICIAL_SHA256 = "6c55e62776895fbe352cc3750733200f98b3e7f763b0acdcc79b888c4bb3abb6"


def test_the_vendored_schema_is_the_official_one():
    assert hashlib.sha256(VENDORED.read_bytes()).hexdigest() == OFFICIAL_SHA256


def test_the_export_passes_the_schema_and_its_checks(run_cli, tmp_path):
    clermont_copy(tmp_path, extra=f'siret: "{SIRET}"\n')
    result = run_cli("export", "clermont-2016", "--format", "scdl-deliberations", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert scdl_checks.errors(result.stdout, schema()) == []
    header, rows = scdl_checks.read(result.stdout)
    assert len(rows) == 1
    row = rows[0]
    assert row["COLL_NOM"] == "Clermont Communauté"
    assert row["COLL_SIRET"] == SIRET
    assert (row["DELIB_ID"], row["DELIB_DATE"]) == ("DEL20161014_005", "2016-10-14")
    assert row["DELIB_MATIERE_CODE"] == "7.4"
    assert row["DELIB_MATIERE_NOM"] == "finances locales/interventions économiques"
    assert row["DELIB_OBJET"].startswith("PROJET STRATÉGIQUE ET OPÉRATIONNEL")
    # 89 en exercice ; 86 pour, 0 contre, 0 abstention : 86 votants réels.
    assert [row[k] for k in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE")] == [
        "89",
        "86",
        "86",
        "0",
    ]
    assert row["VOTE_ABSTENTION"] == "0"
    assert row["BUDGET_ANNEE"] == row["BUDGET_NOM"] == row["PREF_DATE"] == ""
    assert result.stdout.endswith("\r\n")


def test_the_checks_catch_a_wrong_row():
    """Les contrôles refaits ici échouent sur une ligne fausse (sinon ils ne prouvent rien)."""
    good = ",".join(f["name"] for f in schema()["fields"])
    row = {f["name"]: "" for f in schema()["fields"]}
    row |= {"COLL_NOM": "X", "COLL_SIRET": "21630113500011", "DELIB_ID": "1"}
    row |= {"DELIB_DATE": "2016-10-14", "DELIB_MATIERE_CODE": "7.4", "DELIB_OBJET": "o"}
    row |= {"DELIB_MATIERE_NOM": "finances/locales", "VOTE_EFFECTIF": "10", "VOTE_POUR": "3"}
    text = good + "\r\n" + ",".join(row.values()) + "\r\n"
    found = scdl_checks.errors(text, schema())
    assert any("SIRET" in error for error in found)
    assert any("non solidaires" in error for error in found)
    assert any("matière ACTES" in error for error in found)


def test_a_plan_lacking_siret_and_matiere_names_each_key(run_cli, tmp_path):
    clermont_copy(tmp_path, matiere=None)
    target = tmp_path / "deliberations.csv"
    result = run_cli(
        "export",
        "clermont-2016",
        "--format",
        "scdl-deliberations",
        "-o",
        str(target),
        cwd=tmp_path,
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "essplan : plans/clermont-2016/plan.yaml : clé « siret » absente ;"
        " clé « deliberation.matiere.code » absente"
    )
    assert "rien n'est écrit" in result.stderr
    assert not target.exists()


def test_every_missing_key_is_named_at_once(run_cli, tmp_path):
    folder = tmp_path / "plans" / "p"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        "collectivite: C\ntitre: T\naxes: [{code: 1, titre: A}]\n"
        "deliberation: {vote: {pour: 10}}\n",
        encoding="utf-8",
    )
    result = run_cli("export", "p", "--format", "scdl-deliberations", cwd=tmp_path)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    for key in (
        "siret",
        "deliberation.numero",
        "deliberation.date",
        "deliberation.matiere.code",
        "deliberation.objet",
        "deliberation.vote.en_exercice",
        "deliberation.vote.contre",
        "deliberation.vote.abstention",
    ):
        assert f"« {key} »" in first, key


def test_a_written_name_must_pass_the_actes_check(run_cli, tmp_path):
    clermont_copy(
        tmp_path, extra=f'siret: "{SIRET}"\n', matiere='{code: "7.4", nom: "économie / ESS"}'
    )
    result = run_cli("export", "clermont-2016", "--format", "scdl-deliberations", cwd=tmp_path)
    assert result.exit_code == 1
    assert "deliberation.matiere.nom : la barre oblique ne doit être ni précédée" in result.stderr


def test_every_actes_code_has_a_name_that_passes_the_check():
    codes = [f"{m}.{s}" for m, last in ACTES_LAST_SUBJECT.items() for s in range(1, last + 1)]
    assert sorted(actes.SUBSUBJECTS) == sorted(codes)
    for code in codes:
        name = actes.subject_name(code)
        row = {"DELIB_MATIERE_NOM": name}
        assert scdl_checks.nomenclature_actes(row, {"column": "DELIB_MATIERE_NOM"}) == [], code
        assert name == name.lower() and name.count("/") == 1, code
        assert "," not in name and "(" not in name and ")" not in name, code
    assert (
        actes.subject_name("8.4") == "domaines de compétences par thèmes/aménagement du territoire"
    )


def test_more_voters_than_members_is_refused(run_cli, tmp_path):
    folder = clermont_copy(tmp_path, extra=f'siret: "{SIRET}"\n')
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("pour: 86", "pour: 95"))
    result = run_cli("export", "clermont-2016", "--format", "scdl-deliberations", cwd=tmp_path)
    assert result.exit_code == 1
    assert "95 votants (pour + contre + abstention) pour 89 membres en exercice" in result.stderr


def test_several_plans_give_one_row_each(run_cli, tmp_path):
    clermont_copy(tmp_path, extra=f'siret: "{SIRET}"\n')
    other = tmp_path / "plans" / "autre"
    (other / "fiches").mkdir(parents=True)
    (other / "plan.yaml").write_text(
        f'collectivite: Autre\nsiret: "{SIRET}"\ntitre: T\naxes: [{{code: 1, titre: A}}]\n'
        "deliberation: {numero: D1, date: 2024-02-01, objet: Plan ESS,"
        ' matiere: {code: "8.6"}}\n',
        encoding="utf-8",
    )
    result = run_cli("export", "--format", "scdl-deliberations", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert scdl_checks.errors(result.stdout, schema()) == []
    _, rows = scdl_checks.read(result.stdout)
    assert [row["COLL_NOM"] for row in rows] == ["Autre", "Clermont Communauté"]
    assert rows[0]["DELIB_MATIERE_NOM"] == (
        "domaines de compétences par thèmes/emploi-formation professionnelle"
    )
    assert rows[0]["VOTE_EFFECTIF"] == rows[0]["VOTE_REEL"] == ""  # pas de vote : tout vide


def test_the_wheel_carries_the_vendored_schema():
    """La roue emporte le schéma (package-data) : sans lui, l'export installé échouerait."""
    import fnmatch
    import tomllib

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["essplan"]
    relative = VENDORED.relative_to(REPO / "essplan").as_posix()
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)
