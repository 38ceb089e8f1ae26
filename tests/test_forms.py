"""Chaque forme de coût et de mois de FORMAT.md (« Costs », « More costs », « Months », « More
months ») avec les chiffres que donne `essplan budget --year`, en entier et au prorata, calculés
à la main ; chaque forme ambiguë ou refusée avec son constat et son message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lint_helpers import write_plan

PLAN = """\
collectivite: Communauté de test
titre: Plan de test
periode: 2025-2027
axes:
  - code: 1
    titre: Premier axe
"""


def repository(tmp_path: Path, cout: str, debut: str = "2025-04", fin: str = "2026-09") -> Path:
    fiche = (
        f'id: "1.1"\naxe: 1\ntitre: Une action\npilotes: [Une pilote]\n'
        f"debut: {debut}\nfin: {fin}\n{cout}\nfinancement: La communauté\n"
    )
    write_plan(tmp_path, {"1.1.yaml": fiche}, plan=PLAN)
    return tmp_path


def counted(run_cli, root: Path, year: int, prorata: bool = False):
    """Ce que le budget fait de la fiche 1.1 cette année-là : (montant, marques), « à préciser »,
    « non chiffrée », ou None si elle n'y compte pas."""
    args = [
        "budget",
        "--year",
        str(year),
        "--output-format",
        "json",
        *(["--prorata"] if prorata else []),
    ]
    result = run_cli(*args, cwd=root)
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["plans"][0]
    for line in plan["fiches"]:
        return line["montant"], [mark["code"] for mark in line["marques"]]
    if plan["a_preciser"]:
        return "à préciser"
    if plan["non_chiffrees"]:
        return "non chiffrée"
    return None


# L'action court d'avril 2025 à septembre 2026 : neuf mois en 2025, neuf en 2026.
# (texte du coût, 2025, 2026, 2025 au prorata, 2026 au prorata)
COSTS = [
    # « Costs » : la table de la version 1
    ("cout: Néant", (0, []), (0, []), (0, []), (0, [])),
    ("cout: 0", (0, []), (0, []), (0, []), (0, [])),
    ("cout: Aucun", (0, []), (0, []), (0, []), (0, [])),
    ("cout: 5000 euros / an", (5000, []), (5000, []), (3750, []), (3750, [])),  # 5 000 × 9/12
    ("cout: 5 000 euros/an", (5000, []), (5000, []), (3750, []), (3750, [])),
    ("cout: 2500 euros/an", (2500, []), (2500, []), (1875, []), (1875, [])),
    ("cout: 35 000 / an (5000 X 7)", (35000, []), (35000, []), (26250, []), (26250, [])),
    ("cout: 1 312 500€", (1312500, []), None, (1312500, []), None),  # ponctuel : l'année du début
    ("cout: 12,5 k€", (12500, []), None, (12500, []), None),
    (
        'cout: "??? participation SCIC et subventions"',
        "non chiffrée",
        "non chiffrée",
        "non chiffrée",
        "non chiffrée",
    ),
    ('cout: ""', "non chiffrée", "non chiffrée", "non chiffrée", "non chiffrée"),
    ("cout: Aide plafonnée à €", "non chiffrée", "non chiffrée", "non chiffrée", "non chiffrée"),
    # « More costs »
    ("cout: 1 500 € par mois", (18000, []), (18000, []), (13500, []), (13500, [])),  # 12 × ; 9 ×
    ("cout: 15 000 € / mois", (180000, []), (180000, []), (135000, []), (135000, [])),
    ("cout: 1 200 €/mois", (14400, []), (14400, []), (10800, []), (10800, [])),
    ("cout: 3 x 5 000 €", (15000, []), None, (15000, []), None),
    ("cout: 3 × 5 000 €", (15000, []), None, (15000, []), None),
    # 5 000 une fois (2025), plus 2 000 par an ; au prorata : 5 000 + 2 000 × 9/12, puis 1 500
    ("cout: 5 000 € + 2 000 €/an", (7000, []), (2000, []), (6500, []), (1500, [])),
    ("cout: 15 000 à 20 000 €", (20000, ["ESS308"]), None, (20000, ["ESS308"]), None),
    ("cout: entre 15 000 et 20 000 €", (20000, ["ESS308"]), None, (20000, ["ESS308"]), None),
    (
        "cout: 15 000 à 20 000 €/an",
        (20000, ["ESS308"]),
        (20000, ["ESS308"]),
        (15000, ["ESS308"]),
        (15000, ["ESS308"]),
    ),
    ('cout: "15,000 €"', "à préciser", None, "à préciser", None),
    ('cout: "€15,000"', "à préciser", None, "à préciser", None),
    ('cout: "15,000 €/an"', "à préciser", "à préciser", "à préciser", "à préciser"),
    ("cout: 5 000 + 2 000 €/an", "à préciser", "à préciser", "à préciser", "à préciser"),
    ("cout: 64 0000 euros/an", "à préciser", "à préciser", "à préciser", "à préciser"),
    (
        'cout:\n  texte: "15,000 €"\n  montant: 15000',
        (15000, ["ESS309"]),
        None,
        (15000, ["ESS309"]),
        None,
    ),
    ("cout:\n  texte: 15 000 à 20 000 €\n  montant: 18000", (18000, []), None, (18000, []), None),
    ("cout: 10 000 € HT / an", (10000, []), (10000, []), (7500, []), (7500, [])),
    ("cout: 12 000 € TTC", (12000, []), None, (12000, []), None),
    # le montant est le nombre que suit la devise ; une parenthèse est un commentaire
    ('cout: "2024 : 5 000 €"', (5000, []), None, (5000, []), None),
    ("cout: 5 000 € (dont 2 000 € de la Région)", (5000, []), None, (5000, []), None),
    ("cout: 5 000 € ou 6 000 €", "à préciser", None, "à préciser", None),
    (
        "cout:\n  montant: 1000\n  periodicite: mensuel",
        (12000, []),
        (12000, []),
        (9000, []),
        (9000, []),
    ),
]


@pytest.mark.parametrize(
    ("cout", "full_2025", "full_2026", "prorata_2025", "prorata_2026"),
    COSTS,
    ids=[c[0] for c in COSTS],
)
def test_cost_forms_in_the_budget(
    run_cli, tmp_path, cout, full_2025, full_2026, prorata_2025, prorata_2026
):
    root = repository(tmp_path, cout)
    assert counted(run_cli, root, 2025) == full_2025
    assert counted(run_cli, root, 2026) == full_2026
    assert counted(run_cli, root, 2025, prorata=True) == prorata_2025
    assert counted(run_cli, root, 2026, prorata=True) == prorata_2026


def test_two_parts_and_taxes_are_shown_in_the_table(run_cli, tmp_path):
    root = repository(tmp_path, "cout: 5 000 € HT + 2 000 €/an HT")
    text = run_cli("budget", "--year", "2025", cwd=root).stdout
    assert (
        "  1.1     Une action         7\u202f000\u00a0€           5\u202f000\u00a0€ ponctuel +"
        " 2\u202f000\u00a0€ annuel, HT\n"
    ) in text
    data = json.loads(
        run_cli("budget", "--year", "2025", "--output-format", "json", cwd=root).stdout
    )
    line = data["plans"][0]["fiches"][0]
    assert (line["mode"], line["taxe"]) == ("mixte", "HT")
    assert line["parties"] == [
        {"montant": 5000, "mode": "ponctuel", "mois": None},
        {"montant": 2000, "mode": "annuel", "mois": None},
    ]


def test_monthly_prorata_counts_one_amount_per_month(run_cli, tmp_path):
    root = repository(tmp_path, "cout: 1 500 € par mois")
    data = json.loads(
        run_cli("budget", "--year", "2025", "--prorata", "--output-format", "json", cwd=root).stdout
    )
    line = data["plans"][0]["fiches"][0]
    assert (line["montant"], line["mode"], line["mois"], line["du"], line["au"]) == (
        13500,
        "mensuel",
        9,
        "2025-04",
        "2025-12",
    )


def test_ambiguous_amounts_are_listed_never_counted(run_cli, tmp_path):
    root = repository(tmp_path, 'cout: "15,000 €/an"')
    data = json.loads(
        run_cli("budget", "--year", "2025", "--output-format", "json", cwd=root).stdout
    )
    plan = data["plans"][0]
    assert (plan["fiches"], plan["a_preciser"], plan["non_chiffrees"]) == ([], ["1.1"], [])
    assert plan["total_fiches"] is None and data["total_fiches"] is None  # jamais 0
    text = run_cli("budget", "--year", "2025", cwd=root).stdout
    assert (
        "À préciser en 2025 (montant ambigu : jamais compté tant que cout.montant ne le dit"
        " pas) :\n  1.1  Une action  (montant ambigu : 15\u00a0€ ou 15\u202f000\u00a0€)\n"
    ) in text
    assert "Aucune action chiffrée en 2025." in text
    markdown = run_cli("budget", "--year", "2025", "--output-format", "markdown", cwd=root).stdout
    assert "\n- 1.1 — Une action (montant ambigu : 15\u00a0€ ou 15\u202f000\u00a0€)\n" in markdown
    matrix = json.loads(run_cli("budget", "--output-format", "json", cwd=root).stdout)["plans"][0]
    assert matrix["a_preciser"] == {"2025": ["1.1"], "2026": ["1.1"], "2027": []}
    assert matrix["nombre_a_preciser"] == {"2025": 1, "2026": 1, "2027": 0}


# (texte du coût, code, message, suggestion) : chaque lecture ouverte a son constat.
OPEN_COSTS = [
    (
        "cout: 15 000 à 20 000 €",
        "ESS308",
        "fourchette « 15 000 à 20 000 € » : comptée à sa borne haute, 20\u202f000\u00a0€",
        "écrivez le montant retenu en cout.montant (entre 15\u202f000 et 20\u202f000)",
    ),
    (
        'cout: "15,000 €"',
        "ESS309",
        "« 15,000 € » se lit 15\u00a0€ ou 15\u202f000\u00a0€ : montant à préciser, il n'est pas compté",
        "écrivez le montant voulu en cout.montant (15 ou 15000)",
    ),
    (
        'cout: "€15,000"',
        "ESS309",
        "« €15,000 » se lit 15\u00a0€ ou 15\u202f000\u00a0€ : montant à préciser, il n'est pas compté",
        "écrivez le montant voulu en cout.montant (15 ou 15000)",
    ),
    (
        "cout: 5 000 + 2 000 €/an",
        "ESS309",
        "« 5 000 + 2 000 €/an » se lit 5\u202f000\u00a0€ une fois, plus 2\u202f000\u00a0€ par an ou"
        " 7\u202f000\u00a0€ par an : montant à préciser, il n'est pas compté",
        "écrivez chaque partie avec sa devise et sa périodicité, ou le montant en cout.montant",
    ),
    (
        "cout: 64 0000 euros/an",
        "ESS302",
        "montant suspect « 64 0000 » : les chiffres ne sont pas groupés par milliers : le montant"
        " n'est pas compté tant que cout.montant ne le précise pas",
        "vouliez-vous dire 64\u202f000 ou 640\u202f000 ? Écrivez le montant voulu en cout.montant",
    ),
    (
        "cout: 5 000 € ou 6 000 €",
        "ESS309",
        "« 5 000 € ou 6 000 € » se lit 5\u202f000\u00a0€ ou 6\u202f000\u00a0€ ou 11\u202f000\u00a0€ :"
        " montant à préciser, il n'est pas compté",
        "écrivez le montant voulu en cout.montant (5000 ou 6000 ou 11000)",
    ),
    (
        "cout: 3 x 5 000 € = 16 000 €",
        "ESS303",
        "calcul faux dans « 3 x 5 000 € = 16 000 € » : 3 × 5\u202f000 = 15\u202f000\u00a0€, pas"
        " 16\u202f000\u00a0€",
        "corrigez le montant ou ses éléments pour qu'ils concordent",
    ),
]


@pytest.mark.parametrize(
    ("cout", "code", "message", "suggestion"), OPEN_COSTS, ids=[c[0] for c in OPEN_COSTS]
)
def test_every_open_cost_reading_has_a_finding(run_cli, tmp_path, cout, code, message, suggestion):
    root = repository(tmp_path, cout)
    result = run_cli("lint", "--output-format", "json", "--select", "ESS3", cwd=root)
    found = [(d["code"], d["message"], d["suggestion"]) for d in json.loads(result.stdout)]
    assert found == [(code, message, suggestion)]


def test_a_negative_amount_is_invalid(run_cli, tmp_path):
    root = repository(tmp_path, 'cout: "-500 €"')
    result = run_cli("validate", "--output-format", "json", cwd=root)
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)
    assert (diagnostic["code"], diagnostic["ligne"], diagnostic["message"]) == (
        "ESS004",
        7,
        "un montant ne peut pas être négatif (« -500 € »)",
    )
    assert run_cli("budget", "--year", "2025", cwd=root).exit_code == 1


# (texte du mois, début lu, fin lue, 2025 ou 2026 au prorata comme début puis comme fin) : le
# coût vaut 1 200 € par an, 100 € par mois. Comme début, l'action court jusqu'en décembre 2027 ;
# comme fin, elle commence en janvier 2025.
MONTHS = [
    ("2016-10", "2016-10", "2016-10", None, None),
    ("Octobre 2016", "2016-10", "2016-10", None, None),
    ("Novembre 2016 (Edition N°1)", "2016-11", "2016-11", None, None),
    ("sept. 2025", "2025-09", "2025-09", (2025, 400), (2025, 900)),  # sept.-déc. ; janv.-sept.
    ("Sept 2025", "2025-09", "2025-09", (2025, 400), (2025, 900)),
    ("sept 2025", "2025-09", "2025-09", (2025, 400), (2025, 900)),
    ("janv. 2026", "2026-01", "2026-01", (2026, 1200), (2026, 100)),
    ("01/09/2025", "2025-09", "2025-09", (2025, 400), (2025, 900)),
    ("09/2025", "2025-09", "2025-09", (2025, 400), (2025, 900)),
    ("2026", "2026-01", "2026-12", (2026, 1200), (2026, 1200)),
    ("1er trimestre 2026", "2026-01", "2026-03", (2026, 1200), (2026, 300)),
    ("T1 2026", "2026-01", "2026-03", (2026, 1200), (2026, 300)),
    ("2e trimestre 2026", "2026-04", "2026-06", (2026, 900), (2026, 600)),
    ("1er semestre 2026", "2026-01", "2026-06", (2026, 1200), (2026, 600)),
    ("S2 2026", "2026-07", "2026-12", (2026, 600), (2026, 1200)),
    ("début 2026", "2026-01", "2026-01", (2026, 1200), (2026, 100)),
    ("fin 2026", "2026-12", "2026-12", (2026, 100), (2026, 1200)),
    ("mi-2026", "2026-06", "2026-06", (2026, 700), (2026, 600)),
]
IMPRECISE = {
    "2026",
    "1er trimestre 2026",
    "T1 2026",
    "2e trimestre 2026",
    "1er semestre 2026",
    "S2 2026",
    "début 2026",
    "fin 2026",
    "mi-2026",
}


@pytest.mark.parametrize(
    ("text", "start", "end", "as_start", "as_end"), MONTHS, ids=[m[0] for m in MONTHS]
)
def test_month_forms(run_cli, tmp_path, text, start, end, as_start, as_end):
    root = repository(tmp_path, "cout: 1 200 euros/an", debut=f'"{text}"', fin="2027-12")
    lines = [
        f
        for y in (2025, 2026, 2027)
        for f in json.loads(
            run_cli("budget", "-y", str(y), "--output-format", "json", cwd=root).stdout
        )["plans"][0]["fiches"]
    ]
    if as_start is None:  # un mois hors de la période : la lecture seule est vérifiée
        assert len(lines) == 3 and all(line["debut"] == start for line in lines)
    else:
        year, amount = as_start
        assert lines[0]["debut"] == start
        assert counted(run_cli, root, year)[0] == 1200  # une année où l'action court : en entier
        prorata = counted(run_cli, root, year, prorata=True)
        assert prorata[0] == amount
        assert ("ESS207" in prorata[1]) == (text in IMPRECISE)
    root = repository(tmp_path, "cout: 1 200 euros/an", debut="2025-01", fin=f'"{text}"')
    line = json.loads(run_cli("budget", "-y", "2025", "--output-format", "json", cwd=root).stdout)[
        "plans"
    ][0]["fiches"]
    if as_end is not None:
        assert line[0]["fin"] == end
        year, amount = as_end
        assert counted(run_cli, root, year, prorata=True)[0] == amount
    lint = json.loads(
        run_cli("lint", "--output-format", "json", "--select", "ESS207", cwd=root).stdout
    )
    assert bool(lint) == (text in IMPRECISE)


def test_an_imprecise_month_states_what_it_retains(run_cli, tmp_path):
    root = repository(tmp_path, "cout: 1 200 euros/an", debut="2026", fin="2e trimestre 2027")
    result = run_cli("lint", "--output-format", "json", "--select", "ESS207", cwd=root)
    assert [(d["chemin"], d["message"]) for d in json.loads(result.stdout)] == [
        (
            "debut",
            "« 2026 » désigne l'année 2026, de janvier à décembre 2026 : le début retenu"
            " est janvier 2026",
        ),
        (
            "fin",
            "« 2e trimestre 2027 » désigne le deuxième trimestre 2027, d'avril à juin 2027 :"
            " la fin retenue est juin 2027",
        ),
    ]


# (texte, message, suggestion) : un mois refusé dit pourquoi, et la lecture la plus proche.
REFUSED_MONTHS = [
    (
        "setpembre 2025",
        "« setpembre 2025 » : « setpembre » n'est pas un nom de mois",
        "vouliez-vous dire « septembre 2025 » ?",
    ),
    (
        "Brumaire 2019",
        "« Brumaire 2019 » : « Brumaire » n'est pas un nom de mois",
        "écrivez par exemple « octobre 2019 » ou « 2019-10 »",
    ),
    ("13/2025", "mois impossible « 13/2025 » : le mois va de 01 à 12", None),
    ("31/02/2025", "date impossible : « 31/02/2025 »", None),
    (
        "5e trimestre 2026",
        "« 5e trimestre 2026 » : une année a 4 trimestres",
        "écrivez par exemple « 1er trimestre 2026 »",
    ),
    (
        "2025-2030",
        "« 2025-2030 » est une période, pas un mois : un début ou une fin est un mois",
        "écrivez par exemple « 2025-01 »",
    ),
    (
        "bientôt",
        "mois illisible « bientôt »",
        "écrivez « 2016-10 », « octobre 2016 », « 2026 »,"
        " « 1er trimestre 2026 », ou « ? » si le mois est inconnu",
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "suggestion"), REFUSED_MONTHS, ids=[m[0] for m in REFUSED_MONTHS]
)
def test_refused_months(run_cli, tmp_path, text, message, suggestion):
    root = repository(tmp_path, "cout: Néant", debut=f'"{text}"')
    result = run_cli("validate", "--output-format", "json", cwd=root)
    assert result.exit_code == 1
    assert [
        (d["code"], d["ligne"], d["chemin"], d["message"], d["suggestion"])
        for d in json.loads(result.stdout)
    ] == [("ESS004", 5, "debut", message, suggestion)]


def test_a_period_in_years(run_cli, tmp_path):
    root = repository(tmp_path, "cout: 1 200 euros/an")
    plan = root / "plans/p/plan.yaml"
    plan.write_text(PLAN.replace("periode: 2025-2027", "periode: 2025-2030"), encoding="utf-8")
    text = run_cli("budget", cwd=root).stdout
    assert (
        "Période du plan : janvier 2025 à décembre 2030 ; coûts annuels comptés en entier.\n"
        in text
    )
    assert "budget par année (2025 à 2030)" in text
    plan.write_text(
        PLAN.replace("periode: 2025-2027", "periode: {debut: 2030, fin: 2025}"), encoding="utf-8"
    )
    result = run_cli("validate", "--output-format", "json", cwd=root)
    assert [d["message"] for d in json.loads(result.stdout)] == [
        "la fin de la période (« 2025 ») précède son début (« 2030 »)"
    ]
    plan.write_text(PLAN.replace("periode: 2025-2027", "periode: [2025, 2030]"), encoding="utf-8")
    [diagnostic] = json.loads(run_cli("validate", "--output-format", "json", cwd=root).stdout)
    assert diagnostic["message"] == (
        "une période s'écrit « periode: 2025-2030 », ou « periode: {debut: 2025-01, fin: 2030-12} »"
    )


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        ("11/2026", True),
        ("novembre 2026", True),
        ("2026-11", True),
        ("2026", False),
        ("bientôt", False),
    ],
)
def test_check_dates_take_the_month_forms(run_cli, date, ok):
    result = run_cli("lint", "clermont-2016", "--date", date, "--output-format", "concise")
    assert result.exit_code == (0 if ok else 2), result.stderr
    if not ok:
        assert result.stderr.startswith(f"essplan : --date : « {date} » n'est pas un mois")
        assert result.stderr.endswith("(attendu : AAAA-MM, par exemple --date 2026-11)\n")
        assert "« ? »" not in result.stderr
