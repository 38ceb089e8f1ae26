"""`essplan import` : la séance d'une délibération sous ses formes courantes.

« Séance du 24 juin 2021 », « Délibération n° … », « Objet : … », les comptes de présence et du
vote, la date de convocation en chiffres ou en lettres, la période du plan lue dans son titre.
Chaque en-tête est écrit ici, suivi d'une petite fiche « FICHE ACTION » ; les valeurs attendues
de plan.yaml sont écrites à la main.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from essplan.importer.deliberation import parse_deliberation

FICHE = (
    "FICHE ACTION\n\nDéfi N°1/ Act N°1\n\nDéfi : Coopérer sur le territoire\n\n"
    "Action : Une action\n\nPilote : Anne Martin\n"
)

MUNICIPAL = """VILLE DE SAINT-ESSAI

Extrait du registre des délibérations du conseil municipal

Séance du jeudi 24 juin 2021 à 18 h 30

Délibération n° 2021-45

Objet : Adoption du plan d'actions ESS 2021-2026

Date de convocation : 18 juin 2021

Nombre de membres en exercice : 33
Présents : 25
Pouvoirs : 4
Votants : 29

Pour : 27
Contre : 1
Abstentions : 1

"""


def plan_of(header: str) -> tuple[dict, list[str]]:
    imported = parse_deliberation(header + FICHE)
    notes = [f"{note.field} : {note.explanation}" for note in imported.recoveries]
    return imported.plan, notes


def test_a_municipal_seance_is_read_into_plan_yaml(run_cli, tmp_path):
    (tmp_path / "deliberation.txt").write_text(MUNICIPAL + FICHE, encoding="utf-8")
    result = run_cli(
        "import", "deliberation.txt", "--plan", "essai", "--into", "plans", cwd=tmp_path
    )
    assert result.exit_code == 1, result.stderr  # pas de collectivité : ESS005
    plan = yaml.safe_load((tmp_path / "plans" / "essai" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["titre"] == "Adoption du plan d'actions ESS 2021-2026"
    assert plan["periode"] == "2021-2026"
    assert plan["deliberation"] == {
        "numero": "2021-45",
        "date": dt.date(2021, 6, 24),
        "instance": "Conseil municipal",
        "objet": "Adoption du plan d'actions ESS 2021-2026",
        "heure": "18 h 30",
        "convocation": dt.date(2021, 6, 18),
        "vote": {
            "en_exercice": 33,
            "presents": 25,
            "representes": 4,
            "pour": 27,
            "contre": 1,
            "abstention": 1,
        },
    }
    assert plan["sources"][0]["date"] == dt.date(2021, 6, 24)
    assert (
        "  plan : période 2021-2026 reprise du titre « Adoption du plan d'actions ESS"
        " 2021-2026 » : de janvier 2021 à décembre 2026\n"
    ) in result.stdout
    assert (
        "  plan : titre du plan repris de l'objet de la délibération (la ligne « Objet : »)\n"
        in result.stdout
    )


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Séance du 24 juin 2021", dt.date(2021, 6, 24)),
        ("Séance du 1er juillet 2021", dt.date(2021, 7, 1)),
        ("SÉANCE DU 24/06/2021", dt.date(2021, 6, 24)),
        ("Séance publique du mardi 14 décembre 2021", dt.date(2021, 12, 14)),
        ("Séance du vingt-quatre juin deux mille vingt et un", dt.date(2021, 6, 24)),
        ("Séance du premier juillet deux mille vingt-deux", dt.date(2022, 7, 1)),
        ("CONSEIL MUNICIPAL – Séance du 24 juin 2021", dt.date(2021, 6, 24)),
        ("Conseil communautaire du 24 juin 2021 à 18h", dt.date(2021, 6, 24)),
    ],
)
def test_the_date_of_the_seance_in_its_common_forms(line, date):
    plan, _ = plan_of(f"{line}\n\nDélibération n° 2021-45\n\n")
    assert plan["deliberation"]["date"] == date


def test_an_impossible_seance_date_is_not_taken():
    plan, _ = plan_of("Séance du 31 juin 2021\n\nDélibération n° 2021-45\n\n")
    assert "date" not in plan["deliberation"]


def test_the_instance_is_read_without_the_word_seance():
    plan, notes = plan_of("CONSEIL MUNICIPAL – Séance du 24 juin 2021\n\n")
    assert plan["deliberation"]["instance"] == "Conseil municipal"
    assert (
        "deliberation.instance : instance « CONSEIL MUNICIPAL » écrite « Conseil municipal »"
        in notes
    )


def test_an_extract_of_the_register_is_not_the_collectivite():
    plan, _ = plan_of(
        "Extrait du registre des délibérations du conseil municipal du 24 juin 2021\n\n"
    )
    assert "collectivite" not in plan
    assert plan["deliberation"]["instance"] == "Conseil municipal"


@pytest.mark.parametrize(
    ("line", "numero", "date"),
    [
        ("Délibération n° 2021-45", "2021-45", None),
        ("DÉLIBÉRATION N°2021/45", "2021/45", None),
        ("Délibération n° : DEL-2021-045", "DEL-2021-045", None),
        ("Délibération n° 2021-45 du 24 juin 2021", "2021-45", dt.date(2021, 6, 24)),
    ],
)
def test_the_numero_of_the_deliberation(line, numero, date):
    plan, _ = plan_of(f"{line}\n\n")
    assert plan["deliberation"]["numero"] == numero
    assert plan["deliberation"].get("date") == date


def test_without_objet_line_the_line_before_the_numero_is_the_objet():
    plan, notes = plan_of("PLAN D'ACTIONS ESS\n\nDélibération n° 2021-45\n\n")
    assert plan["deliberation"]["objet"] == plan["titre"] == "PLAN D'ACTIONS ESS"
    assert (
        "titre : titre du plan repris de l'objet de la délibération (la ligne qui précède"
        " son numéro)"
    ) in notes


@pytest.mark.parametrize(
    ("line", "convocation", "note"),
    [
        ("Date de convocation : 18/06/2021", dt.date(2021, 6, 18), None),
        ("Date de la convocation : 07/10/16", dt.date(2016, 10, 7), "« Date de la"),
        ("Date de convocation : 18 juin 2021", dt.date(2021, 6, 18), None),
        ("Date de convocation : 1er juin 2021", dt.date(2021, 6, 1), None),
        ("Date de convocation : dix-huit juin deux mille vingt et un", dt.date(2021, 6, 18), None),
        ("Les conseillers ont été convoqués le 18 juin 2021.", dt.date(2021, 6, 18), None),
        ("Convocation du 18 juin 2021", dt.date(2021, 6, 18), None),
    ],
)
def test_the_convocation_in_digits_or_words(line, convocation, note):
    plan, notes = plan_of(f"Séance du 24 juin 2021\n\n{line}\n\n")
    assert plan["deliberation"]["convocation"] == convocation
    convocation_notes = [n for n in notes if n.startswith("deliberation.convocation")]
    if note is None:
        assert convocation_notes == []
    else:
        assert convocation_notes == [
            "deliberation.convocation : date de convocation « Date de la convocation :"
            " 07/10/16 » lue 2016-10-07"
        ]


def test_an_impossible_convocation_is_noted_not_taken():
    plan, notes = plan_of("Séance du 24 juin 2021\n\nDate de convocation : 31/06/2021\n\n")
    assert "convocation" not in plan["deliberation"]
    assert (
        "deliberation.convocation : date de convocation impossible « Date de convocation :"
        " 31/06/2021 » : non reprise"
    ) in notes


@pytest.mark.parametrize(
    ("counts", "vote"),
    [
        (
            "Nombre de membres en exercice : 33\nPrésents : 25\nReprésentés : 4\n",
            {"en_exercice": 33, "presents": 25, "representes": 4},
        ),
        (
            "Conseillers en exercice : 45\nConseillers présents : 38\nProcurations : 5\n"
            "Excusés : 2\n",
            {"en_exercice": 45, "presents": 38, "representes": 5, "excuses": 2},
        ),
        (
            "Membres en exercice : 33 – Présent(e)s : 25 – Pouvoirs : 4 – Votants : 29\n",
            {"en_exercice": 33, "presents": 25, "representes": 4},
        ),
        (
            "Pour : 27\nContre : 1\nAbstentions : 1\nNe prenant pas part au vote : 0\n",
            {"pour": 27, "contre": 1, "abstention": 1, "non_participation": 0},
        ),
        (
            "Vote : Pour : 30 – Contre : 0 – Abstention : 3\n",
            {"pour": 30, "contre": 0, "abstention": 3},
        ),
    ],
)
def test_the_counts_in_their_common_forms(counts, vote):
    plan, _ = plan_of(f"Séance du 24 juin 2021\n\n{counts}\n")
    assert plan["deliberation"]["vote"] == vote


def test_counts_that_do_not_add_up_are_kept_as_written():
    """Le linter le dit (ESS501) ; l'import ne corrige rien, et note l'écart des votants."""
    plan, notes = plan_of(
        "Séance du 24 juin 2021\n\nMembres en exercice : 33\nPrésents : 25\nPouvoirs : 4\n"
        "Votants : 30\n\nPour : 31\nContre : 0\nAbstentions : 0\n\n"
    )
    assert plan["deliberation"]["vote"] == {
        "en_exercice": 33,
        "presents": 25,
        "representes": 4,
        "pour": 31,
        "contre": 0,
        "abstention": 0,
    }
    assert notes[0] == (
        "deliberation.vote : votants : 30 écrit, mais présents (25) + représentés (4) font 29 :"
        " les comptes sont repris tels qu'écrits (le format ne garde pas le nombre de votants)"
    )


def test_votants_that_add_up_say_nothing():
    _, notes = plan_of("Séance du 24 juin 2021\n\nPrésents : 25\nPouvoirs : 4\nVotants : 29\n\n")
    assert not [note for note in notes if note.startswith("deliberation.vote")]


@pytest.mark.parametrize(
    ("title", "periode"),
    [
        ("Objet : Adoption du plan d'actions ESS 2021-2026", "2021-2026"),
        ("Objet : Feuille de route ESS 2022-2026", "2022-2026"),
        ("Objet : Plan en faveur de l'ESS de 2021 à 2026", "2021-2026"),
        ("Objet : Stratégie ESS 2023 – 2027", "2023-2027"),
        ("FEUILLE DE ROUTE ESS 2022-2026", "2022-2026"),
    ],
)
def test_the_period_is_read_from_the_title(title, periode):
    plan, _ = plan_of(f"Séance du 24 juin 2021\n\n{title}\n\n")
    assert plan["periode"] == periode


def test_a_period_of_the_expose_comes_before_the_title():
    plan, notes = plan_of(
        "Objet : Plan d'actions ESS 2021-2026\n\nSur la période 2022-2025, le plan vise…\n\n"
    )
    assert plan["periode"] == "2022-2025"
    assert not [note for note in notes if note.startswith("periode")]


def test_a_title_without_years_gives_no_period():
    plan, _ = plan_of("Objet : Adoption du plan d'actions ESS\n\nDélibération n° 2021-45\n\n")
    assert "periode" not in plan


def test_names_written_after_presents_are_the_list_of_presents():
    plan, _ = plan_of(
        "Séance du 24 juin 2021\n\nPrésents : Mme Anne Martin, M. Paul Durand.\n\n"
        "Absents excusés : Mme Léa Petit\n\n"
    )
    assert plan["deliberation"]["presents"] == ["Mme Anne Martin", "M. Paul Durand"]
    assert plan["deliberation"]["excuses"] == ["Mme Léa Petit"]
    assert plan["deliberation"]["vote"] == {"excuses": 1}  # compté sur la liste, et noté


@pytest.mark.parametrize(
    "line",
    [
        "Réunion du conseil municipal du 24 juin 2021",
        "Procès-verbal de la séance du conseil municipal du 24 juin 2021",
        "Extrait du registre des délibérations du conseil municipal du 24 juin 2021",
    ],
)
def test_what_precedes_the_conseil_is_not_always_a_collectivite(line):
    plan, _ = plan_of(f"{line}\n\n")
    assert "collectivite" not in plan
    assert plan["deliberation"]["date"] == dt.date(2021, 6, 24)


def test_the_collectivite_written_before_the_conseil_is_taken():
    plan, notes = plan_of("VILLE DE SAINT-ESSAI CONSEIL MUNICIPAL DU 24 JUIN 2021\n\n")
    assert plan["collectivite"] == "VILLE DE SAINT-ESSAI"
    assert (
        "collectivite : collectivité reprise de l'en-tête de la séance (« VILLE DE SAINT-ESSAI »),"
        " telle qu'écrite"
    ) in notes


def test_an_objet_cut_by_the_extraction_is_joined():
    plan, _ = plan_of(
        "Objet : Adoption du plan d'actions en faveur\nde l'économie sociale et solidaire"
        " 2021-2026\nDate de convocation : 18/06/2021\n\n"
    )
    assert plan["titre"] == (
        "Adoption du plan d'actions en faveur de l'économie sociale et solidaire 2021-2026"
    )
    assert plan["periode"] == "2021-2026"
    assert plan["deliberation"]["convocation"] == dt.date(2021, 6, 18)
