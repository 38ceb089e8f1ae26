"""La date de `--date` (issue 13) : l'an 0 n'existe pas pour `datetime`, et `report --date
0000-01` plantait. Une date hors des années qu'essplan compte (celles de `budget --year`) est
une erreur d'usage, en français, code 2, pour chaque commande qui la lit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

BASE = Path(__file__).parent / "bad_inputs" / "_base"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.mark.parametrize("command", ["report", "lint"])
@pytest.mark.parametrize(("date", "year"), [("0000-01", 0), ("9999-12", 9999), ("1899-12", 1899)])
def test_a_date_out_of_the_years_is_a_usage_error(run_cli, repo, command, date, year):
    result = run_cli(command, "p", "--date", date, "-o", "-", cwd=repo)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"essplan : --date : année {year} hors des années qu'essplan compte (de 1900 à 2200)\n"
    )


@pytest.mark.parametrize("command", ["report", "lint"])
@pytest.mark.parametrize("date", ["1900-01", "2200-12"])
def test_the_first_and_last_years_are_accepted(run_cli, repo, command, date):
    result = run_cli(command, "p", "--date", date, "-o", "-", cwd=repo)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("date", ["0000-01", "9999-12"])
def test_budget_has_no_date_and_says_so_in_french(run_cli, repo, date):
    result = run_cli("budget", "p", "--date", date, cwd=repo)
    assert result.exit_code == 2
    assert "Erreur : Option inconnue : '--date'." in result.stderr
