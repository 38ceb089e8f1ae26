"""`essplan lint` par son vrai point d'entrée : plans livrés, configuration, suppressions, formats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import PLANS, REPO
from lint_helpers import COMPLETE, write_plan

SCHEMAS = Path(__file__).parent / "schemas"


def findings(run_cli, *args, cwd=REPO) -> set[tuple[str, str, str]]:
    """(code, fichier, chemin de clé) de chaque constat en JSON."""
    result = run_cli("lint", "--output-format", "json", "--date", "2021-06", *args, cwd=cwd)
    return {(d["code"], d["fichier"], d["chemin"]) for d in json.loads(result.stdout)}


def test_clermont_2016_findings(run_cli):
    found = findings(run_cli, "clermont-2016")
    f = "plans/clermont-2016/fiches/"
    for expected in [
        ("ESS101", f + "2.4.yaml", "pilotes"),
        ("ESS101", f + "4.1.yaml", "pilotes"),
        ("ESS201", f + "3.1.yaml", "fin"),
        ("ESS301", f + "2.3.yaml", "cout"),
        ("ESS301", f + "1.2.yaml", "cout"),
        ("ESS302", f + "1.3.yaml", "cout.texte"),
        ("ESS304", f + "1.3.yaml", "cout"),
        ("ESS401", f + "3.1.yaml", "associes[2]"),
        ("ESS401", f + "3.2.yaml", "pilotes[1]"),
    ]:
        assert expected in found
    assert not {code for code, _, _ in found} & {"ESS501", "ESS502", "ESS503", "ESS504"}


def test_patureau_mirand_suggestion(run_cli):
    result = run_cli("lint", "clermont-2016", "--select", "ESS401", "--output-format", "concise")
    assert (
        "plans/clermont-2016/fiches/3.1.yaml:8:5: ESS401 associes[2] : « Pierre Patureau-Mérand »"
        " s'écrit aussi « Pierre Patureau-Mirand », « Pierre Patureau Mirand » dans ce plan"
        " [aide : vouliez-vous dire « Pierre Patureau-Mirand »"
    ) in result.stdout


def test_grenoble_currency_without_number(run_cli):
    assert ("ESS302", "plans/grenoble/fiches/4.1.yaml", "cout") in findings(run_cli, "grenoble")


def test_bundled_plans_carry_no_suppression():
    for path in PLANS.rglob("*.yaml"):
        assert "essplan:" not in path.read_text(encoding="utf-8"), path


def test_exit_codes_and_fail_on(run_cli):
    assert run_cli("lint", "clermont-2016").exit_code == 0  # des avertissements, pas d'erreur
    assert run_cli("lint", "clermont-2016", "--fail-on", "warning").exit_code == 1
    assert run_cli("lint", "clermont-2016", "--fail-on", "warning", "--exit-zero").exit_code == 0
    assert run_cli("lint", "lyon-2030").exit_code == 2
    assert run_cli("lint", "--date", "bientôt").exit_code == 2


def test_summary_line_counts_per_severity(run_cli):
    result = run_cli("lint", "clermont-2016", "--output-format", "concise")
    assert (
        result.stdout.splitlines()[-1]
        == "1 plan, 14 fiches : 14 avertissements, 1 info dans 7 fichiers"
    )


def test_statistics(run_cli):
    result = run_cli("lint", "clermont-2016", "--statistics")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["3", "ESS301", "unbudgeted-cost", "[avertissement]"]
    assert "    3  ESS401  similar-names                [avertissement]" in lines


def test_invalid_plan_reports_validation_errors(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("titre:", "titr:")})
    result = run_cli("lint", "--output-format", "concise", cwd=tmp_path)
    assert result.exit_code == 1
    assert "ESS003 titr : clé inconnue « titr »" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_invalid_plan_yaml_gives_its_errors_only(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE}, plan="collectivite: [\n")
    result = run_cli("lint", "--output-format", "concise", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("plans/p/plan.yaml:2:1: ESS001")


# ------------------------------------------------------------------------- configuration


def test_config_file(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("pilotes:\n  - Une pilote\n", "")})
    assert ("ESS101", "plans/p/fiches/1.1.yaml", "pilotes") in findings(run_cli, cwd=tmp_path)
    (tmp_path / "essplan.toml").write_text('[severity]\nESS101 = "error"\n', encoding="utf-8")
    assert run_cli("lint", cwd=tmp_path).exit_code == 1
    (tmp_path / "essplan.toml").write_text('ignore = ["ESS1"]\n', encoding="utf-8")
    assert findings(run_cli, cwd=tmp_path) == set()
    (tmp_path / "essplan.toml").write_text(
        '[per-file-ignores]\n"plans/p/fiches/*" = ["ESS101"]\n', encoding="utf-8"
    )
    assert findings(run_cli, cwd=tmp_path) == set()
    (tmp_path / "essplan.toml").write_text('[severity]\nESS101 = "off"\n', encoding="utf-8")
    assert findings(run_cli, cwd=tmp_path) == set()


def test_config_in_pyproject(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("pilotes:\n  - Une pilote\n", "")})
    (tmp_path / "pyproject.toml").write_text(
        '[tool.essplan]\nselect = ["ESS2"]\n', encoding="utf-8"
    )
    assert findings(run_cli, cwd=tmp_path) == set()


def test_select_on_the_command_line(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("pilotes:\n  - Une pilote\n", "")})
    assert findings(run_cli, "--select", "ESS2,ESS3", cwd=tmp_path) == set()
    assert {c for c, _, _ in findings(run_cli, "--select", "ESS101", cwd=tmp_path)} == {"ESS101"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["ESS1"]\n', "essplan.toml : clé inconnue « selct »"),
        ('select = ["ESS999"]\n', "essplan.toml : select : code inconnu « ESS999 »"),
        ('select = "ESS1"\n', "essplan.toml : « select » doit être une liste de codes"),
        (
            '[severity]\nESS101 = "grave"\n',
            "essplan.toml : severity.ESS101 : « grave » n'est pas une sévérité",
        ),
        (
            "[limits]\nmax-file-size = -1\n",
            "essplan.toml : limits.max-file-size : un nombre entier positif",
        ),
        ("select = [\n", "essplan.toml : TOML illisible"),
        (
            b'ignore = ["ESS101"] # d\xe9j\xe0\n',
            "essplan.toml:1:24 : le fichier n'est pas en UTF-8",
        ),
    ],
)
def test_config_errors_exit_2(run_cli, tmp_path, content, message):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE})
    config = tmp_path / "essplan.toml"
    config.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = run_cli("lint", cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


# --------------------------------------------------------------------------- suppressions


def test_inline_suppressions(run_cli, tmp_path):
    fiche = COMPLETE.replace(
        "cout: 5 000 euros/an", "cout: 64 0000 euros/an  # essplan: ignore[ESS302]"
    )
    write_plan(tmp_path, {"1.1.yaml": fiche})
    assert findings(run_cli, cwd=tmp_path) == set()
    fiche = COMPLETE.replace(
        "cout: 5 000 euros/an", "# essplan: ignore[ESS302]\ncout: 64 0000 euros/an"
    )
    write_plan(tmp_path, {"1.1.yaml": fiche})
    assert findings(run_cli, cwd=tmp_path) == set()


def test_file_suppression(run_cli, tmp_path):
    fiche = "# essplan: file-ignore[ESS101]\n" + COMPLETE.replace("pilotes:\n  - Une pilote\n", "")
    write_plan(tmp_path, {"1.1.yaml": fiche})
    assert findings(run_cli, cwd=tmp_path) == set()


def test_unused_and_codeless_suppressions_are_reported(run_cli, tmp_path):
    fiche = COMPLETE.replace(
        "cout: 5 000 euros/an", "cout: 5 000 euros/an  # essplan: ignore[ESS302]"
    )
    fiche = fiche.replace(
        "titre: Une action complète", "titre: Une action complète  # essplan: ignore"
    )
    write_plan(tmp_path, {"1.1.yaml": fiche})
    result = run_cli("lint", "--output-format", "concise", cwd=tmp_path)
    assert result.stdout.splitlines()[:2] == [
        "plans/p/fiches/1.1.yaml:3:29: ESS900 suppression sans code : écrivez « # essplan:"
        " ignore[ESS302] » (le code dit ce qui est supprimé) [aide : retirez le commentaire, ou le"
        " code qui ne sert plus]",
        "plans/p/fiches/1.1.yaml:13:23: ESS900 suppression inutile : ESS302 ne signale rien ici"
        " [aide : retirez le commentaire, ou le code qui ne sert plus]",
    ]


# -------------------------------------------------------------------------------- formats


def test_gitlab_report_matches_the_published_schema(run_cli):
    result = run_cli("lint", "--output-format", "gitlab")
    issues = json.loads(result.stdout)
    schema = json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    assert issues
    for issue in issues:
        jsonschema.validate(issue, schema)
        # ce que la documentation de GitLab exige en plus du schéma
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["check_name"].startswith("ESS")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_ignore_line_numbers(run_cli, tmp_path):
    fiche = COMPLETE.replace("pilotes:\n  - Une pilote\n", "")
    write_plan(tmp_path, {"1.1.yaml": fiche})
    before = json.loads(run_cli("lint", "--output-format", "gitlab", cwd=tmp_path).stdout)
    write_plan(tmp_path, {"1.1.yaml": "# une ligne de plus\n\n" + fiche})
    after = json.loads(run_cli("lint", "--output-format", "gitlab", cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in before] != [
        i["location"]["lines"]["begin"] for i in after
    ]


def test_sarif_report_matches_the_published_schema(run_cli):
    result = run_cli("lint", "--output-format", "sarif")
    report = json.loads(result.stdout)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    driver = report["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert {"ESS001", "ESS101", "ESS302", "ESS504", "ESS900"} <= set(ids)
    for found in report["runs"][0]["results"]:
        assert ids[found["ruleIndex"]] == found["ruleId"]


def test_output_file_is_written_and_stdout_stays_empty(run_cli, tmp_path):
    target = tmp_path / "rapport" / "sarif.json"
    target.parent.mkdir()
    result = run_cli("lint", "--output-format", "sarif", "-o", str(target))
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_github_warnings(run_cli):
    result = run_cli("lint", "grenoble", "--select", "ESS302", "--output-format", "github")
    assert result.stdout == (
        "::warning file=plans/grenoble/fiches/4.1.yaml,line=4,col=7,title=ESS302 suspicious-amount::"
        "cout : devise sans montant : « Aide plafonnée à € » (indiquez le montant (par exemple"
        " « Aide plafonnée à 5 000 € »))\n"
    )


# ---------------------------------------------------------------------------- essplan rule


def test_rule_explains_in_french(run_cli):
    result = run_cli("rule", "ESS302")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "ESS302 suspicious-amount — montant suspect (avertissement par défaut)\n"
    )
    for title in (
        "Ce qu'elle trouve",
        "Pourquoi c'est important",
        "Exemple qui la déclenche",
        "Exemple correct",
        "Comment corriger",
    ):
        assert f"\n{title}\n" in result.stdout


def test_rule_all_and_json(run_cli):
    listing = run_cli("rule", "--all").stdout.splitlines()
    assert len(listing) == 45  # 10 codes de validation, 34 règles, ESS900
    assert listing[0].startswith("ESS001  yaml-syntax")
    rules = json.loads(run_cli("rule", "--all", "--output-format", "json").stdout)
    assert {
        "code",
        "nom",
        "intitule",
        "severite",
        "resume",
        "pourquoi",
        "exemple_en_defaut",
        "exemple_correct",
        "correction",
    } == set(rules[0])
    assert rules[0]["severite"] == "erreur"
    assert run_cli("rule", "ESS999").exit_code == 2
