"""`essplan budget` : les chiffres des plans livrés, vérifiés à la main, les cas limites sur de
petits plans écrits pour l'occasion, et des propriétés (hypothesis).

Les montants en français utilisent l'espace fine insécable (U+202F) entre les milliers et
l'espace insécable (U+00A0) avant « € » : on les écrit ici en clair (`\\u202f`, `\\u00a0`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import PLANS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essplan.budget import BudgetReport, compute_matrix, compute_year
from essplan.model.fiche import Fiche
from essplan.model.plan import Plan
from essplan.repository import PlanTarget
from essplan.validation.loader import LoadedFiche, LoadedPlan
from essplan.validation.validate import validate_plan

NNBSP, NBSP = "\u202f", "\u00a0"


def euros(text: str) -> str:
    """« 62 500 € » écrit avec des espaces ordinaires → la forme française exacte."""
    head, _, unit = text.rpartition(" ")
    return head.replace(" ", NNBSP) + NBSP + unit


def load(folder: Path) -> LoadedPlan:
    loaded = validate_plan(PlanTarget(folder, folder.name, folder.parent.parent))
    assert loaded.diagnostics == []
    return loaded


def ids(refs) -> list[str]:
    return [ref.id for ref in refs]


# ------------------------------------------------------------- les plans livrés, à la main


def test_clermont_2016_in_2018_costs_62_500():
    budget = compute_year(load(PLANS / "clermont-2016"), 2018)
    # 2.1 (2 500) + 2.2 (35 000) + 4.1 (5 000) + 4.2 (10 000) + 4.3 (5 000) + 5.2 (5 000)
    # = 62 500 ; 3.1, 3.2 et 5.1 courent en 2018 à « Néant » : comptées 0, donc chiffrées.
    assert budget.total == 62500
    assert {line.id: line.montant for line in budget.fiches} == {
        "2.1": 2500,
        "2.2": 35000,
        "3.1": 0,
        "3.2": 0,
        "4.1": 5000,
        "4.2": 10000,
        "4.3": 5000,
        "5.1": 0,
        "5.2": 5000,
    }
    assert ids(budget.non_chiffrees) == ["1.2", "2.3"]  # « » et « ??? participation SCIC… »
    assert ids(budget.non_datees) == ["2.4"]  # ni début ni fin
    assert [(s.code, s.montant) for s in budget.axes] == [
        ("2", 37500),
        ("3", 0),
        ("4", 20000),
        ("5", 5000),
    ]


def test_clermont_2016_in_2017_costs_62_500():
    budget = compute_year(load(PLANS / "clermont-2016"), 2017)
    # Mêmes actions qu'en 2018 (3.2 commence en mars 2018, à « Néant » : 0) : 62 500.
    assert budget.total == 62500
    assert ids(budget.non_chiffrees) == ["1.2", "2.3"]


def test_assumed_end_is_marked_ess201():
    """3.1 finit « ????? » : elle court jusqu'à décembre 2020, fin de la période du plan."""
    plan = load(PLANS / "clermont-2016")
    line_2018 = next(l for l in compute_year(plan, 2018).fiches if l.id == "3.1")
    assert [m.code for m in line_2018.marks] == ["ESS201"]
    assert line_2018.marks[0].note == "fin supposée : fin de la période du plan (décembre 2020)"
    # L'année de début comptée en entier ne dépend pas de la fin : pas de marque.
    line_2017 = next(l for l in compute_year(plan, 2017).fiches if l.id == "3.1")
    assert line_2017.marks == ()


def test_odd_digit_groups_are_marked_ess302():
    line = next(
        l for l in compute_year(load(PLANS / "clermont-2016"), 2016).fiches if l.id == "1.3"
    )
    assert line.montant == 64000  # « 64 0000 euros/an », montant: 64000 (la somme du détail)
    assert [m.code for m in line.marks] == ["ESS302"]


def test_clermont_2016_matrix():
    matrix = compute_matrix(load(PLANS / "clermont-2016"))
    assert matrix.annees == (2016, 2017, 2018, 2019, 2020)
    # 2016 : 1.1 (0) + 1.3 (64 000) + 4.1 (5 000) + 4.2 (10 000) + 4.3 (5 000) + 5.2 (5 000).
    # 2020 : comme 2018 sans 4.3 (finie en décembre 2019) : 62 500 − 5 000 = 57 500.
    assert matrix.totals == (89000, 62500, 62500, 62500, 57500)
    assert matrix.uncosted_counts == (1, 2, 2, 2, 2)  # 1.2 dès décembre 2016, 2.3 dès 2017
    assert matrix.undated_counts == (1, 1, 1, 1, 1)
    axe_1 = matrix.rows("axe")[0]
    assert axe_1.montants == (64000, None, None, None, None)  # None : rien de chiffré, pas 0
    assert axe_1.marks[0] == ("ESS302",)


def test_clermont_2016_prorata_2016_by_hand():
    budget = compute_year(load(PLANS / "clermont-2016"), 2016, prorata=True)
    # 1.1 Néant, octobre à décembre : 0 × 3/12            =      0,00
    # 1.3 64 000 × 2/12 (septembre, octobre)                = 10 666,67
    # 4.1  5 000 × 2/12 (novembre, décembre)               =    833,33
    # 4.2 10 000 × 4/12 (septembre à décembre)             =  3 333,33
    # 4.3  5 000 × 3/12 (octobre à décembre)               =  1 250,00
    # 5.2  5 000 × 1/12 (décembre)                         =    416,67
    #                                                 total = 16 500,00
    assert {l.id: (l.montant, l.mois) for l in budget.fiches} == {
        "1.1": (0, 3),
        "1.3": (Decimal("10666.67"), 2),
        "4.1": (Decimal("833.33"), 2),
        "4.2": (Decimal("3333.33"), 4),
        "4.3": (1250, 3),
        "5.2": (Decimal("416.67"), 1),
    }
    assert budget.total == Decimal("16500.00")
    assert all(line.mode == "prorata" for line in budget.fiches)


def test_clermont_2016_prorata_2020_by_hand():
    budget = compute_year(load(PLANS / "clermont-2016"), 2020, prorata=True)
    # Centimes arrondis de façon cumulée depuis le début de l'action : part de 2020 =
    # arrondi(montant × mois jusqu'à fin 2020 / 12) − arrondi(montant × mois avant 2020 / 12).
    # 2.1  2 500, mars 2017 → sept. 2020 : 8 958,33 − 7 083,33 (34 mois)    =  1 875,00 (9 mois)
    # 2.2 35 000, mêmes mois : 125 416,67 − 99 166,67                        = 26 250,00
    # 3.1 Néant, fin supposée décembre 2020 (ESS201)                         =      0,00 (12 mois)
    # 3.2 et 5.1 Néant                                                       =      0,00
    # 4.1  5 000, nov. 2016 → nov. 2020 (49 mois) : 20 416,67 − 15 833,33    =  4 583,34 (11 mois)
    #      (5 000 × 11/12 = 4 583,333… : 2020, dernière année, absorbe le centime d'arrondi ;
    #       833,33 + 3 × 5 000 + 4 583,34 = 20 416,67 = arrondi(5 000 × 49 / 12))
    # 4.2 10 000, sept. 2016 → sept. 2020 : 40 833,33 − 33 333,33            =  7 500,00
    # 5.2  5 000, déc. 2016 → sept. 2020 : 19 166,67 − 15 416,67             =  3 750,00
    #                                                                  total = 43 958,34
    assert {l.id: l.montant for l in budget.fiches} == {
        "2.1": 1875,
        "2.2": 26250,
        "3.1": 0,
        "3.2": 0,
        "4.1": Decimal("4583.34"),
        "4.2": 7500,
        "5.1": 0,
        "5.2": 3750,
    }
    assert budget.total == Decimal("43958.34")


def test_clermont_2022_envelope_in_2024():
    budget = compute_year(load(PLANS / "clermont-2022"), 2024)
    assert budget.enveloppe.total == 262500
    assert [(s.code, s.montant) for s in budget.enveloppe.sections] == [
        ("investissement", 142500),
        ("fonctionnement", 120000),
    ]  # 95 000 + 47 500 ; 120 000
    assert budget.total == 0 and budget.fiches == ()  # jamais additionnée au coût des fiches
    assert ids(budget.non_datees) == ["1", "3", "4", "5", "2"]


def test_envelope_counts_only_in_the_plan_period():
    budget = compute_year(load(PLANS / "clermont-2022"), 2021)
    assert budget.enveloppe.total == 0
    assert len(budget.enveloppe.hors_periode) == 3


# ------------------------------------------------------------------ par la ligne de commande


def test_cli_year_2018_on_the_repository(run_cli):
    result = run_cli("budget", "--year", "2018")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    block = out.split("Clermont Auvergne Métropole — clermont-2022")[0]  # le bloc de clermont-2016
    assert "Clermont Communauté — clermont-2016 — budget 2018\n" in block
    assert f"          Total des actions{' ' * 45}{euros('62 500 €')}\n" in block
    assert f"          Sous-total défi 2{' ' * 45}{euros('37 500 €')}\n" in block
    assert re.search(r"\n  3\.1 .*  0\u00a0€  \[ESS201\]  annuel\n", block)
    assert "Non chiffrées en 2018 (coût inconnu : jamais compté comme 0) :\n  1.2  " in block
    assert "\n  2.3  Ouvrir les politiques de subventions" in block
    assert "Non datées (on ne peut pas dire si elles courent en 2018) :\n  2.4  " in block
    assert "[ESS201] 3.1 : fin supposée : fin de la période du plan (décembre 2020)" in block
    # L'enveloppe de clermont-2022 (2022-2026) vaut 0 € en 2018, comme le dit son bloc : le
    # total général l'écrit « 0 € », pas « — » (« — » : aucun plan n'a d'enveloppe annuelle).
    assert out.endswith(
        "Total général, 4 plans\n"
        "Actions et enveloppes ne s'additionnent pas.\n"
        "\n"
        "  Année   Actions  Enveloppes\n"
        f"  2018   {euros('62 500 €')}         0{NBSP}€\n"
    )
    assert "2018 est hors de la période du plan : aucune ligne annuelle comptée, 0 €." in out


def test_cli_year_2017(run_cli):
    result = run_cli("budget", "clermont-2016", "-y", "2017")
    assert f"Total des actions{' ' * 45}{euros('62 500 €')}\n" in result.stdout


def test_cli_clermont_2022_in_2024_exact_output(run_cli):
    result = run_cli("budget", "clermont-2022", "--year", "2024")
    assert result.exit_code == 0
    assert result.stdout == (
        "Clermont Auvergne Métropole — clermont-2022 — budget 2024\n"
        "Période du plan : janvier 2022 à décembre 2026 ; coûts annuels comptés en entier.\n"
        "\n"
        "Aucune action chiffrée en 2024.\n"
        "\n"
        "Non datées (on ne peut pas dire si elles courent en 2024) :\n"
        "  1  Développement de coopératives                                 (début inconnu)\n"
        "  3  Renforcement du réseau ACC’ESS                                (début inconnu)\n"
        "  4  Développement d’un réseau de tiers-lieux                      (début inconnu)\n"
        "  5  Recherche-action pour la résilience économique                (début inconnu)\n"
        "  2  Structuration de Pôles Territoriaux de Coopération Économiq…  (début inconnu)\n"
        "\n"
        "Enveloppe du plan en 2024 (jamais additionnée au coût des actions) :\n"
        "  Ligne                                                         Section           Montant\n"
        f"  Soutien à la création et au développement des sociétés coop…  investissement   {euros('95 000 €')}\n"
        f"  Soutien à la création et au développement de tiers-lieux      investissement   {euros('47 500 €')}\n"
        f"  Dépenses de fonctionnement                                    fonctionnement  {euros('120 000 €')}\n"
        f"  Investissement                                                                {euros('142 500 €')}\n"
        f"  Fonctionnement                                                                {euros('120 000 €')}\n"
        f"  Total de l'enveloppe                                                          {euros('262 500 €')}\n"
    )


def test_cli_json_2024(run_cli):
    result = run_cli(
        "budget", "clermont-2022", "clermont-2016", "-y", "2024", "--output-format", "json"
    )
    data = json.loads(result.stdout)
    # Aucune action chiffrée en 2024 : `null`, comme « — », jamais un 0 trompeur.
    assert (data["annee"], data["total_fiches"], data["total_enveloppe"]) == (2024, None, 262500)
    plan = data["plans"][0]
    assert plan["plan"] == "clermont-2022"
    assert plan["total_enveloppe"] == 262500
    assert plan["enveloppe_sections"] == {"investissement": 142500, "fonctionnement": 120000}
    assert plan["enveloppe"][0] == {
        "libelle": "Soutien à la création et au développement des sociétés coopératives",
        "section": "investissement",
        "montant": 95000,
    }


def test_cli_json_2018_keys_and_plain_numbers(run_cli):
    data = json.loads(run_cli("budget", "-y", "2018", "--output-format", "json").stdout)
    assert {"annee", "total_fiches", "total_enveloppe", "plans"} <= data.keys()
    plan = data["plans"][0]
    assert {
        "plan",
        "annee",
        "fiches",
        "total_fiches",
        "non_chiffrees",
        "non_datees",
        "enveloppe",
        "total_enveloppe",
    } <= plan.keys()
    assert (plan["plan"], plan["total_fiches"], plan["non_chiffrees"], plan["non_datees"]) == (
        "clermont-2016",
        62500,
        ["1.2", "2.3"],
        ["2.4"],
    )
    first = plan["fiches"][0]
    assert {"id", "axe", "titre", "montant", "mode"} <= first.keys()
    assert (first["id"], first["axe"], first["montant"], first["mode"]) == (
        "2.1",
        "2",
        2500,
        "annuel",
    )
    assert all(isinstance(f["montant"], (int, float)) for p in data["plans"] for f in p["fiches"])


def test_cli_json_prorata_has_two_decimals_and_iso_months(run_cli):
    data = json.loads(
        run_cli(
            "budget", "clermont-2016", "-y", "2016", "--prorata", "--output-format", "json"
        ).stdout
    )
    line = next(f for f in data["plans"][0]["fiches"] if f["id"] == "1.3")
    assert (line["montant"], line["mode"], line["mois"], line["du"], line["au"]) == (
        10666.67,
        "prorata",
        2,
        "2016-09",
        "2016-10",
    )
    assert line["marques"][0]["code"] == "ESS302"
    assert data["total_fiches"] == 16500


def test_cli_json_matrix_shape(run_cli):
    data = json.loads(run_cli("budget", "clermont-2016", "--output-format", "json").stdout)
    assert data["annee"] is None
    assert data["total_fiches"] == {
        "2016": 89000,
        "2017": 62500,
        "2018": 62500,
        "2019": 62500,
        "2020": 57500,
    }
    plan = data["plans"][0]
    assert plan["axes"][0]["montants"]["2016"] == 64000
    assert plan["axes"][0]["montants"]["2017"] is None
    assert plan["nombre_non_chiffrees"]["2018"] == 2
    assert plan["non_chiffrees"]["2018"] == ["1.2", "2.3"]


def test_cli_csv_is_french_with_plain_numbers(run_cli):
    """Le dialecte du tableur français : BOM, « ; », virgule décimale, CRLF."""
    text = run_cli(
        "budget", "clermont-2016", "-y", "2016", "--prorata", "--output-format", "csv"
    ).stdout
    assert text.startswith("\ufeffplan;annee;rubrique;id;")
    assert text.count("\r\n") == len(text.splitlines())
    rows = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
    costed = [r for r in rows if r["rubrique"] == "fiche"]
    assert all(re.fullmatch(r"\d+(,\d{1,2})?", r["montant"]) for r in costed)
    assert sum(Decimal(r["montant"].replace(",", ".")) for r in costed) == Decimal("16500")
    assert all(re.fullmatch(r"\d{4}-\d{2}", r["du"]) for r in costed)
    assert next(r for r in rows if r["id"] == "1.3")["montant"] == "10666,67"
    assert [r["id"] for r in rows if r["rubrique"] == "non_chiffree"] == ["1.2"]
    assert [r["id"] for r in rows if r["rubrique"] == "non_datee"] == ["2.4"]
    assert all(r["montant"] == "" for r in rows if r["rubrique"] != "fiche")  # jamais 0


def test_cli_output_file_is_written_atomically(run_cli, tmp_path, monkeypatch):
    import essplan.atomic

    calls = []
    real = essplan.atomic.write_atomic
    monkeypatch.setattr(essplan.atomic, "write_atomic", lambda p, t: (calls.append(p), real(p, t)))
    target = tmp_path / "sortie" / "budget.csv"
    target.parent.mkdir()
    result = run_cli("budget", "-y", "2018", "--output-format", "csv", "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert calls == [target]
    assert (
        target.read_bytes().decode("utf-8")  # octet pour octet : CRLF compris
        == run_cli("budget", "-y", "2018", "--output-format", "csv").stdout
    )
    assert [p.name for p in target.parent.iterdir()] == ["budget.csv"]  # aucun temporaire


def test_cli_output_in_a_missing_folder_is_a_usage_error(run_cli, tmp_path):
    """Le README le promet : un dossier absent n'est pas créé, c'est une erreur d'usage."""
    target = tmp_path / "absent" / "x.csv"
    result = run_cli("budget", "-y", "2018", "--output-format", "csv", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"essplan : impossible d'écrire « {target} » : le dossier"
        f" « {target.parent} » n'existe pas (essplan ne crée pas de dossier"
        " pour -o)\n"
    )
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_cli_output_dash_is_stdout(run_cli):
    result = run_cli("budget", "clermont-2022", "-y", "2024", "-o", "-")
    assert "Total de l'enveloppe" in result.stdout


def test_cli_unknown_plan_exits_2(run_cli):
    result = run_cli("budget", "lyon-2030", "-y", "2018")
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : plan inconnu ou chemin inexistant : « lyon-2030 »")
    assert result.stdout == ""


def test_cli_bad_year_and_grouping_are_usage_errors(run_cli):
    assert run_cli("budget", "-y", "deux-mille").exit_code == 2
    result = run_cli("budget", "--by", "commune")
    assert result.exit_code == 2
    assert "ne fait pas partie de" in result.stderr


def test_cli_unwritable_output_is_a_french_usage_error(run_cli, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("")
    result = run_cli("budget", "-y", "2018", "-o", str(blocker / "budget.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : impossible d'écrire « ")
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------- un petit dépôt pour les cas


PLAN_T = """\
collectivite: Communauté de test
titre: Plan de test
periode: {debut: "2020-01", fin: "2022-12"}
axes:
  - {code: 1, titre: Premier axe}
  - {code: 2, titre: Second axe}
budget:
  lignes:
    - {libelle: Aide annuelle, section: investissement, montant: 1000, periodicite: annuel, fiches: ["1.1"]}
    - {libelle: Étude ponctuelle, section: fonctionnement, montant: 5000, periodicite: ponctuel}
    - {libelle: Sans périodicité, montant: 700}
"""
FICHES_T = {
    # annuel, avril 2020 à mars 2021
    "1.1": 'debut: 2020-04\nfin: 2021-03\ncout: "1 200 euros/an"\n',
    # ponctuel, fin inconnue : compté l'année du début, sans marque
    "1.2": 'debut: 2021-06\nfin: "?"\ncout: "12,5 k€"\n',
    # annuel, fin inconnue : court jusqu'à la fin de la période (décembre 2022)
    "1.3": 'debut: 2021-07\nfin: "?????"\ncout: "5000 euros/an"\n',
    # début inconnu : non datée
    "1.4": 'debut: "?"\nfin: 2021-12\ncout: "2000 euros/an"\n',
    # coût inconnu sur toute la période : non chiffrée
    "2.1": 'debut: 2020-01\nfin: 2022-12\ncout: "??? à définir"\n',
    # groupes de chiffres inhabituels (1 500 ou 15 000 ?) : ESS302, à préciser, jamais compté
    "2.2": 'debut: 2020-01\nfin: 2020-12\ncout: "15 00 euros/an"\n',
    # produit faux (4 000 × 5 = 20 000) : ESS303
    "2.3": 'debut: 2020-01\nfin: 2020-12\ncout: "24 000 / an (4000 X 5)"\n',
    # détail qui ne fait pas le montant (25 000 ≠ 30 000) : ESS303
    "2.4": 'debut: 2020-01\nfin: 2020-12\ncout:\n  texte: "30 000 euros/an"\n  detail: "a = 10 000 / b = 15 000"\n',
    # une devise sans nombre : coût inconnu
    "2.5": 'debut: 2020-01\nfin: 2020-12\ncout: "Aide plafonnée à €"\n',
    # Néant : chiffré à 0
    "2.6": "debut: 2020-01\nfin: 2020-06\ncout: Néant\n",
    # pas de coût du tout
    "2.7": "debut: 2022-01\nfin: 2022-12\n",
}
PLAN_N = """\
collectivite: Commune sans période
titre: Plan sans période
axes:
  - {code: A, titre: Axe A}
budget:
  lignes:
    - {libelle: Animation, section: fonctionnement, montant: 100, periodicite: annuel}
"""
FICHES_N = {
    # annuel, fin inconnue et pas de période : placé l'année de début seulement
    "1": 'debut: 2019-05\nfin: "?"\ncout: "1 200 euros/an"\n',
    "2": 'debut: 2020-02\ncout: "3 000 €"\n',
}


def write_plan(root: Path, plan_id: str, plan: str, fiches: dict[str, str]) -> Path:
    folder = root / "plans" / plan_id
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    for fiche_id, body in fiches.items():
        axe = fiche_id.split(".")[0] if "." in fiche_id else "A"
        (folder / "fiches" / f"{fiche_id}.yaml").write_text(
            f'id: "{fiche_id}"\naxe: {axe}\ntitre: Action {fiche_id}\n{body}', encoding="utf-8"
        )
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_plan(tmp_path, "t", PLAN_T, FICHES_T)
    write_plan(tmp_path, "n", PLAN_N, FICHES_N)
    return tmp_path


def test_small_plan_2020(repo):
    budget = compute_year(load(repo / "plans" / "t"), 2020)
    # 1.1 (1 200) + 2.3 (24 000, le total écrit) + 2.4 (30 000) + 2.6 (0) = 55 200 ;
    # 2.2 « 15 00 euros/an » se lit 1 500 ou 15 000 : à préciser, hors du total.
    assert {l.id: l.montant for l in budget.fiches} == {
        "1.1": 1200,
        "2.3": 24000,
        "2.4": 30000,
        "2.6": 0,
    }
    assert budget.total == 55200
    assert ids(budget.non_chiffrees) == ["2.1", "2.5"]  # « ??? », « Aide plafonnée à € »
    assert [(r.id, r.raison) for r in budget.a_preciser] == [
        ("2.2", f"montant ambigu : {euros('1 500 €')} ou {euros('15 000 €')}")
    ]
    assert ids(budget.non_datees) == ["1.4"]
    marks = {l.id: [m.code for m in l.marks] for l in budget.fiches if l.marks}
    assert marks == {"2.3": ["ESS303"], "2.4": ["ESS303"]}
    notes = {l.id: l.marks[0].note for l in budget.fiches if l.marks}
    assert notes["2.3"] == f"le produit 4{NNBSP}000 × 5 ne donne pas {euros('24 000 €')}"
    assert notes["2.4"] == f"le détail totalise {euros('25 000 €')}, pas {euros('30 000 €')}"
    # l'enveloppe : la ligne annuelle seule ; les deux autres à part, jamais dans un total
    assert budget.enveloppe.total == 1000
    assert [l.libelle for l in budget.enveloppe.ponctuelles] == [
        "Étude ponctuelle",
        "Sans périodicité",
    ]


def test_small_plan_one_off_and_assumed_end(repo):
    plan = load(repo / "plans" / "t")
    year_2021 = compute_year(plan, 2021)
    # 1.1 (1 200, jusqu'en mars) + 1.2 (12 500, ponctuel) + 1.3 (5 000, année de début)
    assert {l.id: (l.montant, l.mode) for l in year_2021.fiches} == {
        "1.1": (1200, "annuel"),
        "1.2": (12500, "ponctuel"),
        "1.3": (5000, "annuel"),
    }
    assert all(l.marks == () for l in year_2021.fiches)
    year_2022 = compute_year(plan, 2022)
    assert [(l.id, l.montant, [m.code for m in l.marks]) for l in year_2022.fiches] == [
        ("1.3", 5000, ["ESS201"])
    ]  # la fin supposée (décembre 2022) fait exister ce chiffre
    assert ids(year_2022.non_chiffrees) == ["2.1", "2.7"]
    assert compute_year(plan, 2023).fiches == ()  # après la fin supposée : rien


def test_small_plan_prorata_2021(repo):
    budget = compute_year(load(repo / "plans" / "t"), 2021, prorata=True)
    # 1.1 : 1 200 × 3/12 (janvier à mars)            =    300
    # 1.2 : ponctuel, en entier                       = 12 500
    # 1.3 : 5 000 × 6/12 (juillet à décembre), fin supposée, d'où ESS201 = 2 500
    #                                           total = 15 300
    assert {l.id: (l.montant, l.mois) for l in budget.fiches} == {
        "1.1": (300, 3),
        "1.2": (12500, None),
        "1.3": (2500, 6),
    }
    assert budget.total == 15300
    assert [m.code for m in budget.fiches[2].marks] == ["ESS201"]


def test_plan_without_period(repo):
    plan = load(repo / "plans" / "n")
    year_2019 = compute_year(plan, 2019)
    assert [(l.id, l.montant) for l in year_2019.fiches] == [("1", 1200)]  # elle court en 2019
    year_2020 = compute_year(plan, 2020)
    assert [(l.id, l.montant) for l in year_2020.fiches] == [("2", 3000)]
    assert [(r.id, r.raison) for r in year_2020.non_datees] == [
        ("1", "fin inconnue et plan sans période")
    ]
    # sans période, la ligne annuelle de l'enveloppe compte toute année
    assert year_2020.enveloppe.total == 100
    prorata = compute_year(plan, 2019, prorata=True).fiches[0]
    assert (prorata.montant, prorata.mois) == (800, 8)  # 1 200 × 8/12, mai à décembre
    assert prorata.marks[0].note == "fin inconnue : supposée après décembre 2019"
    # années de la matrice : de la première à la dernière citée par les fiches
    assert compute_matrix(plan).annees == (2019, 2020)


def test_several_plans_grand_total(repo):
    report = BudgetReport(
        2020, False, tuple(compute_year(load(repo / "plans" / name), 2020) for name in ("t", "n"))
    )
    # actions : 55 200 (t) + 3 000 (n) ; enveloppes : 1 000 (t) + 100 (n) ; jamais additionnés
    assert report.grand_totals() == {2020: (58200, 1100)}


@pytest.mark.parametrize("output_format", ["table", "markdown", "csv", "json"])
def test_a_computed_report_renders_as_the_command_writes_it(run_cli, repo, output_format):
    """`render` (le budget d'un coup, pour la bibliothèque) et la commande, qui écrit plan par
    plan, donnent le même texte."""
    from essplan.budget import render

    report = BudgetReport(
        2020, False, tuple(compute_year(load(repo / "plans" / name), 2020) for name in ("n", "t"))
    )
    result = run_cli("budget", "-y", "2020", "--output-format", output_format, cwd=repo)
    assert result.exit_code == 0
    assert render(report, output_format) == result.stdout


def test_cli_small_repository_exact_output(run_cli, repo):
    result = run_cli("budget", "t", "-y", "2020", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout == (
        "Communauté de test — t — budget 2020\n"
        "Période du plan : janvier 2020 à décembre 2022 ; coûts annuels comptés en entier.\n"
        "\n"
        "  Action  Titre               Montant  Marques   Compté\n"
        "Axe 1 : Premier axe\n"
        f"  1.1     Action 1.1          {euros('1 200 €')}            annuel\n"
        f"          Sous-total axe 1    {euros('1 200 €')}\n"
        "Axe 2 : Second axe\n"
        f"  2.3     Action 2.3         {euros('24 000 €')}  [ESS303]  annuel\n"
        f"  2.4     Action 2.4         {euros('30 000 €')}  [ESS303]  annuel\n"
        f"  2.6     Action 2.6              0{NBSP}€            annuel\n"
        f"          Sous-total axe 2   {euros('54 000 €')}\n"
        f"          Total des actions  {euros('55 200 €')}\n"
        "\n"
        "Marques :\n"
        f"  [ESS303] 2.3 : le produit 4{NNBSP}000 × 5 ne donne pas {euros('24 000 €')}\n"
        f"  [ESS303] 2.4 : le détail totalise {euros('25 000 €')}, pas {euros('30 000 €')}\n"
        "\n"
        "Non chiffrées en 2020 (coût inconnu : jamais compté comme 0) :\n"
        "  2.1  Action 2.1  (coût inconnu)\n"
        "  2.5  Action 2.5  (coût inconnu)\n"
        "\n"
        "À préciser en 2020 (montant ambigu : jamais compté tant que cout.montant ne le dit pas) :\n"
        f"  2.2  Action 2.2  (montant ambigu : {euros('1 500 €')} ou {euros('15 000 €')})\n"
        "\n"
        "Non datées (on ne peut pas dire si elles courent en 2020) :\n"
        "  1.4  Action 1.4  (début inconnu)\n"
        "\n"
        "Enveloppe du plan en 2020 (jamais additionnée au coût des actions) :\n"
        "  Ligne                 Section         Montant\n"
        f"  Aide annuelle         investissement  {euros('1 000 €')}\n"
        f"  Investissement                        {euros('1 000 €')}\n"
        f"  Total de l'enveloppe                  {euros('1 000 €')}\n"
        "\n"
        "Ponctuel (non annualisé, hors des totaux annuels) :\n"
        "  Ligne             Section         Montant\n"
        f"  Étude ponctuelle  fonctionnement  {euros('5 000 €')}\n"
        f"  Sans périodicité                    700{NBSP}€\n"
    )


def test_cli_by_section_and_by_fiche(run_cli, repo):
    by_section = run_cli("budget", "t", "-y", "2020", "--by", "section", cwd=repo).stdout
    assert "\nInvestissement\n  1.1 " in by_section
    assert "\nNon ventilé\n  2.3 " in by_section
    assert f"Sous-total non ventilé     {euros('54 000 €')}\n" in by_section
    by_fiche = run_cli("budget", "t", "-y", "2020", "--by", "fiche", cwd=repo).stdout
    assert "  Action  Axe  Titre " in by_fiche
    assert "Sous-total" not in by_fiche


def test_cli_several_plans_grand_total(run_cli, repo):
    result = run_cli("budget", "-y", "2020", cwd=repo)
    assert result.stdout.endswith(
        "Total général, 2 plans\n"
        "Actions et enveloppes ne s'additionnent pas.\n"
        "\n"
        "  Année   Actions  Enveloppes\n"
        f"  2020   {euros('58 200 €')}     {euros('1 100 €')}\n"
    )


def test_cli_matrix_markdown(run_cli, repo):
    result = run_cli("budget", "t", "--output-format", "markdown", cwd=repo)
    lines = result.stdout.splitlines()
    assert lines[0] == "# Budget par année"
    assert "| Axe | 2020 | 2021 | 2022 | Total |" in lines
    # 2020 : 55 200 ; 2021 : 1 200 (1.1) + 12 500 (1.2) + 5 000 (1.3) = 18 700 ; 2022 : 5 000 ;
    # sur la période : 78 900.
    assert (
        f"| **Total des actions** | **{euros('55 200 €')}** | **{euros('18 700 €')}** |"
        f" **{euros('5 000 €')}** | **{euros('78 900 €')}** |" in lines
    )
    assert (
        f"| Axe 1 : Premier axe | {euros('1 200 €')} | {euros('18 700 €')} |"
        f" {euros('5 000 €')} [ESS201] | {euros('24 900 €')} |" in lines
    )
    # 2.1 chaque année, 2.5 en 2020, 2.7 en 2022 : trois fiches distinctes sur la période.
    assert "| Non chiffrées (nombre) | 2 | 1 | 2 | 3 |" in lines
    assert "| À préciser (nombre) | 1 | 0 | 0 | 1 |" in lines


def test_cli_invalid_plan_exits_1_without_its_budget(run_cli, repo):
    (repo / "plans" / "n" / "fiches" / "3.yaml").write_text(
        'id: "3"\naxe: A\ntitre: X\npilotte: [a]\n', encoding="utf-8"
    )
    result = run_cli("budget", "-y", "2020", cwd=repo)
    assert result.exit_code == 1
    assert "plans/n/fiches/3.yaml:4:1: ESS003" in result.stderr
    assert "essplan : n : plan invalide, budget non calculé" in result.stderr
    assert "Commune sans période" not in result.stdout
    assert "Communauté de test — t — budget 2020" in result.stdout


# ---------------------------------------------------------------------------- propriétés

MONTHS = st.integers(2015 * 12, 2024 * 12 + 11)
AMOUNTS = st.integers(0, 10**9).map(lambda cents: Decimal(cents) / 100)
UNKNOWN_COSTS = st.sampled_from([None, "", "???", "??? participation SCIC", "Aide plafonnée à €"])


def iso(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


@st.composite
def fiches(draw, fiche_id: str) -> dict:
    start = draw(MONTHS)
    data = {"id": fiche_id, "axe": 1, "titre": f"Action {fiche_id}"}
    if draw(st.integers(0, 9)):  # une fois sur dix, début inconnu
        data["debut"] = iso(start)
    end = draw(st.one_of(st.none(), st.integers(start - 3, start + 60)))
    data["fin"] = iso(end) if end is not None else "?"
    kind = draw(st.sampled_from(["annuel", "ponctuel", "neant", "inconnu"]))
    if kind == "inconnu":
        cost = draw(UNKNOWN_COSTS)
        if cost is not None:
            data["cout"] = cost
    elif kind == "neant":
        data["cout"] = "Néant"
    else:
        data["cout"] = {"montant": draw(AMOUNTS), "periodicite": kind}
    return data


@st.composite
def plans(draw) -> tuple[list[dict], tuple[int, int] | None]:
    """Des fiches (dictionnaires du format) et une période facultative (début, durée)."""
    count = draw(st.integers(1, 6))
    period = draw(st.one_of(st.none(), st.tuples(MONTHS, st.integers(0, 72))))
    return [draw(fiches(str(i))) for i in range(1, count + 1)], period


def in_memory_plan(fiche_data: list[dict], period: tuple[int, int] | None) -> LoadedPlan:
    plan = {"collectivite": "C", "titre": "T", "axes": [{"code": 1, "titre": "A"}]}
    if period is not None:
        plan["periode"] = {"debut": iso(period[0]), "fin": iso(period[0] + period[1])}
    loaded = LoadedPlan("h", Path("h"), "h", plan=Plan.model_validate(plan))
    loaded.fiches = [LoadedFiche(Fiche.model_validate(data), None) for data in fiche_data]
    return loaded


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(plans(), st.integers(2014, 2026))
def test_prorata_total_never_exceeds_the_full_year_total(spec, year):
    plan = in_memory_plan(*spec)
    assert compute_year(plan, year, prorata=True).total <= compute_year(plan, year).total


@PROPERTY
@given(MONTHS, st.integers(0, 80), AMOUNTS)
def test_prorata_over_all_years_is_amount_times_months_over_12(start, length, amount):
    fiche = {
        "id": "1",
        "axe": 1,
        "titre": "A",
        "debut": iso(start),
        "fin": iso(start + length),
        "cout": {"montant": amount, "periodicite": "annuel"},
    }
    plan = in_memory_plan([fiche], None)
    years = range(start // 12, (start + length) // 12 + 1)
    spread = sum(compute_year(plan, year, prorata=True).total for year in years)
    months = length + 1
    # au centime près : un montant en euros a au plus deux décimales
    assert spread == (amount * months / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@PROPERTY
@given(MONTHS, st.integers(0, 80), AMOUNTS, st.integers(0, 60))
def test_prorata_spread_with_an_end_assumed_from_the_period(start, length, amount, before):
    """Fin inconnue : l'action court jusqu'à la fin de la période, et la somme le respecte."""
    fiche = {
        "id": "1",
        "axe": 1,
        "titre": "A",
        "debut": iso(start),
        "fin": "?????",
        "cout": {"montant": amount, "periodicite": "annuel"},
    }
    plan = in_memory_plan([fiche], (start - before, before + length))
    years = range(start // 12, (start + length) // 12 + 1)
    spread = sum(compute_year(plan, year, prorata=True).total for year in years)
    assert spread == (amount * (length + 1) / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@PROPERTY
@given(plans(), st.integers(2014, 2026), st.booleans())
def test_no_unknown_cost_ever_appears_in_a_total(spec, year, prorata):
    fiche_data, period = spec
    plan = in_memory_plan(fiche_data, period)
    budget = compute_year(plan, year, prorata)
    unknown = {
        item.fiche.id
        for item in plan.fiches
        if item.fiche.cout is None or not item.fiche.cout.known
    }
    assert not unknown & {line.id for line in budget.fiches}
    assert budget.total == sum((line.montant for line in budget.fiches), Decimal(0))
    # retirer les fiches au coût inconnu ne change aucun total
    known_only = in_memory_plan([data for data in fiche_data if data["id"] not in unknown], period)
    assert compute_year(known_only, year, prorata).total == budget.total
    # et elles ne disparaissent pas : chacune est non chiffrée, non datée, ou hors de l'année
    listed = {ref.id for ref in budget.non_chiffrees + budget.non_datees}
    for fiche_id in unknown - listed:
        fiche = next(i.fiche for i in plan.fiches if i.fiche.id == fiche_id)
        assert (
            fiche.debut.annee > year
            or (fiche.fin is not None and fiche.fin.known and fiche.fin.annee < year)
            or _after_period(plan, year)
        )


def _after_period(plan: LoadedPlan, year: int) -> bool:
    period = plan.plan.periode
    return period is not None and period.fin.annee < year


def test_matrix_of_a_plan_without_years_lists_its_yearly_envelope(run_cli, tmp_path):
    """Ni période ni action datée : pas de colonne d'année, l'enveloppe annuelle en montants
    par an."""
    plan = PLAN_N.replace("collectivite: Commune sans période", "collectivite: Commune sans date")
    write_plan(tmp_path, "n", plan, {"1": 'debut: "?"\ncout: "1 200 euros/an"\n'})
    result = run_cli("budget", "n", cwd=tmp_path)
    assert result.exit_code == 0
    assert (
        "Aucune année à chiffrer : le plan n'a pas de période et aucune action n'est datée."
        in result.stdout
    )
    assert f"  Animation  fonctionnement    100{NBSP}€ par an\n" in result.stdout
