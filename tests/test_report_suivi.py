"""L'annexe et la synthèse sur un plan suivi (`tests/suivi_plan`) : financeurs chiffrés, unités,
cibles et valeurs des indicateurs ; statuts de la synthèse à la date de contrôle, actions en
retard marquées. Les plans livrés, sans données de suivi, n'en montrent rien de plus."""

from __future__ import annotations

import pytest
from regenerate_golden import SUIVI, rendered

from essplan import french
from essplan.documents.report import render_report
from essplan.model.months import exact_month
from essplan.repository import plans_in
from essplan.validation.validate import validate_plan


def eur(amount: int) -> str:
    return french.amount(amount)


def loaded():
    return validate_plan(next(t for t in plans_in(SUIVI, SUIVI) if t.folder.name == "suivi-test"))


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_annex_shows_funders_amounts_and_indicator_figures(output_format):
    text = rendered("suivi-test", "annexe", output_format, SUIVI).replace("&#39;", "'")
    assert f"Communauté de test : {eur(10000)}" in text
    assert f"Région : {eur(5000)}" in text
    assert "financeur=" not in text and "Financeur(" not in text and "montant=" not in text
    assert (
        "Communes membres du réseau — unité : communes ; cible : 20 (10 en 2022, 20 en 2024) ;"
        " valeurs : 6 en 2021, 12 en 2022" in text
    )
    assert (
        f"Heures d'insertion — unité : heures ; cible : {french.number(3000)} ; valeurs :"
        f" {french.number(1800)} en 2022" in text
    )


def test_synthese_statuses_at_the_check_date_flag_late_actions():
    def synthese(date: str, output_format: str = "markdown") -> str:
        plan = loaded()
        return render_report(plan, "synthese", output_format, check=exact_month(date))

    # Janvier 2024 : 1.1 (fin 2023-12) et 2.1 (fin 2023-08) en cours, fin passée : en
    # retard ; 1.2 réalisée (entrée de 2023-02) ; 2.2 ni statut ni journal.
    late = synthese("2024-01")
    assert "| Statut en janvier 2024 |" in late
    assert "| 5 000 euros / an | en cours **en retard** |" in late
    assert "| 12 000 € | réalisé |" in late
    assert "| 1 000 € par mois | en cours **en retard** |" in late
    assert "| ??? | — |" in late
    html = synthese("2024-01", "html")
    assert html.count('<strong class="marque">en retard</strong>') == 3  # deux, et la légende
    # Décembre 2022 : tout est en cours et rien n'est en retard.
    on_time = synthese("2022-12")
    assert "en retard" not in on_time
    assert "| 12 000 € | en cours |" in on_time


def test_synthese_shows_tracked_indicators_up_to_the_check_year():
    plan = loaded()
    text = render_report(plan, "synthese", "markdown", check=exact_month("2021-06"))
    # En 2021, la dernière valeur de 1.1 est 6 (6/20 = 30 %) ; 1.2 n'a encore rien mesuré.
    assert "| 1.1 | Communes membres du réseau | communes | 20 | 6 (2021) | 30 % |" in text
    assert f"| 1.2 | Heures d'insertion | heures | {french.number(3000)} | — | — |" in text
    assert "Nombre d'entreprises garanties" not in text  # un libellé seul : rien à suivre


def test_synthese_of_a_plan_without_statuses_names_no_date(run_cli):
    """Les plans livrés n'ont aucun statut : la synthèse sans --date reste sans date."""
    result = run_cli("report", "clermont-2016", "-t", "synthese", "-f", "markdown", "-o", "-")
    assert "| Statut |" in result.stdout and "Statut en" not in result.stdout
