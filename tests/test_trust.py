"""Les défauts relevés par l'issue 11 (« Trust »), un test chacun : documents, réponses de la
ligne de commande, lecture sûre. Les formes des mois et des coûts sont dans test_forms.py,
le français de la ligne de commande dans test_french.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from lint_helpers import COMPLETE, write_plan

import essplan.config

BASE = Path(__file__).parent / "bad_inputs" / "_base"
NBSP = "\u00a0"

SIX_YEARS = """\
collectivite: Communauté de test
titre: Plan de six ans
periode: 2025-2030
axes:
  - code: 1
    titre: Premier axe
deliberation:
  heure: 08 H 15
"""
ONE_YEAR = """\
id: "1.1"
axe: 1
titre: Une action d'un an
pilotes: [Une pilote]
debut: 2025-01
fin: 2025-12
cout: 1 000 euros/an
financement: La communauté
indicateurs: [Un indicateur]
statut: en_cours
"""


@pytest.fixture
def six_years(tmp_path) -> Path:
    write_plan(tmp_path, {"1.1.yaml": ONE_YEAR}, plan=SIX_YEARS)
    return tmp_path


# ---------------------------------------------------------------------------- documents


def test_markdown_calendar_of_a_six_year_plan_compares_months(run_cli, six_years):
    """De janvier à décembre 2025 : ■ en 2025, rien en 2026 (la largeur arrondie d'une année de
    frise, 111,67 px, faisait déborder la barre sur 2026)."""
    text = run_cli(
        "report", "p", "-t", "synthese", "-f", "markdown", "-o", "-", cwd=six_years
    ).stdout
    assert "| Action | 2025 | 2026 | 2027 | 2028 | 2029 | 2030 |\n" in text
    assert "| 1.1 | ■ |  |  |  |  |  |\n" in text


def test_html_calendar_bar_ends_on_the_line_of_the_next_year(run_cli, six_years):
    html = run_cli("report", "p", "-t", "synthese", "-o", "-", cwd=six_years).stdout
    bar = re.search(
        r'<rect class="barre" data-fiche="1.1" data-du="2025-01" data-au="2025-12"'
        r' x="([\d.]+)" y="\d+" width="([\d.]+)"',
        html,
    )
    lines = [float(x) for x in re.findall(r'<line class="grille" x1="([\d.]+)"', html)]
    assert bar and len(lines) == 7  # six années, sept traits
    start, end = float(bar[1]), round(float(bar[1]) + float(bar[2]), 2)
    assert (start, end) == (lines[0], lines[1])  # ni avant 2025, ni dans 2026


def test_legend_of_hatched_bars_only_when_a_bar_is_hatched(run_cli, six_years):
    html = run_cli("report", "p", "-t", "synthese", "-o", "-", cwd=six_years).stdout
    assert "Barres hachurées" not in html
    assert 'class="barre fin-supposee"' not in html and 'id="fin-supposee"' not in html
    hatched = run_cli("report", "clermont-2016", "-t", "synthese", "-o", "-").stdout
    assert 'class="barre fin-supposee"' in hatched and "Barres hachurées" in hatched
    markdown = run_cli(
        "report", "p", "-t", "synthese", "-f", "markdown", "-o", "-", cwd=six_years
    ).stdout
    assert "■ l'action court cette année.\n" in markdown and "fin est inconnue" not in markdown


def test_synthese_writes_a_dash_where_budget_writes_a_dash(run_cli):
    """clermont-2022 n'a aucune action chiffrée : « — » dans `essplan budget` comme dans la
    synthèse, jamais « 0 € »."""
    budget = run_cli("budget", "clermont-2022").stdout
    assert re.search(r"\n  Total des actions +— +— +— +— +— +—\n", budget)
    markdown = run_cli(
        "report", "clermont-2022", "-t", "synthese", "-f", "markdown", "-o", "-"
    ).stdout
    assert "| **Total des actions** | **—** | **—** | **—** | **—** | **—** | **—** |\n" in markdown
    html = run_cli("report", "clermont-2022", "-t", "synthese", "-o", "-").stdout
    row = re.search(r"<tr><th scope=\"row\">Total des actions</th>(.*?)</tr>", html)[1]
    assert re.findall(r"<strong>([^<]*)</strong>", row) == ["—"] * 6 and "€" not in row


def test_french_typography_of_dates_and_times(run_cli, six_years):
    synthese = run_cli(
        "report",
        "p",
        "-t",
        "synthese",
        "-f",
        "markdown",
        "-o",
        "-",
        "--date",
        "2026-11",
        cwd=six_years,
    ).stdout
    assert "Situation en novembre 2026" in synthese and "Situation au" not in synthese
    seance = run_cli(
        "report", "p", "-t", "deliberation", "-f", "markdown", "-o", "-", cwd=six_years
    ).stdout
    assert f"Séance à 8{NBSP}h{NBSP}15\n" in seance and "08 H 15" not in seance


@pytest.mark.parametrize("plan_id", ["clermont-2016", "clermont-2022", "grenoble", "poitiers"])
@pytest.mark.parametrize("template", ["annexe", "deliberation", "synthese"])
@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_council_documents_show_no_rule_code_and_no_format_value(
    run_cli, plan_id, template, output_format
):
    text = run_cli(
        "report", plan_id, "-t", template, "-f", output_format, "-o", "-", "--date", "2026-11"
    ).stdout
    visible = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)
    visible = re.sub(r"<[^>]+>", " ", visible)  # le texte, pas les balises ni les attributs
    assert not re.search(r"\bESS\d{3}\b", visible)
    for name in ("missing-pilote", "late-action", "unbudgeted-cost", "similar-names"):
        assert name not in visible
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", visible), plan_id


def test_synthese_points_say_where_and_what_in_french(run_cli):
    text = run_cli("report", "clermont-2016", "-t", "synthese", "-f", "markdown", "-o", "-").stdout
    assert "- Action 1.2 — coût non chiffré : coût indicatif vide\n" in text
    assert "- Action 1.3 — montant suspect : montant suspect « 64 0000 »" in text


# ------------------------------------------------------------------- réponses de la CLI


def test_an_invalid_fiche_causes_no_numbering_gap(run_cli, tmp_path):
    """Une fiche 1.1 invalide : son erreur, et pas en plus « « 1.1 » manque avant « 1.2 » »."""
    write_plan(
        tmp_path,
        {
            "1.1.yaml": COMPLETE.replace("statut: en_cours", "statut: fini"),
            "1.2.yaml": COMPLETE.replace('id: "1.1"', 'id: "1.2"'),
        },
    )
    result = run_cli("lint", "--output-format", "json", "--date", "2021-06", cwd=tmp_path)
    codes = [d["code"] for d in json.loads(result.stdout)]
    assert codes == ["ESS004"]
    (tmp_path / "plans/p/fiches/1.1.yaml").write_bytes(b"\xff\xfe\x00binaire")
    result = run_cli("lint", "--output-format", "json", "--date", "2021-06", cwd=tmp_path)
    assert [d["code"] for d in json.loads(result.stdout)] == ["ESS009"]


@pytest.mark.parametrize("output_format", ["full", "concise", "json"])
def test_statistics_in_the_format_asked(run_cli, output_format):
    result = run_cli(
        "lint",
        "clermont-2016",
        "--statistics",
        "--output-format",
        output_format,
        "--date",
        "2021-06",
    )
    assert result.exit_code == 0
    if output_format == "json":
        rows = json.loads(result.stdout)
        assert rows[0] == {
            "code": "ESS301",
            "nom": "unbudgeted-cost",
            "severite": "avertissement",
            "nombre": 3,
        }
        assert {
            "code": "ESS401",
            "nom": "similar-names",
            "severite": "avertissement",
            "nombre": 3,
        } in rows
    else:
        assert result.stdout.splitlines()[0].split() == [
            "3",
            "ESS301",
            "unbudgeted-cost",
            "[avertissement]",
        ]


@pytest.mark.parametrize("output_format", ["github", "gitlab", "sarif"])
def test_statistics_in_an_annotation_format_is_a_usage_error(run_cli, output_format):
    result = run_cli("lint", "--statistics", "--output-format", output_format)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"essplan : --statistics s'écrit en full, concise, json, pas en {output_format}\n"
    )


def test_statistics_use_the_configured_severity(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("pilotes:\n  - Une pilote\n", "")})
    (tmp_path / "essplan.toml").write_text('[severity]\nESS101 = "erreur"\n', encoding="utf-8")
    result = run_cli(
        "lint", "--statistics", "--output-format", "json", "--date", "2021-06", cwd=tmp_path
    )
    assert json.loads(result.stdout) == [
        {"code": "ESS101", "nom": "missing-pilote", "severite": "erreur", "nombre": 1}
    ]
    assert result.exit_code == 1


def two_repositories(tmp_path: Path) -> tuple[Path, Path]:
    """A sans configuration ; B qui tait ESS101 ; chacun un plan dont une fiche n'a pas de pilote."""
    a, b = tmp_path / "A", tmp_path / "B"
    no_pilote = COMPLETE.replace("pilotes:\n  - Une pilote\n", "")
    write_plan(a, {"1.1.yaml": no_pilote})
    write_plan(b, {"1.1.yaml": no_pilote})
    (b / "essplan.toml").write_text('ignore = ["ESS101"]\n', encoding="utf-8")
    return a, b


def test_the_configuration_is_that_of_the_targeted_repository(run_cli, tmp_path):
    a, b = two_repositories(tmp_path)

    def codes(*args: str, cwd: Path) -> list[str]:
        result = run_cli("lint", "--output-format", "json", "--date", "2021-06", *args, cwd=cwd)
        return [d["code"] for d in json.loads(result.stdout)]

    assert codes(cwd=b) == []
    assert codes("../B/plans/p", cwd=a) == []  # depuis A, le plan de B suit B
    assert codes("../A/plans/p", cwd=b) == ["ESS101"]  # depuis B, le plan de A suit A
    assert codes(cwd=a) == ["ESS101"]
    assert codes("plans/p", "../B/plans/p", cwd=a) == ["ESS101"]  # chacun la sienne


def test_the_synthese_uses_the_configuration_of_its_repository(run_cli, tmp_path):
    a, b = two_repositories(tmp_path)
    text = run_cli(
        "report", "../B/plans/p", "-t", "synthese", "-f", "markdown", "-o", "-", cwd=a
    ).stdout
    assert "pilote manquant" not in text


def test_every_output_refuses_a_missing_folder(run_cli, tmp_path):
    target = tmp_path / "absent" / "sortie.txt"
    for args in (
        ["lint", "clermont-2016"],
        ["budget", "clermont-2016"],
        ["report", "clermont-2016"],
    ):
        result = run_cli(*args, "-o", str(target))
        assert result.exit_code == 2, args
        assert "n'existe pas (essplan ne crée pas de dossier pour -o)" in result.stderr
    assert not (tmp_path / "absent").exists()


def test_an_output_that_is_a_folder_is_refused(run_cli, tmp_path):
    result = run_cli("budget", "clermont-2016", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.endswith(": c'est un dossier, pas un fichier ordinaire\n")


# ----------------------------------------------------------------------- lecture sûre


def test_depth_is_ess009_whoever_detects_it(run_cli, tmp_path):
    """2 000 crochets ouverts : libyaml (PyYAML 6.0.2 et suivants) s'arrête à 1 000 avant
    qu'essplan ne voie le 51e ; 60 listes en bloc : essplan s'arrête au 51e niveau. Même code,
    même message."""
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    fiches = tmp_path / "plans/p/fiches"
    (fiches / "1.1.yaml").write_text(
        'id: "1.1"\naxe: 1\ntitre: ' + "[" * 2000 + "\n", encoding="utf-8"
    )
    block = "".join("  " * level + "-\n" for level in range(60))
    (fiches / "1.2.yaml").write_text(
        f'id: "1.2"\naxe: 1\ntitre: T\nmethode:\n{block}', encoding="utf-8"
    )
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    found = [(d["code"], d["fichier"][-8:], d["message"]) for d in json.loads(result.stdout)]
    message = "imbrication trop profonde (plus de 50 niveaux)"
    assert found == [("ESS009", "1.1.yaml", message), ("ESS009", "1.2.yaml", message)]


def test_a_depth_libyaml_cannot_read_is_refused(run_cli, tmp_path, monkeypatch):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "essplan.toml").write_text("[limits]\nmax-depth = 5000\n", encoding="utf-8")
    monkeypatch.setattr(essplan.config, "libyaml_max_depth", lambda: 1000)
    result = run_cli("validate", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "essplan : essplan.toml : limits.max-depth : 5000 niveaux, plus que les 1000 que libyaml"
        " (la bibliothèque de lecture YAML) accepte ; choisissez au plus 1000\n"
    )
    monkeypatch.setattr(essplan.config, "libyaml_max_depth", lambda: None)  # PyYAML 6.0.1
    assert run_cli("validate", cwd=tmp_path).exit_code == 0


def test_libyaml_ceiling_is_read_from_the_installed_pyyaml():
    from essplan.reading.syntax import libyaml_max_depth

    ceiling = libyaml_max_depth()
    assert ceiling is None or ceiling >= 50  # la limite par défaut d'essplan est tenable


def test_repository_readme_quick_start_is_the_ci_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && .venv/bin/python -m pytest" in ci
