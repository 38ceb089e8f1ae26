"""Chaque règle : une source qui la déclenche à la ligne attendue, une source qui passe."""

from __future__ import annotations

import pytest
from lint_helpers import COMPLETE, PLAN, diagnostics, problems

F = "fiches/1.1.yaml"


def fiche(**changes: str | None) -> str:
    """La fiche complète, avec des clés remplacées (None : clé retirée)."""
    lines, skip = [], False
    for line in COMPLETE.splitlines():
        key = line.split(":")[0] if not line.startswith(" ") else None
        if key is not None:
            skip = key in changes
            if skip and changes[key] is not None:
                lines.append(changes[key])
        if not skip:
            lines.append(line)
    present = {line.split(":")[0] for line in COMPLETE.splitlines() if not line.startswith(" ")}
    lines.extend(value for key, value in changes.items() if key not in present and value)
    return "\n".join(lines) + "\n"


def test_no_rule_fires_on_a_complete_consistent_fiche(tmp_path):
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}) == []


# (code, changements de la fiche, ligne attendue) : la fiche qui déclenche la règle.
FAILING = [
    ("ESS101", {"pilotes": None}, 1),
    ("ESS101", {"pilotes": "pilotes: []"}, 4),
    ("ESS102", {"indicateurs": None}, 1),
    ("ESS103", {"contexte": None}, 1),
    ("ESS103", {"methode": "methode: []"}, 1),
    ("ESS201", {"fin": 'fin: "?????"'}, 12),
    ("ESS201", {"fin": None}, 1),
    ("ESS202", {"debut": 'debut: "?"'}, 11),
    ("ESS203", {"fin": "fin: Septembre 2019"}, 12),
    ("ESS204", {"debut": "debut: Décembre 2019"}, 11),
    ("ESS204", {"fin": "fin: 2023-01"}, 12),
    ("ESS205", {"fin": "fin: 2021-03"}, 17),
    ("ESS301", {"cout": 'cout: "??? participation SCIC et subventions"'}, 13),
    ("ESS301", {"cout": None, "financement": None}, 1),
    ("ESS302", {"cout": "cout: 64 0000 euros/an"}, 13),
    ("ESS302", {"cout": "cout: Aide plafonnée à €"}, 13),
    ("ESS302", {"cout": "cout: 15 00 €"}, 13),
    ("ESS303", {"cout": "cout: 24 000 / an (4000 X 5)"}, 13),
    (
        "ESS303",
        {"cout": 'cout:\n  montant: 60000\n  detail: "a = 15 000 / b = 15 000 / c : 19 000"'},
        15,
    ),
    ("ESS304", {"debut": "debut: Septembre 2020", "fin": "fin: Octobre 2020"}, 13),
    ("ESS305", {"financement": None}, 1),
    ("ESS307", {"cout": "cout:\n  texte: 5 000 euros/an\n  montant: 50000"}, 15),
    (
        "ESS307",
        {"cout": "cout:\n  texte: 5 000 euros/an\n  montant: 5000\n  periodicite: ponctuel"},
        16,
    ),
    ("ESS207", {"debut": "debut: 2020"}, 11),
    ("ESS207", {"fin": "fin: 2e semestre 2021"}, 12),
    ("ESS207", {"fin": "fin: fin 2021"}, 12),
    ("ESS303", {"cout": "cout: 3 x 5 000 € = 16 000 €"}, 13),
    (
        "ESS304",
        {
            "cout": "cout: 1 000 € + 5 000 €/an",
            "debut": "debut: Septembre 2020",
            "fin": "fin: Octobre 2020",
        },
        13,
    ),
    ("ESS307", {"cout": 'cout:\n  texte: "5,000 €/an"\n  montant: 50'}, 15),  # ni 5 ni 5 000
    ("ESS307", {"cout": "cout:\n  texte: 4 000 à 5 000 euros/an\n  montant: 6000"}, 15),
    ("ESS307", {"cout": "cout:\n  texte: 1 000 € + 5 000 €/an\n  montant: 6000"}, 15),
    ("ESS308", {"cout": "cout: 4 000 à 5 000 euros/an"}, 13),
    ("ESS308", {"cout": "cout: entre 4 000 et 5 000 euros/an"}, 13),
    ("ESS309", {"cout": 'cout: "5,000 €/an"'}, 13),
    ("ESS309", {"cout": 'cout: "€5,000"'}, 13),
    ("ESS309", {"cout": "cout: 5 000 + 2 000 €/an"}, 13),
    ("ESS403", {"id": 'id: "1²"'}, 1),
    ("ESS403", {"id": 'id: " 1.1"'}, 1),
]


@pytest.mark.parametrize(
    ("code", "changes", "line"), FAILING, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(FAILING)]
)
def test_rule_fires(tmp_path, code, changes, line):
    assert problems(tmp_path, {"1.1.yaml": fiche(**changes)}, select=code) == [(code, F, line)]


PASSING = [
    ("ESS403", {"id": 'id: "1.1 bis"'}),  # des lettres et des espaces au milieu : un texte
    ("ESS201", {"fin": "fin: 2021-12"}),
    ("ESS203", {"fin": "fin: Janvier 2021"}),  # même mois : ni avant, ni après
    ("ESS205", {"statut": "statut: realise", "fin": "fin: 2021-03"}),
    ("ESS205", {"statut": None, "fin": "fin: 2021-03"}),  # sans statut, pas de suivi
    ("ESS205", {"fin": "fin: 2021-06"}),  # le mois de référence lui-même n'est pas passé
    ("ESS301", {"cout": "cout: Néant", "financement": None}),
    ("ESS302", {"cout": "cout: 1 312 500€"}),
    ("ESS302", {"cout": "cout:\n  texte: 64 000 euros/an"}),
    ("ESS303", {"cout": "cout: 35 000 / an (5000 X 7)"}),
    (
        "ESS303",
        {
            "cout": 'cout:\n  montant: 64000\n  detail: "1/2 a = 15 000 / 1/2 b = 15 000 / AMO = 15 000 - D : 19 000"'
        },
    ),
    (
        "ESS304",
        {"cout": "cout: 5 000 €", "debut": "debut: Septembre 2020", "fin": "fin: Octobre 2020"},
    ),
    (
        "ESS304",
        {"cout": "cout: Néant", "debut": "debut: Septembre 2020", "fin": "fin: Octobre 2020"},
    ),
    ("ESS305", {"cout": "cout: Néant", "financement": None}),
    ("ESS307", {"cout": "cout:\n  texte: 64 0000 euros/an\n  montant: 64000"}),  # relève d'ESS302
    ("ESS307", {"cout": "cout:\n  texte: 5 000 euros/an\n  montant: 5000\n  periodicite: annuel"}),
    ("ESS207", {"debut": "debut: sept. 2020"}),
    ("ESS207", {"debut": "debut: 01/09/2020", "fin": "fin: 09/2021"}),
    ("ESS303", {"cout": "cout: 3 x 5 000 € = 15 000 €"}),
    ("ESS307", {"cout": 'cout:\n  texte: "5,000 €/an"\n  montant: 5000'}),
    ("ESS307", {"cout": "cout:\n  texte: 4 000 à 5 000 euros/an\n  montant: 4500"}),
    ("ESS308", {"cout": "cout:\n  texte: 4 000 à 5 000 euros/an\n  montant: 4500"}),
    ("ESS309", {"cout": 'cout:\n  texte: "5,000 €/an"\n  montant: 5000'}),
    ("ESS309", {"cout": "cout: 1 000 € + 5 000 €/an"}),
    ("ESS309", {"cout": "cout: 12,50 €/mois"}),
    ("ESS301", {"cout": 'cout: "5,000 €/an"'}),  # ambigu, pas inconnu : ESS309
]


@pytest.mark.parametrize(
    ("code", "changes"), PASSING, ids=[f"{c}-{i}" for i, (c, _) in enumerate(PASSING)]
)
def test_rule_passes(tmp_path, code, changes):
    assert problems(tmp_path, {"1.1.yaml": fiche(**changes)}, select=code) == []


def test_ess206_missing_plan_period(tmp_path):
    no_period = PLAN.replace("periode:\n  debut: 2020-01\n  fin: 2022-12\n", "")
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=no_period, select="ESS206") == [
        ("ESS206", "plan.yaml", 1)
    ]
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, select="ESS206") == []


ENVELOPE = (
    PLAN
    + """\
budget:
  total: {total}
  lignes:
    - libelle: Coopératives
      section: investissement
      montant: 95000
      periodicite: annuel
    - libelle: Étude
      section: fonctionnement
      montant: 20000
      periodicite: ponctuel
"""
)


def test_ess306_envelope_mismatch(tmp_path):
    # 3 ans (2020-2022) × 95 000 + 20 000 une fois = 305 000
    good = ENVELOPE.format(total=305000)
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=good, select="ESS306") == []
    bad = ENVELOPE.format(total=300000)
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=bad, select="ESS306") == [
        ("ESS306", "plan.yaml", 12)
    ]


def test_ess401_similar_names(tmp_path):
    fiches = {
        "1.1.yaml": fiche(associes="associes:\n  - Pierre Patureau-Mirand\n  - Marion Canalès"),
        "1.2.yaml": fiche(
            id='id: "1.2"', associes="associes:\n  - Pierre Patureau-Mérand\n  - Marion CANALES"
        ),
        "1.3.yaml": fiche(
            id='id: "1.3"', pilotes="pilotes:\n  - Pierre Patureau-Mirand\n  - Marion CANALES"
        ),
    }
    found = problems(tmp_path, fiches, select="ESS401")
    # « Marion Canalès » (1.1, ligne 20) et « Pierre Patureau-Mérand » (1.2, ligne 19) : les
    # orthographes les moins employées ; chacune des autres l'est deux fois.
    assert found == [("ESS401", "fiches/1.1.yaml", 20), ("ESS401", "fiches/1.2.yaml", 19)]


def test_ess401_places_names_of_the_deliberation(tmp_path):
    # Les noms de plan.yaml (président, présents, pouvoirs) et ceux des fiches forment une
    # seule liste : chaque constat revient à la ligne et au chemin du nom qu'il cite.
    plan = PLAN + (
        "deliberation:\n"
        "  date: 2020-01-10\n"
        "  president: Pierre Patureau-Mérand\n"  # ligne 13
        "  presents:\n"
        "    - Marion Canalès\n"
        "    - Marion CANALES\n"  # ligne 16
        "  pouvoirs:\n"
        "    - de: Jeanne Lefèbvre\n"
        "      a: Jeanne Lefebvre\n"  # ligne 19
    )
    fiches = {
        "1.1.yaml": fiche(
            pilotes="pilotes:\n  - Pierre Patureau-Mirand\n  - Pierre Patureau-Mirand"
        ),
        "1.2.yaml": fiche(id='id: "1.2"', pilotes="pilotes:\n  - Marion Canalès"),
    }
    found = diagnostics(tmp_path, fiches, plan, select="ESS401")
    assert [(d.file.removeprefix("plans/p/"), d.line, d.path) for d in found] == [
        ("plan.yaml", 13, "deliberation.president"),
        ("plan.yaml", 16, "deliberation.presents[2]"),
        ("plan.yaml", 19, "deliberation.pouvoirs[1].a"),
    ]


def test_ess401_keeps_distinct_people_apart(tmp_path):
    fiches = {
        "1.1.yaml": fiche(
            associes="associes:\n  - Grégory BERNARD\n  - Valérie BERNARD\n"
            "  - Michel RENAUD\n  - Michel MIRAND"
        )
    }
    assert problems(tmp_path, fiches, select="ESS401") == []


def test_ess402_numbering_gap(tmp_path):
    fiches = {"1.1.yaml": COMPLETE, "1.3.yaml": fiche(id='id: "1.3"')}
    assert problems(tmp_path, fiches, select="ESS402") == [("ESS402", "fiches/1.3.yaml", 1)]
    (tmp_path / "plans/p/fiches/1.3.yaml").unlink()
    fiches = {"1.1.yaml": COMPLETE, "1.2.yaml": fiche(id='id: "1.2"')}
    assert problems(tmp_path, fiches, select="ESS402") == []


VOTE = (
    PLAN
    + """\
deliberation:
  date: 2016-10-14
  convocation: {convocation}
  vote:
    en_exercice: {exercice}
    presents: {presents}
    representes: 2
    excuses: 1
    pour: {pour}
    contre: 0
    abstention: 0
    non_participation: 0
  presents: [{names}]
  pouvoirs:
    - {{de: A, a: B}}
    - {{de: C, a: D}}
  excuses: [E]
"""
)


def vote_plan(convocation="2016-10-07", exercice=8, presents=5, pour=7, names="F, G, H, I, J"):
    return VOTE.format(
        convocation=convocation, exercice=exercice, presents=presents, pour=pour, names=names
    )


def test_deliberation_rules_pass_on_a_consistent_vote(tmp_path):
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=vote_plan(), select="ESS5") == []


def test_ess501_vote_arithmetic(tmp_path):
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=vote_plan(pour=6), select="ESS501") == [
        ("ESS501", "plan.yaml", 19)
    ]
    assert problems(
        tmp_path, {"1.1.yaml": COMPLETE}, plan=vote_plan(exercice=7), select="ESS501"
    ) == [("ESS501", "plan.yaml", 15)]


def test_ess502_quorum_not_reached(tmp_path):
    plan = vote_plan(exercice=10)  # 5 présents sur 10 : pas plus de la moitié
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS502") == [
        ("ESS502", "plan.yaml", 16)
    ]


def test_ess503_convocation_delay(tmp_path):
    plan = vote_plan(convocation="2016-10-09")  # 10, 11, 12, 13 : quatre jours francs
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS503") == [
        ("ESS503", "plan.yaml", 13)
    ]
    plan = vote_plan(convocation="2016-10-08")  # 9 à 13 : cinq jours francs
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS503") == []


def test_ess503_three_clear_days_for_small_communes(tmp_path):
    """Trois jours francs suffisent quand le plan le dit : 10, 11, 12 avant la séance du 14
    (convocation le 10 : 11, 12, 13 francs)."""
    plan = vote_plan(convocation="2016-10-10").replace(
        "  date: 2016-10-14\n", "  date: 2016-10-14\n  delai_convocation: 3\n"
    )
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS503") == []
    plan = vote_plan(convocation="2016-10-11").replace(
        "  date: 2016-10-14\n", "  date: 2016-10-14\n  delai_convocation: 3\n"
    )
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS503") == [
        ("ESS503", "plan.yaml", 14)
    ]


def test_ess310_mixed_tax_basis(tmp_path):
    fiches = {
        "1.1.yaml": fiche(cout="cout: 5 000 euros/an HT"),
        "1.2.yaml": fiche(id='id: "1.2"', cout="cout: 6 000 euros/an HT"),
        "1.3.yaml": fiche(id='id: "1.3"', cout="cout: 7 000 euros/an TTC"),
    }
    assert problems(tmp_path, fiches, select="ESS310") == [("ESS310", "fiches/1.3.yaml", 13)]
    (tmp_path / "plans/p/fiches/1.3.yaml").unlink()
    assert (
        problems(tmp_path, {k: v for k, v in fiches.items() if k != "1.3.yaml"}, select="ESS310")
        == []
    )


def test_ess504_attendance_lists_mismatch(tmp_path):
    plan = vote_plan(names="F, G, H, I")
    assert problems(tmp_path, {"1.1.yaml": COMPLETE}, plan=plan, select="ESS504") == [
        ("ESS504", "plan.yaml", 23)
    ]


def test_every_rule_is_tested():
    from test_lint_suivi import TESTED as FOLLOW_UP_TESTED  # les règles du suivi, ESS6xx

    from essplan.lint.rules import RULES

    tested = (
        {code for code, _, _ in FAILING}
        | FOLLOW_UP_TESTED
        | {
            "ESS206",
            "ESS306",
            "ESS310",
            "ESS401",
            "ESS402",
            "ESS501",
            "ESS502",
            "ESS503",
            "ESS504",
            "ESS900",
        }
    )
    assert {rule.code for rule in RULES} == tested
