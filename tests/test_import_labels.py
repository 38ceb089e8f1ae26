"""`essplan import` : les intitulés que les collectivités écrivent, les valeurs qui ne disent
rien, le calendrier d'une fiche et le résumé de ce que l'import a lu.

Chaque texte est une petite fiche écrite ici, dans la forme « FICHE ACTION » de Clermont ; les
valeurs attendues sont écrites à la main.
"""

from __future__ import annotations

import pytest

from essplan.importer.deliberation import parse_deliberation

HEAD = "FICHE ACTION\n\nDéfi N°1/ Act N°{n}\n\nDéfi : Coopérer sur le territoire\n\n"


def fiche_text(rubrics: str, n: int = 1, title: str = "Action : Une action\n\n") -> str:
    return HEAD.format(n=n) + title + rubrics


def imported(rubrics: str) -> tuple[dict, list[str]]:
    """La fiche importée et ses reprises (« champ : explication »)."""
    result = parse_deliberation(fiche_text(rubrics))
    notes = [f"{note.field} : {note.explanation}" for note in result.recoveries if note.fiche]
    return result.fiches[0], notes


# ------------------------------------------------------------------------------ intitulés

# La liste de l'issue, intitulé par intitulé : (intitulé écrit, champ, genre de valeur).
LABELS = [
    ("Pilote", "pilotes", "people"),
    ("Pilote(s)", "pilotes", "people"),
    ("Porteur", "pilotes", "people"),
    ("Responsable", "pilotes", "people"),
    ("Référent", "pilotes", "people"),
    ("Référente", "pilotes", "people"),
    ("Référent(e)", "pilotes", "people"),
    ("Chef de file", "pilotes", "people"),
    ("Associés", "associes", "people"),
    ("Associé(s)", "associes", "people"),
    ("Partenaires", "associes", "people"),
    ("Acteurs associés", "associes", "people"),
    ("Contexte", "contexte", "prose"),
    ("Enjeux", "contexte", "prose"),
    ("Constat", "contexte", "prose"),
    ("Description", "contexte", "prose"),
    ("Méthode", "methode", "list"),
    ("Étapes", "methode", "list"),
    ("Étapes de mise en œuvre", "methode", "list"),
    ("Modalités", "methode", "list"),
    ("Actions à mener", "methode", "list"),
    ("Résultats attendus", "resultats_attendus", "list"),
    ("Objectifs", "resultats_attendus", "list"),
    ("Public cible", "public_cible", "prose"),
    ("Bénéficiaires", "public_cible", "prose"),
    ("Début", "debut", "month"),
    ("Date de début", "debut", "month"),
    ("Début action", "debut", "month"),
    ("Fin", "fin", "month"),
    ("Échéance", "fin", "month"),
    ("Date de fin", "fin", "month"),
    ("Fin de l'action", "fin", "month"),
    ("Coût", "cout", "cost"),
    ("Coût indicatif", "cout", "cost"),
    ("Budget", "cout", "cost"),
    ("Budget prévisionnel", "cout", "cost"),
    ("Montant", "cout", "cost"),
    ("Financement", "financement", "prose"),
    ("Financeurs", "financement", "prose"),
    ("Plan de financement", "financement", "prose"),
    ("Indicateurs", "indicateurs", "list"),
    ("Indicateurs de suivi", "indicateurs", "list"),
    ("Indicateurs d'évaluation", "indicateurs", "list"),
    ("Indicateurs de résultat", "indicateurs", "list"),
]
WRITTEN = {
    "people": ("{label} : Anne Martin - Service ESS", ["Anne Martin", "Service ESS"]),
    "prose": ("{label} :\n\nUn texte qui dit le contexte.", "Un texte qui dit le contexte."),
    "list": ("{label} :\n\n- Réunir les acteurs.\n- Écrire la feuille de route.", None),
    "month": ("{label} : Mars 2022", "Mars 2022"),
    "cost": ("{label} : 5 000 euros/an", "5 000 euros/an"),
}


@pytest.mark.parametrize(("label", "field", "kind"), LABELS)
def test_each_label_fills_its_field(label, field, kind):
    text, expected = WRITTEN[kind]
    fiche, _ = imported(text.format(label=label) + "\n")
    if expected is None:
        expected = ["Réunir les acteurs.", "Écrire la feuille de route."]
    assert fiche[field] == expected


def test_labels_are_read_without_regard_to_case_and_accents():
    fiche, _ = imported("PORTEUR : Anne Martin\n\nechéance : Juin 2024\n")
    assert (fiche["pilotes"], fiche["fin"]) == (["Anne Martin"], "Juin 2024")


# ------------------------------------------------------------------------ les valeurs vides


@pytest.mark.parametrize("placeholder", ["à désigner", "à définir", "NC", "-", "A définir."])
@pytest.mark.parametrize(
    ("rubrics", "absent"),
    [
        ("Fin : {p}\n\nCoût indicatif : {p}\n", [("fin", "Fin :"), ("cout", "Coût indicatif :")]),
        (
            "Pilote : {p}\n\nContexte :\n\n{p}\n",
            [("pilotes", "Pilote :"), ("contexte", "Contexte :")],
        ),
    ],
)
def test_a_placeholder_leaves_its_field_absent_and_is_noted(placeholder, rubrics, absent):
    fiche, notes = imported(rubrics.format(p=placeholder))
    names = {"fin": "fin", "cout": "coût", "pilotes": "pilotes", "contexte": "contexte"}
    expected = [
        f"« {label} {placeholder} » ne dit rien : le champ {names[field]} reste absent"
        for field, label in absent
    ]
    assert [field for field, _ in absent if field in fiche] == []
    assert notes == [f"{field} : {text}" for (field, _), text in zip(absent, expected, strict=True)]
    assert fiche["remarques"] == "\n".join(f"[import] {text}" for text in expected)


def test_a_placeholder_among_people_is_dropped_and_noted():
    fiche, notes = imported("Partenaires : Anne Martin - NC - Paul Durand\n")
    assert fiche["associes"] == ["Anne Martin", "Paul Durand"]
    assert notes == ["associes : « NC » retiré de la rubrique « Partenaires » : il ne dit rien"]


def test_a_placeholder_item_of_a_list_is_dropped():
    fiche, notes = imported("Indicateurs :\n\n- Nombre de réunions\n- à définir\n")
    assert fiche["indicateurs"] == ["Nombre de réunions"]
    assert notes == [
        "indicateurs : « à définir » retiré de la rubrique « Indicateurs » : il ne dit rien"
    ]


def test_the_unknown_month_of_the_format_is_not_a_placeholder():
    fiche, notes = imported("Début : ?\n\nFin : ?????\n")
    assert (fiche["debut"], fiche["fin"]) == ("?", "?????") and notes == []


def test_neant_is_a_cost_not_a_placeholder():
    fiche, notes = imported("Coût : Néant\n")
    assert fiche["cout"] == "Néant" and notes == []


# ------------------------------------------------------------------------- le calendrier


@pytest.mark.parametrize(
    ("label", "written", "debut", "fin"),
    [
        ("Calendrier", "janvier 2022 à décembre 2026", "janvier 2022", "décembre 2026"),
        ("Période", "2022-2024", "2022", "2024"),
        ("Durée", "2022 à 2024", "2022", "2024"),
        ("Calendrier", "de mars 2022 à juin 2023", "mars 2022", "juin 2023"),
        ("Calendrier", "Du 1er mars 2022 au 30 juin 2023", "1er mars 2022", "30 juin 2023"),
        ("Période", "2022 – 2024", "2022", "2024"),
        ("Calendrier", "mars à juin 2022", "mars 2022", "juin 2022"),
        ("Calendrier", "T1 2022 à fin 2023", "T1 2022", "fin 2023"),
        ("Période", "2023", "2023", "2023"),
    ],
)
def test_a_calendar_gives_debut_and_fin(label, written, debut, fin):
    fiche, notes = imported(f"{label} : {written}\n")
    assert (fiche["debut"], fiche["fin"]) == (debut, fin)
    assert notes == [
        f"debut : début « {debut} » repris de « {label} : {written} »",
        f"fin : fin « {fin} » repris de « {label} : {written} »",
    ]


def test_a_calendar_year_is_read_as_the_format_reads_a_year():
    """« 2022-2024 » : janvier 2022 à décembre 2024, comme tout `debut` et `fin` d'essplan."""
    from essplan.model.months import parse_month

    fiche, _ = imported("Période : 2022-2024\n")
    assert parse_month(fiche["debut"], "debut").iso == "2022-01"
    assert parse_month(fiche["fin"], "fin").iso == "2024-12"


@pytest.mark.parametrize(
    ("written", "why"),
    [
        (
            "2022-23",
            "« 2022-23 » n'est pas une période lisible (écrivez par exemple « janvier 2022 à"
            " décembre 2026 », « 2022-2024 », « de mars 2022 à juin 2023 »)",
        ),
        (
            "2022/2023",
            "« 2022/2023 » n'est pas une période lisible (écrivez par exemple « janvier 2022 à"
            " décembre 2026 », « 2022-2024 », « de mars 2022 à juin 2023 »)",
        ),
        ("2024-2022", "« 2024-2022 » : la fin (2022) précède le début (2024)"),
        (
            "novembre à février 2023",
            "« novembre à février 2023 » : l'année de « novembre » n'est pas écrite, et ce"
            " n'est pas 2023",
        ),
        (
            "3 ans",
            "« 3 ans » n'est pas une période lisible (écrivez par exemple « janvier 2022 à"
            " décembre 2026 », « 2022-2024 », « de mars 2022 à juin 2023 »)",
        ),
        (
            "2022 à 2024 puis 2026",
            "« 2022 à 2024 puis 2026 » n'est pas une période lisible (écrivez par exemple"
            " « janvier 2022 à décembre 2026 », « 2022-2024 », « de mars 2022 à juin 2023 »)",
        ),
    ],
)
def test_a_calendar_that_cannot_be_read_leaves_the_dates_absent(written, why):
    fiche, notes = imported(f"Calendrier : {written}\n")
    assert "debut" not in fiche and "fin" not in fiche
    assert notes == [f"debut : Calendrier : {why} : début et fin non repris du calendrier"]


def test_a_calendar_that_contradicts_debut_keeps_debut_and_says_so():
    fiche, notes = imported("Début : mars 2021\n\nCalendrier : 2022-2024\n")
    assert (fiche["debut"], fiche["fin"]) == ("mars 2021", "2024")
    assert notes == [
        "debut : début « mars 2021 » et « Calendrier : 2022-2024 » ne s'accordent pas : le"
        " début écrit est gardé, à vérifier",
        "fin : fin « 2024 » repris de « Calendrier : 2022-2024 »",
    ]


def test_a_calendar_that_agrees_with_debut_and_fin_changes_nothing():
    fiche, notes = imported("Début : mars 2022\n\nFin : juin 2024\n\nPériode : 2022-2024\n")
    assert (fiche["debut"], fiche["fin"]) == ("mars 2022", "juin 2024") and notes == []


def test_a_calendar_that_contradicts_fin_keeps_fin():
    _, notes = imported("Fin : décembre 2025\n\nPériode : janvier 2022 à juin 2024\n")
    assert (
        "fin : fin « décembre 2025 » et « Période : janvier 2022 à juin 2024 » ne s'accordent"
        " pas : la fin écrite est gardée, à vérifier"
    ) in notes


# ------------------------------------------------------------------------------ le résumé

SUMMARY_SOURCE = (
    fiche_text(
        "Porteur : Anne Martin\n\nPartenaires : NC\n\nEnjeux :\n\nUn enjeu.\n\n"
        "Étapes :\n\n- Réunir.\n\nPériode : 2022-2024\n\nBudget : 5 000 euros/an\n",
        n=1,
    )
    + "\n"
    + fiche_text("Pilote : Paul Durand\n\nÉchéance : à définir\n", n=2)
)


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_summary_lists_found_and_empty_rubrics_per_fiche(run_cli, tmp_path, dry_run):
    (tmp_path / "plan.txt").write_text(SUMMARY_SOURCE, encoding="utf-8")
    options = ["--dry-run"] if dry_run else []
    result = run_cli(
        "import", "plan.txt", "--plan", "essai", "--into", "plans", *options, cwd=tmp_path
    )
    assert result.exit_code == 1, result.stderr  # plan.yaml sans collectivité : ESS005
    assert (
        "\n\nMise en page reconnue : blocs « FICHE ACTION » et « Défi N°x/ Act N°y »\n"
        "Rubriques lues, par fiche (2 fiches) :\n"
        "  fiche 1.1  trouvées : titre, pilotes, contexte, méthode, début, fin, coût\n"
        "             vides    : associés, résultats attendus, public cible, moyens humains, financement,\n"
        "                        indicateurs\n"
        "  fiche 1.2  trouvées : titre, pilotes\n"
        "             vides    : associés, contexte, méthode, résultats attendus, public cible,\n"
        "                        moyens humains, début, fin, coût, financement, indicateurs\n"
        "\nReprises de l'import, à relire (6) :\n"
    ) in result.stdout
    assert (
        "  fiche 1.1 : « Partenaires : NC » ne dit rien : le champ associés reste absent\n"
        "  fiche 1.1 : début « 2022 » repris de « Période : 2022-2024 »\n"
        "  fiche 1.1 : fin « 2024 » repris de « Période : 2022-2024 »\n"
        "  fiche 1.2 : « Échéance : à définir » ne dit rien : le champ fin reste absent\n"
    ) in result.stdout
    assert (tmp_path / "plans" / "essai").exists() is not dry_run


def test_neighbouring_fiches_with_the_same_rubrics_share_one_summary_entry(run_cli, tmp_path):
    alike = "Pilote : Paul Durand\n"
    source = "\n".join(
        fiche_text(body, n=n)
        for n, body in enumerate(
            [alike, alike, alike, "Porteur : Anne Martin\n\nCoût : 5 000 €\n"], 1
        )
    )
    (tmp_path / "plan.txt").write_text(source + "\n" + fiche_text(alike, n=5), encoding="utf-8")
    result = run_cli("import", "plan.txt", "--plan", "essai", "--dry-run", cwd=tmp_path)
    assert (
        "Rubriques lues, par fiche (5 fiches) :\n"
        "  fiches 1.1 à 1.3  trouvées : titre, pilotes\n"
        "                    vides    : associés, contexte, méthode, résultats attendus,"
        " public cible,\n"
        "                               moyens humains, début, fin, coût, financement,"
        " indicateurs\n"
        "  fiche 1.4         trouvées : titre, pilotes, coût\n"
    ) in result.stdout
    assert "  fiche 1.5         trouvées : titre, pilotes\n" in result.stdout


@pytest.mark.parametrize(
    ("value", "empty"),
    [
        ("à désigner", True),
        ("  À  Désigner. ", True),
        ("à désigner (en cours)", True),  # la parenthèse est retirée, comme d'un intitulé
        ("Non communiqué", True),
        ("NC pour l'instant", False),
        ("Service à désigner par le conseil", False),
    ],
)
def test_a_value_that_says_nothing_is_told_from_one_that_says_something(value, empty):
    from essplan.importer.labels import is_placeholder

    assert is_placeholder(value) is empty
