"""Les règles du suivi (ESS601 à ESS607, et ESS205 qui lit le journal), dans le style de
yamllint : une source, la date du contrôle, les constats attendus à leurs lignes. Les chiffres
des messages sont calculés à la main dans le commentaire de chaque cas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lint_helpers import diagnostics, write_plan

from essplan.lint import rule as lint_rule

# Le plan de lint_helpers court de janvier 2020 à décembre 2022.
HEAD = 'id: "1.1"\naxe: 1\ntitre: Une action suivie\ndebut: 2020-01\nfin: 2022-12\n'


def fr(text: str) -> str:
    """Un message tel qu'essplan l'écrit : espace fine entre les milliers, insécable avant « € »
    et « % » (les tests s'écrivent avec des espaces ordinaires)."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    return text.replace(" €", "\u00a0€").replace(" %", "\u00a0%")


def found(tmp_path: Path, source: str, code: str, date: str, **options) -> list[tuple]:
    """(ligne, chemin de clé, message) des constats de `code` sur la fiche `source`."""
    fiches = {"1.1.yaml": source, **options.pop("others", {})}
    return [
        (d.line, d.path, d.message)
        for d in diagnostics(tmp_path, fiches, select=code, date=date, **options)
    ]


def lines(tmp_path: Path, source: str, code: str, date: str, **options) -> list[int]:
    return [line for line, _, _ in found(tmp_path, source, code, date, **options)]


# (code, source après l'en-tête, date du contrôle, lignes attendues) : chaque règle, une source
# qui la déclenche et des cas limites qui passent.
CASES = [
    # ESS601 : échéance de mars 2021 passée en juin 2021.
    ("ESS601", "etapes:\n  - libelle: Charte\n    echeance: 2021-03\n", "2021-06", [8]),
    # Faite en septembre, après le contrôle de juin : en retard à cette date-là.
    (
        "ESS601",
        "etapes:\n  - libelle: Charte\n    echeance: 2021-03\n    realisee: 2021-09\n",
        "2021-06",
        [8],
    ),
    ("ESS601", "etapes:\n  - libelle: Charte\n    echeance: 2021-06\n", "2021-06", []),
    (
        "ESS601",
        "etapes:\n  - libelle: Charte\n    echeance: 2021-03\n    realisee: 2021-05\n",
        "2021-06",
        [],
    ),
    (
        "ESS601",
        "statut: abandonne\netapes:\n  - libelle: Charte\n    echeance: 2021-03\n",
        "2021-06",
        [],
    ),
    # ESS602 : de novembre 2020 à juin 2021, sept mois, plus que six.
    (
        "ESS602",
        "statut: en_cours\nsuivi:\n  - date: 2020-11\n    texte: Réunion.\n",
        "2021-06",
        [8],
    ),
    # Décembre 2020 à juin 2021 : six mois tout juste, pas plus que l'intervalle.
    ("ESS602", "statut: en_cours\nsuivi:\n  - date: 2020-12\n    texte: Réunion.\n", "2021-06", []),
    ("ESS602", "statut: en_cours\n", "2021-06", [6]),  # sans journal : depuis le début
    ("ESS602", "statut: en_pause\n", "2021-06", []),
    # Le journal dit l'action réalisée : elle n'est plus à relancer.
    (
        "ESS602",
        "statut: en_cours\nsuivi:\n  - date: 2020-03\n    texte: Fait.\n    statut: realise\n",
        "2021-06",
        [],
    ),
    # ESS603 : la dernière entrée dit réalisé.
    (
        "ESS603",
        "statut: en_cours\nsuivi:\n  - date: 2021-03\n    texte: Fait.\n    statut: realise\n",
        "2021-06",
        [6],
    ),
    # Deux entrées du même mois : la dernière écrite fait foi.
    (
        "ESS603",
        "statut: realise\nsuivi:\n  - date: 2021-03\n    texte: Fait.\n    statut: realise\n"
        "  - date: 2021-03\n    texte: Repris.\n    statut: en_cours\n",
        "2021-06",
        [6],
    ),
    (
        "ESS603",
        "statut: en_cours\nsuivi:\n  - date: 2021-03\n    texte: Fait.\n    statut: realise\n"
        "  - date: 2021-03\n    texte: Repris.\n    statut: en_cours\n",
        "2021-06",
        [],
    ),
    # Écrites dans le désordre : la plus récente par la date, pas la dernière écrite.
    (
        "ESS603",
        "statut: realise\nsuivi:\n  - date: 2021-05\n    texte: Fait.\n    statut: realise\n"
        "  - date: 2021-02\n    texte: Lancé.\n    statut: en_cours\n",
        "2021-06",
        [],
    ),
    # Une entrée après la date du contrôle compte aussi : `statut` est celui d'aujourd'hui.
    (
        "ESS603",
        "statut: en_cours\nsuivi:\n  - date: 2022-03\n    texte: Fait.\n    statut: realise\n",
        "2021-06",
        [6],
    ),
    ("ESS603", "suivi:\n  - date: 2021-03\n    texte: Fait.\n    statut: realise\n", "2021-06", []),
    ("ESS603", "statut: en_cours\nsuivi:\n  - date: 2021-03\n    texte: Rien.\n", "2021-06", []),
    # ESS604 : 5 000 €/an comptés en 2021, 6 000 € dépensés.
    ("ESS604", "cout: 5 000 euros/an\ndepenses:\n  2021: 6000\n", "2021-06", [8]),
    ("ESS604", "cout: 5 000 euros/an\ndepenses:\n  2021: 5000\n", "2021-06", []),
    ("ESS604", 'cout: 5 000 euros/an\ndepenses:\n  "2021": 6000\n', "2021-06", [8]),
    ("ESS604", "cout: 5 000 euros/an\ndepenses:\n  2019: 100\n  2020: 10\n", "2021-06", [8]),
    # Ponctuel : 8 000 + 5 000 = 13 000 €, plus que 12 000 €, sur deux années.
    # (le constat est sur la valeur de `depenses` : sa première ligne)
    ("ESS604", "cout: 12 000 €\ndepenses:\n  2020: 8000\n  2021: 5000\n", "2021-06", [8]),
    ("ESS604", "cout: 12 000 €\ndepenses:\n  2020: 8000\n  2021: 4000\n", "2021-06", []),
    ("ESS604", "cout: 10 000 à 12 000 €\ndepenses:\n  2020: 12000\n", "2021-06", []),
    ("ESS604", "cout: 10 000 à 12 000 €\ndepenses:\n  2020: 12001\n", "2021-06", [8]),
    ("ESS604", 'cout: "???"\ndepenses:\n  2020: 12000\n', "2021-06", []),
    ("ESS604", 'cout: "15,000 €"\ndepenses:\n  2020: 16000\n', "2021-06", []),
    # Néant : rien n'est compté, 1 € dépensé est de trop.
    ("ESS604", "cout: Néant\ndepenses:\n  2020: 1\n", "2021-06", [8]),
    # ESS606
    (
        "ESS606",
        "suivi:\n  - date: 2021-03\n    texte: A.\n  - date: 2021-01\n    texte: B.\n",
        "2021-06",
        [9],
    ),
    (
        "ESS606",
        "suivi:\n  - date: 2021-03\n    texte: A.\n  - date: 2021-03\n    texte: B.\n",
        "2021-06",
        [],
    ),
    ("ESS606", "suivi:\n  - date: 2021-07\n    texte: A.\n", "2021-06", [7]),
    ("ESS606", "suivi:\n  - date: 2021-06\n    texte: A.\n", "2021-06", []),
    (
        "ESS606",
        "suivi:\n  - date: 2021-01\n    texte: A.\n    avancement: 50\n"
        "  - date: 2021-03\n    texte: B.\n    avancement: 40\n",
        "2021-06",
        [12],
    ),
    (
        "ESS606",
        "suivi:\n  - date: 2021-01\n    texte: A.\n    avancement: 50\n"
        "  - date: 2021-03\n    texte: B.\n    avancement: 50\n",
        "2021-06",
        [],
    ),
    # 100 % sans statut à l'entrée : celui en vigueur (en cours, depuis janvier).
    (
        "ESS606",
        "suivi:\n  - date: 2021-01\n    texte: A.\n    statut: en_cours\n"
        "  - date: 2021-03\n    texte: B.\n    avancement: 100\n",
        "2021-06",
        [12],
    ),
    (
        "ESS606",
        "suivi:\n  - date: 2021-01\n    texte: A.\n    statut: en_cours\n"
        "  - date: 2021-03\n    texte: B.\n    avancement: 100\n    statut: realise\n",
        "2021-06",
        [],
    ),
    # Aucune entrée ne donne de statut : `statut` vaut à toute date.
    (
        "ESS606",
        "statut: en_cours\nsuivi:\n  - date: 2021-03\n    texte: B.\n    avancement: 100\n",
        "2021-06",
        [10],
    ),
    (
        "ESS606",
        "statut: realise\nsuivi:\n  - date: 2021-03\n    texte: B.\n    avancement: 100\n",
        "2021-06",
        [],
    ),
    # ESS607 : 5 000 €/an sur trois ans, 15 000 € ; les financeurs en apportent 16 000.
    (
        "ESS607",
        "cout: 5 000 euros/an\nfinancement:\n  - financeur: A\n    montant: 10000\n"
        "  - financeur: B\n    montant: 6000\n",
        "2021-06",
        [8],
    ),
    (
        "ESS607",
        "cout: 5 000 euros/an\nfinancement:\n  - financeur: A\n    montant: 10000\n"
        "  - B\n  - financeur: C\n    montant: 5000\n",
        "2021-06",
        [],
    ),
    ("ESS607", "cout: 5 000 euros/an\nfinancement: [A, B]\n", "2021-06", []),
    # ESS205 : le statut du journal à la date, pas `statut`.
    (
        "ESS205",
        "suivi:\n  - date: 2020-03\n    texte: Lancé.\n    statut: en_cours\n",
        "2023-06",
        [9],
    ),
    (
        "ESS205",
        "statut: en_cours\nsuivi:\n  - date: 2022-10\n    texte: Fait.\n    statut: realise\n",
        "2023-06",
        [],
    ),
    # Réalisé en septembre 2023, après le contrôle de juin : en retard à cette date-là.
    (
        "ESS205",
        "statut: realise\nsuivi:\n  - date: 2020-03\n    texte: Lancé.\n    statut: en_cours\n"
        "  - date: 2023-09\n    texte: Fait.\n    statut: realise\n",
        "2023-06",
        [10],
    ),
    ("ESS205", "statut: en_cours\n", "2023-06", [6]),  # sans journal, comme avant
]


@pytest.mark.parametrize(
    ("code", "source", "date", "expected"),
    CASES,
    ids=[f"{code}-{i}" for i, (code, *_) in enumerate(CASES)],
)
def test_rule(tmp_path, code, source, date, expected):
    assert lines(tmp_path, HEAD + source, code, date) == expected


TESTED = {code for code, *_ in CASES} | {"ESS605"}  # ESS605 : un plan suivi, plus bas


def test_the_dated_rules_say_nothing_without_a_check_date(tmp_path):
    source = HEAD + "statut: en_cours\netapes:\n  - libelle: A\n    echeance: 2020-03\n"
    source += "suivi:\n  - date: 2030-01\n    texte: A.\n"
    assert found(tmp_path, source, "ESS601,ESS602,ESS606,ESS205", None) == []


# ------------------------------------------------------------------------- les messages


def test_late_milestone_message(tmp_path):
    source = HEAD + "etapes:\n  - libelle: Charte\n    echeance: 2021-03\n    realisee: 2021-09\n"
    assert found(tmp_path, source, "ESS601", "2021-06") == [
        (
            8,
            "etapes[1].echeance",
            "étape « Charte » en retard : échéance mars 2021, pas réalisée en juin 2021",
        )
    ]


def test_stale_action_messages(tmp_path):
    source = HEAD + "statut: en_cours\nsuivi:\n  - date: 2020-11\n    texte: Réunion.\n"
    assert found(tmp_path, source, "ESS602", "2021-06") == [
        (
            8,
            "suivi[1].date",
            "action en cours sans nouvelles depuis novembre 2020 (dernière entrée du journal),"
            " soit 7 mois en juin 2021 : plus que les 6 mois de l'intervalle de suivi ([suivi]"
            " intervalle)",
        )
    ]
    # Sans journal, le début : de janvier 2020 à juin 2021, dix-sept mois.
    assert found(tmp_path, HEAD + "statut: en_cours\n", "ESS602", "2021-06") == [
        (
            6,
            "statut",
            "action en cours sans nouvelles depuis janvier 2020 (son début, sans journal), soit"
            " 17 mois en juin 2021 : plus que les 6 mois de l'intervalle de suivi ([suivi]"
            " intervalle)",
        )
    ]


def test_status_mismatch_message(tmp_path):
    source = HEAD + "statut: en_cours\nsuivi:\n  - date: 2021-03\n    texte: A.\n"
    source += "    statut: realise\n"
    assert found(tmp_path, source, "ESS603", "2021-06") == [
        (
            6,
            "statut",
            "statut « en cours », mais la dernière entrée du journal qui en donne un (mars 2021)"
            " dit « réalisé »",
        )
    ]


MONTHLY = HEAD.replace("2020-01", "2021-06").replace("2022-12", "2021-12")

# (source, date du contrôle, constats attendus) : les chiffres des messages d'ESS604.
SPENDING = [
    (
        HEAD + "cout: 5 000 euros/an\ndepenses:\n  2019: 100\n  2021: 6000\n",
        "2021-06",
        [
            (
                8,
                "depenses[2019]",
                "100 € dépensés en 2019, une année où l'action ne court pas (elle court de"
                " janvier 2020 à décembre 2022) : le budget n'y compte rien",
            ),
            (
                9,
                "depenses[2021]",
                "6 000 € dépensés en 2021, plus que les 5 000 € que le budget compte cette"
                " année-là",
            ),
        ],
    ),
    # Ponctuel : 8 000 + 5 000 = 13 000 €, sur deux années.
    (
        HEAD + "cout: 12 000 €\ndepenses:\n  2020: 8000\n  2021: 5000\n",
        "2021-06",
        [
            (
                8,
                "depenses",
                "13 000 € dépensés de 2020 à 2021, plus que le coût ponctuel de l'action"
                " (12 000 €)",
            )
        ],
    ),
    (
        HEAD + "cout: 10 000 à 12 000 €\ndepenses:\n  2020: 12500\n",
        "2021-06",
        [
            (
                8,
                "depenses",
                "12 500 € dépensés en 2020, plus que le coût ponctuel de l'action (12 000 €, borne"
                " haute de la fourchette)",
            )
        ],
    ),
    (
        HEAD + "cout: 4 000 à 5 000 euros/an\ndepenses:\n  2021: 5000\n  2022: 5500\n",
        "2023-06",
        [
            (
                9,
                "depenses[2022]",
                "5 500 € dépensés en 2022, plus que les 5 000 € que le budget compte cette"
                " année-là, borne haute de la fourchette",
            )
        ],
    ),
    # 1 000 € par mois de juin à décembre 2021 : le budget compte 12 000 € en 2021 (sans
    # `--prorata`), comme le tableau de bord ; 12 000 € dépensés passent, 12 500 € non.
    (MONTHLY + "cout: 1 000 € par mois\ndepenses:\n  2021: 12000\n", "2021-06", []),
    (
        MONTHLY + "cout: 1 000 € par mois\ndepenses:\n  2021: 12500\n",
        "2021-06",
        [
            (
                8,
                "depenses[2021]",
                "12 500 € dépensés en 2021, plus que les 12 000 € que le budget compte cette"
                " année-là",
            )
        ],
    ),
]


@pytest.mark.parametrize(("source", "date", "expected"), SPENDING)
def test_spending_messages(tmp_path, source, date, expected):
    assert found(tmp_path, source, "ESS604", date) == [(n, p, fr(m)) for n, p, m in expected]


def test_journal_messages(tmp_path):
    source = HEAD + (
        "suivi:\n  - date: 2021-03\n    texte: A.\n    avancement: 50\n    statut: en_cours\n"
        "  - date: 2021-01\n    texte: B.\n    avancement: 60\n"
        "  - date: 2021-09\n    texte: C.\n    avancement: 100\n"
    )
    # Dans l'ordre des dates : janvier (60 %), mars (50 %, en cours), septembre (100 %).
    assert found(tmp_path, source, "ESS606", "2021-06") == [
        (
            9,
            "suivi[1].avancement",
            fr(
                "avancement de 50 % en mars 2021, moins que les 60 % de janvier 2021 : un"
                " avancement ne recule pas"
            ),
        ),
        (
            11,
            "suivi[2].date",
            "entrée datée de janvier 2021, avant celle qui la précède (mars 2021) : le journal"
            " s'écrit du plus ancien au plus récent",
        ),
        (
            14,
            "suivi[3].date",
            "entrée datée de septembre 2021, après la date du contrôle (juin 2021) : un journal"
            " dit ce qui s'est passé",
        ),
        (
            16,
            "suivi[3].avancement",
            fr(
                "avancement de 100 % alors que le statut est « en cours » : une action faite à"
                " 100 % est réalisée"
            ),
        ),
    ]


def test_funding_message_counts_the_months_run(tmp_path):
    """1 000 € par mois de juin 2021 à août 2022 : quinze mois, 15 000 € ; 16 000 € de
    financeurs, c'est 1 000 € de trop, 15 000 € passent."""
    head = HEAD.replace("2020-01", "2021-06").replace("2022-12", "2022-08")
    funders = "cout: 1 000 € par mois\nfinancement:\n  - financeur: A\n    montant: {}\n"
    assert found(tmp_path, head + funders.format(15000), "ESS607", "2021-06") == []
    assert found(tmp_path, head + funders.format(16000), "ESS607", "2021-06") == [
        (
            8,
            "financement",
            fr(
                "les financeurs apportent 16 000 € en tout, plus que ce que l'action coûte de"
                " juin 2021 à août 2022 (15 000 €)"
            ),
        )
    ]
    unknown_end = funders.format(16000) + 'fin: "?"\n'
    assert (
        found(tmp_path, head.replace("fin: 2022-08\n", "") + unknown_end, "ESS607", "2021-06") == []
    )


def test_late_action_from_the_journal_points_at_the_entry(tmp_path):
    source = HEAD + "suivi:\n  - date: 2020-03\n    texte: Lancé.\n    statut: en_cours\n"
    assert found(tmp_path, source, "ESS205", "2023-06") == [
        (
            9,
            "suivi[1].statut",
            "la fin prévue (décembre 2022) est passée (juin 2023) et le statut est « en cours »"
            " (journal, mars 2020)",
        )
    ]


# --------------------------------------------------------------- ESS605, un plan suivi

SPENT = 'id: "1.2"\naxe: 1\ntitre: Une action qui dépense\ndepenses:\n  2020: 100\n'


def missing(tmp_path, source: str, date: str, follow_up: bool = True) -> list[tuple]:
    others = {"1.2.yaml": SPENT} if follow_up else {}
    return found(tmp_path, HEAD + source, "ESS605", date, others=others)


def test_missing_values_in_a_followed_plan(tmp_path):
    # Contrôle en juin 2022 : 2020 et 2021 sont achevées, l'action y a couru.
    assert missing(tmp_path, "indicateurs:\n  - Participants\n", "2022-06") == [
        (
            7,
            "indicateurs[1]",
            "indicateur « Participants » : pas de valeur pour les années 2020 et 2021, où"
            " l'action a couru",
        )
    ]


def test_a_plan_without_follow_up_data_is_not_asked_for_values(tmp_path):
    source = "indicateurs:\n  - Participants\n"
    assert missing(tmp_path, source, "2022-06", follow_up=False) == []


def test_missing_values_are_listed_by_runs_of_years(tmp_path):
    # Depuis 2016, fin inconnue : jusqu'à la fin de la période, 2022 ; contrôle en 2025.
    source = "indicateurs:\n  - libelle: Participants\n    valeurs: {2019: 3}\n"
    text = (HEAD + source).replace("fin: 2022-12\n", 'fin: "?"\n').replace("2020-01", "2016-01")
    assert found(tmp_path, text, "ESS605", "2025-01", others={"1.2.yaml": SPENT}) == [
        (
            8,
            "indicateurs[1].valeurs",
            "indicateur « Participants » : pas de valeur pour les années 2016 à 2018 et 2020 à"
            " 2022, où l'action a couru",
        )
    ]


@pytest.mark.parametrize(
    ("source", "date", "expected"),
    [
        # L'année du contrôle n'est pas achevée : 2020 seulement.
        ("indicateurs:\n  - Participants\n", "2021-12", [7]),
        ("indicateurs:\n  - libelle: Participants\n    valeurs: {2020: 1}\n", "2021-12", []),
        # Abandonnée en mars 2021 : 2020 et 2021 comptent, pas 2022.
        (
            "suivi:\n  - date: 2021-03\n    texte: Arrêt.\n    statut: abandonne\n"
            "indicateurs:\n  - libelle: P\n    valeurs: {2020: 1, 2021: 2}\n",
            "2023-06",
            [],
        ),
        (
            "suivi:\n  - date: 2021-03\n    texte: Arrêt.\n    statut: abandonne\n"
            "indicateurs:\n  - libelle: P\n    valeurs: {2020: 1}\n",
            "2023-06",
            [12],
        ),
        # Abandonnée sans dire quand : aucune année n'est demandée.
        ("statut: abandonne\nindicateurs:\n  - P\n", "2023-06", []),
        # Une valeur écrite en texte est une valeur.
        ("indicateurs:\n  - libelle: P\n    valeurs: {2020: non mesuré}\n", "2021-06", []),
    ],
)
def test_missing_value_boundaries(tmp_path, source, date, expected):
    assert [line for line, _, _ in missing(tmp_path, source, date)] == expected


def test_missing_values_start_with_the_action(tmp_path):
    source = "indicateurs:\n  - Participants\n"
    text = (HEAD + source).replace("debut: 2020-01", "debut: 2021-05")
    assert [
        m for _, _, m in found(tmp_path, text, "ESS605", "2022-06", others={"1.2.yaml": SPENT})
    ] == ["indicateur « Participants » : pas de valeur pour l'année 2021, où l'action a couru"]


def test_follow_up_data_is_looked_for_once_per_plan(tmp_path, monkeypatch):
    """« Le plan est suivi » se calcule une fois, pas une fois par fiche : la seule fiche suivie
    est la dernière lue, chaque fiche en demanderait le tour du plan (n² appels)."""
    fiches = {
        f"1.{n}.yaml": f'id: "1.{n}"\naxe: 1\ntitre: Action {n}\nindicateurs: [P]\n'
        for n in range(1, 40)
    }
    fiches["1.40.yaml"] = SPENT.replace('"1.2"', '"1.40"')
    calls = []
    real = lint_rule.has_follow_up
    monkeypatch.setattr(lint_rule, "has_follow_up", lambda fiche: calls.append(1) or real(fiche))
    diagnostics(tmp_path, fiches, select="ESS605", date="2022-06")
    assert len(calls) == 40


# ------------------------------------------------------------------- la configuration


def test_the_interval_comes_from_essplan_toml(tmp_path, run_cli):
    # Dernière nouvelle en février 2021, contrôle en juin : quatre mois, plus que trois.
    source = HEAD + "statut: en_cours\nsuivi:\n  - date: 2021-02\n    texte: Réunion.\n"
    write_plan(tmp_path, {"1.1.yaml": source})
    args = ("lint", "--date", "2021-06", "--select", "ESS602", "--output-format", "concise")
    assert run_cli(*args, cwd=tmp_path).stdout.startswith("1 plan, 1 fiche : aucune erreur")
    (tmp_path / "essplan.toml").write_text("[suivi]\nintervalle = 3\n", encoding="utf-8")
    result = run_cli(*args, cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "plans/p/fiches/1.1.yaml:8:11: ESS602 suivi[1].date : action en cours sans nouvelles"
        " depuis février 2021 (dernière entrée du journal), soit 4 mois en juin 2021 : plus que"
        " les 3 mois de l'intervalle de suivi ([suivi] intervalle) [aide : ajoutez au journal"
        " (`suivi`) une entrée qui dit où en est l'action]"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("intervalle = 121", "essplan.toml : suivi.intervalle : au plus 120"),
        (
            'intervalle = "six"',
            "essplan.toml : suivi.intervalle : un nombre entier positif ou nul est attendu",
        ),
        (
            "echeance-proche = -1",
            "essplan.toml : suivi.echeance-proche : un nombre entier positif ou nul est attendu",
        ),
    ],
)
def test_a_bad_suivi_setting_is_a_usage_error(tmp_path, run_cli, setting, message):
    write_plan(tmp_path, {"1.1.yaml": HEAD})
    (tmp_path / "essplan.toml").write_text(f"[suivi]\n{setting}\n", encoding="utf-8")
    result = run_cli("lint", "--date", "2021-06", cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


# ------------------------------------------------------------------ les plans du dépôt

REPO = Path(__file__).resolve().parent.parent
FOLLOW_UP = "ESS205,ESS6"


def test_the_follow_up_test_plan_at_june_2023(run_cli):
    """tests/suivi_plan en juin 2023, calculé à la main :
    - 1.1 : l'étape « Signer la charte » (échéance juin 2022) n'est pas faite (ESS601, l. 15) ;
      dernière nouvelle en novembre 2022, sept mois plus tôt (ESS602, l. 27) ; 6 000 € dépensés
      en 2022 pour 5 000 €/an (ESS604, l. 33) ; ses financeurs (15 000 €) font son coût sur
      trois ans, tout juste ; ses valeurs 2021 et 2022 sont là ; son journal monte (20, 50, 70).
    - 1.2 : réalisée en février 2023 (ni en retard, ni sans nouvelles) ; 11 500 € dépensés pour
      12 000 € ponctuels ; la valeur 2022 est là.
    - 2.1 : le premier comité (échéance mars 2023) n'est pas tenu (ESS601, l. 14) ; dernière
      nouvelle en juin 2022 (ESS602, l. 16) ; 6 000 € et 9 000 € pour 12 000 € comptés par an
      (1 000 € par mois, douze fois) ; son indicateur n'a pas de valeur pour 2022 (ESS605, l. 24).
    - 2.2 : sans statut ni journal, pas suivie.
    """
    result = run_cli(
        *("lint", "--date", "2023-06", "--select", FOLLOW_UP, "--output-format", "concise"),
        cwd=REPO / "tests" / "suivi_plan",
    )
    # « fichier:ligne:colonne: CODE chemin : message » → « fichier:ligne CODE »
    where = [re.match(r"(.+?:\d+):\d+: (ESS\d+) ", line) for line in result.stdout.splitlines()]
    assert [f"{m[1]} {m[2]}" for m in where if m] == [
        "plans/suivi-test/fiches/1.1.yaml:15 ESS601",
        "plans/suivi-test/fiches/1.1.yaml:27 ESS602",
        "plans/suivi-test/fiches/1.1.yaml:33 ESS604",
        "plans/suivi-test/fiches/2.1.yaml:14 ESS601",
        "plans/suivi-test/fiches/2.1.yaml:16 ESS602",
        "plans/suivi-test/fiches/2.1.yaml:24 ESS605",
    ]


def test_no_follow_up_finding_on_the_bundled_plans(run_cli):
    result = run_cli(
        "lint", "--date", "2026-11", "--select", FOLLOW_UP, "--output-format", "concise"
    )
    assert result.stdout == "4 plans, 38 fiches : aucune erreur\n"
