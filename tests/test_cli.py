"""La ligne de commande, par son vrai point d'entrée : codes de sortie et sorties exactes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from essplan import __version__

BASE = Path(__file__).parent / "bad_inputs" / "_base"


def test_version(run_cli):
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"essplan {__version__}\n")


def test_help_is_in_french(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "Utilisation : essplan" in result.stdout
    assert "Affiche cette aide et quitte." in result.stdout
    assert "Show this message" not in result.stdout


def test_validate_the_repository(run_cli):
    result = run_cli("validate")
    assert (result.exit_code, result.stdout) == (0, "4 plans, 38 fiches : aucune erreur\n")


def test_validate_counts_the_fourteen_clermont_2016_fiches(run_cli):
    result = run_cli("validate", "clermont-2016")
    assert (result.exit_code, result.stdout) == (0, "1 plan, 14 fiches : aucune erreur\n")


def test_validate_from_a_subfolder_walks_up_to_the_repository(run_cli):
    result = run_cli("validate", cwd=REPO / "plans" / "grenoble" / "fiches")
    assert result.exit_code == 0
    assert result.stdout == "4 plans, 38 fiches : aucune erreur\n"


def test_unknown_plan_is_a_usage_error(run_cli):
    result = run_cli("validate", "lyon-2030")
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : plan inconnu ou chemin inexistant : « lyon-2030 »")
    assert "clermont-2016" in result.stderr


def test_no_repository_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "aucun dépôt de plans trouvé" in result.stderr


def test_unknown_option_is_a_usage_error_in_french(run_cli):
    result = run_cli("validate", "--nope")
    assert result.exit_code == 2
    assert "Option inconnue : '--nope'." in result.stderr


def make_repo(tmp_path: Path, fiche: str) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "plans/p/fiches/1.1.yaml").write_text(fiche, encoding="utf-8")
    return tmp_path


def test_full_output_shows_the_line_and_a_caret(run_cli, tmp_path):
    repo = make_repo(tmp_path, 'id: "1.1"\naxe: 1\ntitre: Une action\npilotte:\n  - Une pilote\n')
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "plans/p/fiches/1.1.yaml:4:1: ESS003 pilotte : clé inconnue « pilotte »\n"
        "  |\n"
        "4 | pilotte:\n"
        "  | ^\n"
        "   = aide : vouliez-vous dire « pilotes » ?\n"
        "\n"
        "1 plan, 2 fiches : 1 erreur dans 1 fichier\n"
    )


def test_concise_output(run_cli, tmp_path):
    repo = make_repo(tmp_path, 'id: "1.1"\naxe: 1\ntitre: Une action\ncout:\n  montant: -5\n')
    result = run_cli("validate", "--output-format", "concise", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "plans/p/fiches/1.1.yaml:5:12: ESS004 cout.montant : un montant ne peut pas être négatif (« -5 »)\n"
        "1 plan, 2 fiches : 1 erreur dans 1 fichier\n"
    )


def test_json_output(run_cli, tmp_path):
    repo = make_repo(tmp_path, 'id: "1.1"\naxe: 3\ntitre: Une action\n')
    result = run_cli("validate", "--output-format", "json", cwd=repo)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "code": "ESS006",
            "nom": "unknown-axe",
            "severite": "erreur",
            "message": "axe « 3 » inconnu : plan.yaml ne le déclare pas",
            "fichier": "plans/p/fiches/1.1.yaml",
            "ligne": 2,
            "colonne": 6,
            "chemin": "axe",
            "suggestion": "axes du plan : 1, 2",
            "plan": "p",
        }
    ]


def test_json_output_when_valid_is_an_empty_list(run_cli):
    result = run_cli("validate", "--output-format", "json", "poitiers")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_github_annotations_are_escaped(run_cli, tmp_path):
    repo = make_repo(tmp_path, 'id: "1.1"\naxe: 1\ntitre: Une action\nstatut: "50%, bientôt"\n')
    result = run_cli("validate", "--output-format", "github", cwd=repo)
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(
        "::error file=plans/p/fiches/1.1.yaml,line=4,col=9,title=ESS004 invalid-value::statut : "
        "valeur « 50%25, bientôt » non admise"
    )


def test_output_format_from_the_environment(run_cli, tmp_path, monkeypatch):
    repo = make_repo(tmp_path, 'id: "1.1"\naxe: 3\ntitre: Une action\n')
    monkeypatch.setenv("ESSPLAN_OUTPUT_FORMAT", "concise")
    result = run_cli("validate", cwd=repo)
    assert result.stdout.splitlines()[0].startswith("plans/p/fiches/1.1.yaml:2:6: ESS006")


def test_internal_errors_are_reported_without_traceback(run_cli, monkeypatch):
    import essplan.validation.validate

    def explode(*args, **kwargs):
        raise RuntimeError("boum")

    monkeypatch.setattr(essplan.validation.validate, "validate_plan", explode)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "erreur interne (RuntimeError : boum)" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_script(tmp_path):
    script = Path(sys.executable).parent / "essplan"
    result = subprocess.run(
        [str(script), "validate", "clermont-2016"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (0, "1 plan, 14 fiches : aucune erreur\n")
    module = subprocess.run(
        [sys.executable, "-m", "essplan", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert module.stdout == f"essplan {__version__}\n"


def test_typer_cli_runner():
    """Le même parcours par le CliRunner de typer (sans la garde de `main`)."""
    from typer.testing import CliRunner

    from essplan.cli import app

    result = CliRunner().invoke(app, ["validate", str(REPO / "plans" / "poitiers")])
    assert result.exit_code == 0
    assert result.output == "1 plan, 10 fiches : aucune erreur\n"


def test_type_errors_name_the_type_in_french(run_cli):
    result = run_cli("budget", "--year", "abc")
    assert result.exit_code == 2
    assert "'abc' n'est pas un entier valide." in result.stderr
    assert "integer" not in result.stderr
