"""`essplan report -t bilan --year` : le bilan annuel du plan de suivi des tests (chiffres
calculés à la main ci-dessous), rien des années suivantes, le texte du plan toujours une
donnée, et ce que l'annexe et la synthèse montrent désormais du suivi.

Le plan (`tests/suivi_plan/plans/suivi-test`, période 2021–2024) n'est jamais modifié : un
test qui lui ajoute des données travaille sur une copie.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from regenerate_golden import GOLDEN, SUIVI, bilan
from test_french import english_words
from test_template_bounds import spy

import essplan.documents.report as report_module
from essplan import french
from essplan.documents.charts import indicator_chart
from essplan.documents.limits import RenderLimits
from essplan.documents.report import render_report
from essplan.repository import plans_in
from essplan.suivi.spending import plan_years, year_spending
from essplan.validation.validate import validate_plan

PLAN = SUIVI / "plans" / "suivi-test"


def eur(amount: int) -> str:
    return french.amount(amount)


def loaded(root: Path = SUIVI, plan_id: str = "suivi-test"):
    return validate_plan(next(t for t in plans_in(root, root) if t.folder.name == plan_id))


def copy_plan(tmp_path: Path, changes) -> Path:
    """Une copie du dépôt de suivi, `changes(fiches)` appliqué aux fiches lues (id → dict)."""
    shutil.copytree(SUIVI, tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "plans" / "suivi-test" / "fiches"
    fiches = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.yaml"))
    }
    changes(fiches)
    for name, data in fiches.items():
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return tmp_path


# ------------------------------------------------------------------------ les chiffres de 2022


def test_bilan_2022_spending_worked_out_by_hand(run_cli):
    result = run_cli("report", "suivi-test", "-t", "bilan", "--year", "2022", "-f", "markdown",
                     "-o", "-", cwd=SUIVI)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    # Prévu 2022, comme `essplan budget --year 2022` (en années entières) :
    #   1.1 : 5 000 €/an, court de 2021-01 à 2023-12            →  5 000
    #   1.2 : 12 000 € ponctuel, début 2022-01                   → 12 000
    #   2.1 : 1 000 € par mois, de 2022-06 : compté 12 mois       → 12 000
    #   2.2 : commence en 2023 : rien en 2022, pas de ligne.
    #   Axe 1 = 17 000 ; axe 2 = 12 000 ; plan = 29 000.
    # Dépensé 2022 (`depenses`) : 6 000 + 11 500 + 6 000 = 23 500 ; écart 23 500 − 29 000.
    # Cumul 2021–2022 : prévu 2021 = 5 000 (1.1 seule) → 34 000 ; dépensé 2021 = 4 000
    # (1.1) → 27 500 ; pour 1.1, 10 000 prévus et 4 000 + 6 000 = 10 000 dépensés.
    expected = [
        ("1.1 Réseau des communes", 5000, 6000, "+" + eur(1000), 10000, 10000),
        ("1.2 Marchés publics responsables", 12000, 11500, eur(-500), 12000, 11500),
        ("**Axe 1 : Coopérer**", 17000, 17500, "+" + eur(500), 22000, 21500),
        ("2.1 Fonds de garantie solidaire", 12000, 6000, eur(-6000), 12000, 6000),
        ("**Axe 2 : Financer**", 12000, 6000, eur(-6000), 12000, 6000),
        ("**Total du plan**", 29000, 23500, eur(-5500), 34000, 27500),
    ]
    lines = [
        f"| {what} | {eur(a)} | {eur(b)} | {gap} | {eur(c)} | {eur(d)} |"
        for what, a, b, gap, c, d in expected
    ]
    assert rows[1:7] == lines
    assert (
        "| Action | Prévu 2022 | Dépensé 2022 | Écart | Prévu 2021–2022 | Dépensé 2021–2022 |"
        in rows
    )


def test_the_plan_total_is_the_budget_and_the_dashboard_figure(run_cli):
    """Le total du plan est celui de `essplan budget --year` et de `year_spending` (le tableau
    de bord), l'année comme en cumul, chaque année du plan de suivi et des plans livrés."""
    budget = run_cli("budget", "suivi-test", "--year", "2022", cwd=SUIVI).stdout
    assert re.search(f"Total des actions +{eur(29000)}\n", budget)
    from essplan.documents.bilan import bilan as build
    from essplan.documents.report import context

    for plan in [loaded(), *(validate_plan(t) for t in plans_in(SUIVI.parent.parent, REPO_ROOT))]:
        fiches = context(plan, "bilan", None, report_module.Config(), None)["fiches"]
        for year in plan_years(plan, 2030):
            made = build(plan, fiches, year)
            figures = year_spending(plan, year)
            assert (made.depenses.prevu, made.depenses.depense or 0) == (
                figures.prevu,
                figures.depense,
            )
            sums = [year_spending(plan, y) for y in plan_years(plan, year)]
            assert made.cumul.prevu == sum((s.prevu for s in sums), Decimal(0))


REPO_ROOT = SUIVI.parent.parent


def test_bilan_2022_states_journal_milestones_and_indicators():
    text = bilan("suivi-test", 2022, "markdown")
    # Statuts en décembre 2022 (dernière entrée du journal qui en donne un, jusque-là) : 1.1
    # en cours, 70 % (entrée de 2022-11) ; 1.2 en cours, 40 % (2022-04 : « réalisé » n'arrive
    # qu'en 2023-02) ; 2.1 en cours, 10 % ; 2.2 ni statut ni journal.
    assert "Statut en décembre 2022 : en cours ; avancement : 70 %\n" in text
    assert "Statut en décembre 2022 : en cours ; avancement : 40 %\n" in text
    assert "Statut en décembre 2022 : en cours ; avancement : 10 %\n" in text
    assert "Statut en décembre 2022 : *Non renseigné*\n" in text
    # Le journal de l'année, action par action, dans l'ordre des dates.
    journal = re.findall(r"^- (\w+ 2022) — (.*)$", text, re.MULTILINE)
    assert journal == [
        ("janvier 2022", "Douze communes au réseau. (50 %)"),
        ("novembre 2022", "Rencontre annuelle tenue à Clermont. (en cours, 70 %)"),
        ("avril 2022", "Clauses sociales rédigées. (en cours, 40 %)"),
        ("juin 2022", "Convention en préparation. (en cours, 10 %)"),
    ]
    # L'étape de 1.1 échue en 2022-06 n'est pas faite : en retard ; celle de 2.1, échue en
    # 2022-09 et faite en 2022-10, est franchie en 2022. 1.2 finit en 2022-12 : pas en retard
    # en décembre 2022.
    assert "- Convention avec France Active (octobre 2022)\n" in text
    assert (
        "- 1.1 Réseau des communes : Signer la charte avec dix communes (échéance : juin 2022)\n"
        in text
    )
    assert "Aucune action en retard.\n" in text
    # Indicateurs : 12 communes pour une cible 2022 de 10 et une cible finale de 20 (12/20 =
    # 60 %) ; 1 800 heures pour une cible finale de 3 000 (60 %), sans cible annuelle.
    assert "Valeur 2022 : 12 ; cible 2022 : 10 ; cible finale : 20 ; 60 % de la cible" in text
    one_thousand_eight_hundred, three_thousand = french.number(1800), french.number(3000)
    assert (
        f"Valeur 2022 : {one_thousand_eight_hundred} ; cible 2022 : — ; cible finale :"
        f" {three_thousand} ; 60 % de la cible finale." in text
    )


def test_the_chart_is_drawn_where_worked_out():
    html = bilan("suivi-test", 2022, "html")
    charts = re.findall(r"<svg class=\"indicateur\".*?</svg>", html, re.DOTALL)
    assert len(charts) == 2  # 1.1 et 1.2 ; 2.1 n'a aucune valeur : pas de graphique
    # Échelle de 0 à 20 (la cible finale) sur 170 − 22 − 30 = 118 pixels de haut, à partir de
    # y = 22 ; deux années (2021, 2022) au milieu de deux parts de (360 − 44 − 16) / 2 = 150 :
    # x = 44 + 75 = 119 et 269. 6 → 22 + 14/20 × 118 = 104,6 ; 12 → 22 + 8/20 × 118 = 69,2.
    assert 'points="119.0,104.6 269.0,69.2"' in charts[0]
    assert 'y1="22.0" x2="344" y2="22.0" stroke="#a3401b"' in charts[0]  # la cible finale
    assert "<title>Cible 2022 : 10 communes</title>" in charts[0]
    assert (
        '<desc id="indicateur-1-desc">Valeurs : 6 en 2021, 12 en 2022 ; cibles annuelles :'
        " 10 en 2022 ; cible finale : 20 (communes).</desc>"
    ) in charts[0]
    for chart in charts:
        assert not re.search(r"<script|href|url\(|<image|<foreignObject|on\w+=", chart)


# ---------------------------------------------------------------- rien des années suivantes


def later_data(fiches: dict) -> None:
    """Des nouvelles de 2023 et 2024 en plus de celles que le plan a déjà (entrée de 1.2 en
    2023-02, dépense de 2.1 en 2023, étape de 1.1 faite en 2023-01)."""
    first, second, third, fourth = fiches["1.1"], fiches["1.2"], fiches["2.1"], fiches["2.2"]
    first["suivi"].append(
        {"date": "2023-05", "texte": "Vingt communes au réseau.", "statut": "realise",
         "avancement": 100}
    )  # fmt: skip
    first["etapes"][1]["realisee"] = "2023-03"  # faite après 2022 : en retard fin 2022
    first["depenses"][2023] = 7777
    first["indicateurs"][0]["valeurs"][2023] = 17
    first["indicateurs"][0]["cibles"][2023] = 15
    second["indicateurs"][0]["valeurs"][2024] = 2900
    second["indicateurs"][0]["cibles"] = {2024: 3000}
    third["suivi"].append({"date": "2023-09", "texte": "Fonds clos.", "statut": "realise"})
    third["etapes"][1]["realisee"] = "2023-04"
    fourth["suivi"] = [{"date": "2023-03", "texte": "Lieu ouvert.", "statut": "en_cours"}]
    fourth["depenses"] = {2023: 4321}


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_later_years_change_nothing_in_the_bilan(tmp_path, output_format):
    repo = copy_plan(tmp_path, later_data)
    before = bilan("suivi-test", 2022, output_format)
    after = bilan("suivi-test", 2022, output_format, root=repo)
    assert after == before
    # Le plan même a déjà des données de 2023 (entrée de 1.2, dépense de 2.1, étape de 1.1) :
    # aucune n'apparaît, ni aucune année après 2022 (la période s'écrit « décembre 2024 »).
    for later in ("2023", "Trois marchés attribués", "réalisé", "100 %", "Tenir les premières"):
        assert later not in before
    # Le bilan de 2023 de la copie les montre : ce test verrait une fuite.
    shown = bilan("suivi-test", 2023, output_format, root=repo)
    value = "Valeur 2023 : 17 ;" if output_format == "markdown" else "<strong>17</strong> ;"
    for item in ("Vingt communes au réseau.", "Trois marchés attribués", eur(7777), value):
        assert item in shown, item
    assert "2900" not in shown.replace("\u202f", "") and "Lieu ouvert." in shown


# ------------------------------------------------------------ le texte du plan est une donnée

HOSTILE = "<script>document.title='exécuté'</script> **gras** & {{ 7*7 }}"


def undated_status(fiches: dict) -> None:
    """2.2 porte un statut écrit, sans journal : c'est son statut d'aujourd'hui."""
    fiches["2.2"]["statut"] = "realise"


def test_a_status_no_journal_entry_dates_is_said_to_be_todays(run_cli, tmp_path):
    repo = copy_plan(tmp_path, undated_status)
    args = ("report", "suivi-test", "-t", "bilan", "--year", "2022", "-f", "markdown", "-o", "-")
    result = run_cli(*args, cwd=repo)
    assert result.exit_code == 0, result.stderr
    undated = "réalisé (le statut écrit dans la fiche : aucune entrée du journal ne le date)"
    assert result.stdout.count(undated) == 1  # 2.2 seulement : les autres ont un journal daté
    assert result.stdout.count("Statut en décembre 2022 : en cours ;") == 3


def hostile_data(fiches: dict) -> None:
    fiche = fiches["1.1"]
    fiche["suivi"].append({"date": "2022-12", "texte": HOSTILE})
    fiche["indicateurs"][0]["libelle"] = f'Communes <b>membres</b> & "réseau" {HOSTILE}'
    fiche["indicateurs"][0]["unite"] = "<i>communes</i>"
    fiche["etapes"][1]["libelle"] = HOSTILE


def test_plan_text_is_escaped_in_the_html_and_its_svg(tmp_path):
    html = bilan("suivi-test", 2022, "html", root=copy_plan(tmp_path, hostile_data))
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "49" not in html  # {{ 7*7 }} n'est jamais évalué
    escaped = "&lt;script&gt;document.title=&#39;exécuté&#39;&lt;/script&gt; **gras** &amp;"
    assert html.count(escaped) >= 4  # journal, étape (deux fois), titres de l'indicateur
    chart = re.search(r"<svg class=\"indicateur\".*?</svg>", html, re.DOTALL)[0]
    assert (
        '<title id="indicateur-1-titre">Communes &lt;b&gt;membres&lt;/b&gt; &amp; &#34;réseau'
        "&#34; &lt;script&gt;" in chart
    )
    assert "<title>2022 : 12 &lt;i&gt;communes&lt;/i&gt;</title>" in chart


def test_plan_text_is_escaped_in_the_markdown(tmp_path):
    text = bilan("suivi-test", 2022, "markdown", root=copy_plan(tmp_path, hostile_data))
    assert "<script>" not in text
    assert r"\<script\>document.title='exécuté'\</script\> \*\*gras\*\* \& {{ 7\*7 }}" in text


# ------------------------------------------------------------------------- ligne de commande


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "bilan"], "le bilan porte sur une année : --year est obligatoire"),
        (["-t", "bilan", "--year", "1899"], "1899 n'est pas dans l'intervalle 1900<=x<=2200"),
        (["-t", "bilan", "--year", "2201"], "2201 n'est pas dans l'intervalle 1900<=x<=2200"),
        (["-t", "bilan", "--year", "2022", "--date", "2023-01"], "--date ne s'emploie pas"),
        (["-t", "annexe", "--year", "2022"], "--year ne s'emploie qu'avec -t bilan"),
        (["-t", "synthese", "--year", "2022"], "le modèle « synthese » ne porte sur aucune"),
    ],
)
def test_year_usage_errors_in_french(run_cli, tmp_path, args, message):
    result = run_cli("report", "suivi-test", *args, "-o", str(tmp_path / "x.html"), cwd=SUIVI)
    assert result.exit_code == 2
    assert message in result.stderr
    assert english_words(result.stderr) == set(), result.stderr
    assert not (tmp_path / "x.html").exists()


def test_the_bilan_goes_where_the_other_documents_go(run_cli, tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(SUIVI, repo)
    result = run_cli("report", "suivi-test", "-t", "bilan", "--year", "2022", cwd=repo)
    assert (result.exit_code, result.stdout) == (0, "Écrit : build/suivi-test/bilan.html\n")
    written = (repo / "build/suivi-test/bilan.html").read_text(encoding="utf-8")
    assert written == (GOLDEN / "suivi-test" / "bilan-2022.html").read_text(encoding="utf-8")


def test_a_template_of_ones_own_gets_the_bilan_with_year(run_cli, tmp_path):
    model = tmp_path / "mon-bilan.md.j2"
    model.write_text(
        "{{ bilan.annee }} : {{ bilan.depenses.prevu|montant }} prévus\n", encoding="utf-8"
    )
    result = run_cli("report", "suivi-test", "-t", str(model), "--year", "2022", "-o", "-",
                     cwd=SUIVI)  # fmt: skip
    assert result.stdout == f"2022 : {eur(29000)} prévus\n"


def test_the_bilan_stays_far_within_the_bounds(monkeypatch):
    made = spy(monkeypatch)
    plans = [loaded(), *(validate_plan(t) for t in plans_in(REPO_ROOT, REPO_ROOT))]
    for plan in plans:
        for output_format in ("markdown", "html"):
            text = render_report(plan, "bilan", output_format, year=2022)
            limits = RenderLimits.for_plan(report_module.plan_size(plan))
            meter = made[-1].meter
            assert meter.steps < limits.steps / 5, plan.id
            assert meter.characters < limits.characters / 5, plan.id
            assert len(text) < limits.document / 5, plan.id


def test_chart_of_a_single_value_and_negative_values():
    """Une seule année : le point au milieu ; une valeur négative : l'échelle descend sous 0."""
    chart = indicator_chart("i", "Solde", None, [2022], [(2022, -5)], [], None)
    # Une part de 300 : x = 44 + 150 ; de −5 à 0 sur 118 pixels : −5 → 22 + 5/5 × 118 = 140.
    assert '<circle class="valeur" cx="194.0" cy="140.0"' in chart
    assert "<polyline" not in chart and 'class="cible"' not in chart
