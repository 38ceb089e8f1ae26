"""`essplan import` des mises en page à titres : trois documents écrits pour ces tests
(« Action 1.2 : » sous « AXE 1 – », « Fiche action n°3 – » sous « Orientation 2 : »,
« PROPOSITION 4 : » sous « Axe A : »), chacun en texte, Word, OpenDocument et PDF, s'importent
au même plan, écrit ici à la main champ par champ ; la feuille de route de Poitiers redonne les
dix propositions de sa transcription ; un texte sans fiche reconnue est refusé en disant ce
qu'il a."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import PLANS
from layout_documents import BUILDERS

from essplan.importer.deliberation import parse_deliberation

# ---------------------------------------------------------------- les documents des tests


def seance(collectivite: str, objet: str, numero: str) -> list[tuple]:
    """L'en-tête d'une délibération, que lit `seance.py` : la collectivité et le titre du plan."""
    return [
        ("texte", f"{collectivite} CONSEIL COMMUNAUTAIRE DU 24 JUIN 2021"),
        ("texte", objet),
        ("texte", f"DÉLIBÉRATION N° {numero}"),
    ]


ACTIONS = [
    *seance("COMMUNAUTÉ DE COMMUNES DU VAL VERT", "PLAN D'ACTIONS ESS", "DEL2021_012"),
    ("titre", 0, "Plan d'actions pour l'économie sociale et solidaire"),
    ("texte", "La communauté de communes s'engage pour l'ESS."),
    ("titre", 1, "AXE 1 – Faire connaître l'ESS"),
    ("titre", 2, "Action 1.1 : Organiser le mois de l'ESS"),
    (
        "tableau",
        [
            ("Pilote", "Service développement économique"),
            ("Partenaires", "CRESS / Chambre de commerce"),
            ("Date de début", "Janvier 2022"),
            ("Échéance", "Décembre 2024"),
            ("Coût", "15 000 €"),
        ],
    ),
    ("texte", "Contexte : Le mois de l'ESS est peu connu des habitants."),
    ("liste", "Méthode", ["Réunir les acteurs", "Choisir un lieu", "Publier le programme"]),
    ("liste", "Indicateurs", ["Nombre de visiteurs", "Nombre de structures présentes"]),
    ("titre", 2, "Action 1.2 : Former les élus"),
    (
        "tableau",
        [
            ("Porteur", "Direction des ressources humaines"),
            ("Début", "Mars 2023"),
            ("Fin", "Juin 2023"),
            ("Budget", "5000 euros / an"),
            ("Indicateurs", ["Nombre d'élus formés"]),
        ],
    ),
    ("liste", "Étapes", ["Écrire le cahier des charges", "Choisir l'organisme"]),
    ("titre", 1, "AXE 2 – Financer les projets"),
    ("titre", 2, "Action 2.1 : Créer un fonds de prêts d'honneur"),
    (
        "tableau",
        [
            ("Chef de file", "France Active"),
            ("Acteurs associés", "Banque des territoires / Région"),
            ("Date de début", "Septembre 2022"),
            ("Date de fin", "Décembre 2026"),
            ("Montant", "120 000 €"),
            ("Indicateurs de suivi", ["Prêts accordés", "Emplois créés", "Montant prêté"]),
        ],
    ),
    ("liste", "Modalités", ["Signer la convention"]),
]

ORIENTATIONS = [
    *seance("MÉTROPOLE DU LITTORAL", "ORIENTATIONS POUR L'ESS", "DEL2021_044"),
    ("titre", 1, "Orientation 1 : Coopérer sur le territoire"),
    ("titre", 2, "Fiche action n°1 – Animer un réseau d'acteurs"),
    (
        "tableau",
        [
            ("Porteur", "Mission ESS"),
            ("Partenaires", ["Réseau des ressourceries", "Maison de l'emploi"]),
            ("Début", "Avril 2022"),
            ("Fin", "Mars 2025"),
            ("Coût indicatif", "8 000 €"),
        ],
    ),
    ("liste", "Actions à mener", ["Recenser les acteurs", "Tenir deux rencontres par an"]),
    ("liste", "Indicateurs d'évaluation", ["Nombre de rencontres"]),
    ("titre", 1, "Orientation 2 – Entreprendre autrement"),
    ("texte", "Soutenir la création d'entreprises de l'ESS."),
    ("titre", 2, "Fiche action n°2 – Ouvrir un incubateur"),
    (
        "tableau",
        [
            ("Responsable", "Service économie"),
            ("Associés", "Incubateur régional"),
            ("Début", "Janvier 2023"),
            ("Fin", "Décembre 2025"),
            ("Budget prévisionnel", "45 000 €"),
        ],
    ),
    ("liste", "Étapes de mise en œuvre", ["Trouver un local", "Recruter", "Lancer l'appel"]),
    ("liste", "Indicateurs", ["Projets incubés", "Entreprises créées"]),
    ("titre", 2, "Fiche-action n° 3 : Soutenir les coopératives"),
    (
        "tableau",
        [
            ("Référente", "Élue à l'ESS"),
            ("Date de début", "Juin 2024"),
            ("Date de fin", "Juin 2026"),
            ("Coût", "Néant"),
        ],
    ),
    ("liste", "Méthode", ["Rencontrer les SCOP", "Faire connaître les aides"]),
]

PROPOSITIONS = [
    *seance("COMMUNAUTÉ URBAINE DES DEUX RIVES", "FEUILLE DE ROUTE ESS", "DEL2021_101"),
    ("texte", "Feuille de route de la métropole"),
    ("titre", 1, "Axe A : Sensibiliser à l'ESS"),
    ("titre", 2, "PROPOSITION 1 : Ouvrir un lieu ressource"),
    (
        "tableau",
        [
            ("Référent", "Service jeunesse"),
            ("Partenaires", "Ligue de l'enseignement"),
            ("Date de début", "Octobre 2022"),
            ("Date de fin", "Octobre 2023"),
            ("Montant", "30 000 €"),
        ],
    ),
    ("liste", "Modalités de mise en œuvre", ["Trouver le lieu", "Ouvrir au public"]),
    ("liste", "Indicateurs de résultat", ["Visiteurs", "Ateliers", "Partenaires"]),
    ("titre", 1, "Axe B : Acheter responsable"),
    ("titre", 2, "PROPOSITION 4 : Réserver des marchés aux structures d'insertion"),
    (
        "tableau",
        [
            ("Pilote", "Direction de la commande publique"),
            ("Partenaires", "Structures d'insertion / Facilitateur des clauses"),
            ("Début", "Janvier 2023"),
            ("Fin", "Décembre 2026"),
            ("Coût", "Néant"),
            ("Indicateurs", ["Heures d'insertion", "Marchés réservés"]),
        ],
    ),
    ("liste", "Méthode", ["Repérer les marchés", "Former les acheteurs", "Suivre les clauses"]),
]

# Ce que chaque document doit donner, écrit à la main : (id, axe, titre, pilotes, associés,
# début, fin, coût, éléments de méthode, indicateurs).
EXPECTED = {
    "actions": (
        [(1, "Faire connaître l'ESS"), (2, "Financer les projets")],
        [
            ("1.1", 1, "Organiser le mois de l'ESS", ["Service développement économique"],
             ["CRESS", "Chambre de commerce"], "Janvier 2022", "Décembre 2024", "15 000 €", 3, 2),
            ("1.2", 1, "Former les élus", ["Direction des ressources humaines"], None,
             "Mars 2023", "Juin 2023", "5000 euros / an", 2, 1),
            ("2.1", 2, "Créer un fonds de prêts d'honneur", ["France Active"],
             ["Banque des territoires", "Région"], "Septembre 2022", "Décembre 2026",
             "120 000 €", 1, 3),
        ],
    ),
    "orientations": (
        [(1, "Coopérer sur le territoire"), (2, "Entreprendre autrement")],
        [
            ("1", 1, "Animer un réseau d'acteurs", ["Mission ESS"],
             ["Réseau des ressourceries", "Maison de l'emploi"], "Avril 2022", "Mars 2025",
             "8 000 €", 2, 1),
            ("2", 2, "Ouvrir un incubateur", ["Service économie"], ["Incubateur régional"],
             "Janvier 2023", "Décembre 2025", "45 000 €", 3, 2),
            ("3", 2, "Soutenir les coopératives", ["Élue à l'ESS"], None, "Juin 2024",
             "Juin 2026", "Néant", 2, 0),
        ],
    ),
    "propositions": (
        [("A", "Sensibiliser à l'ESS"), ("B", "Acheter responsable")],
        [
            ("1", "A", "Ouvrir un lieu ressource", ["Service jeunesse"],
             ["Ligue de l'enseignement"], "Octobre 2022", "Octobre 2023", "30 000 €", 2, 3),
            ("4", "B", "Réserver des marchés aux structures d'insertion",
             ["Direction de la commande publique"],
             ["Structures d'insertion", "Facilitateur des clauses"], "Janvier 2023",
             "Décembre 2026", "Néant", 3, 2),
        ],
    ),
}  # fmt: skip
DOCUMENTS = {"actions": ACTIONS, "orientations": ORIENTATIONS, "propositions": PROPOSITIONS}


def import_document(run_cli, tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return run_cli("import", name, "--plan", "essai", "--into", "plans", cwd=tmp_path)


def read_plan(folder: Path) -> tuple[dict, list[dict]]:
    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    fiches = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((folder / "fiches").glob("*.yaml"))
    ]
    return plan, sorted(fiches, key=lambda fiche: fiche["id"])


def fiche_fields(fiche: dict) -> tuple:
    return (
        fiche["id"],
        fiche["axe"],
        fiche["titre"],
        fiche.get("pilotes"),
        fiche.get("associes"),
        fiche.get("debut"),
        fiche.get("fin"),
        fiche.get("cout"),
        len(fiche.get("methode", [])),
        len(fiche.get("indicateurs", [])),
    )


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_layout_imports_to_the_same_plan_in_every_format(run_cli, tmp_path, name, suffix):
    result = import_document(
        run_cli, tmp_path, f"{name}.{suffix}", BUILDERS[suffix](DOCUMENTS[name])
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    plan, fiches = read_plan(tmp_path / "plans" / "essai")
    axes, expected = EXPECTED[name]
    assert [(axe["code"], axe["titre"]) for axe in plan["axes"]] == axes
    assert [fiche_fields(fiche) for fiche in fiches] == expected


def test_an_id_that_names_another_axe_keeps_the_enclosing_one_and_says_so():
    text = "AXE 2 – Financer\n\nAction 1.3 : Un fonds\n\nPilote : Anne Martin\n"
    imported = parse_deliberation(text)
    assert [(f["id"], f["axe"]) for f in imported.fiches] == [("1.3", 2)]
    assert [r.explanation for r in imported.recoveries if r.fiche == "1.3"] == [
        "le numéro « Action 1.3 » dit l'axe 1, mais la fiche suit le titre « AXE 2 » : axe 2 retenu"
    ]
    assert imported.layout == "titres « Action 1.2 : … » sous des titres « Axe 2 : … »"


def test_digits_and_letters_as_axe_codes_are_all_text():
    text = "AXE 1 – Coopérer\n\nAction 1.1 : Un réseau\n\nAxe B : Financer\n\nAction 2 : Un fonds\n"
    imported = parse_deliberation(text)
    assert imported.plan["axes"] == [
        {"code": "1", "titre": "Coopérer"},
        {"code": "B", "titre": "Financer"},
    ]
    assert [(f["id"], f["axe"]) for f in imported.fiches] == [("1.1", "1"), ("2", "B")]


def test_a_heading_without_title_takes_the_line_below():
    text = (
        "Défi 1\nCoopérer sur le territoire\nUn défi pour tous.\n\n"
        "Fiche action n°2\nUn réseau d'acteurs\nPilote : Anne Martin\n"
    )
    imported = parse_deliberation(text)
    assert imported.plan["axes"] == [
        {"code": 1, "titre": "Coopérer sur le territoire", "description": "Un défi pour tous."}
    ]
    assert imported.plan["libelle_axe"] == "Défi"
    assert [(f["id"], f["axe"], f["titre"], f["pilotes"]) for f in imported.fiches] == [
        ("2", 1, "Un réseau d'acteurs", ["Anne Martin"])
    ]


def test_markdown_headings_are_headings():
    text = "# Priorité 3 : Coopérer\n\n## Fiche-action n° 7 : Un réseau\n\nPorteur : Mission ESS\n"
    imported = parse_deliberation(text)
    assert imported.plan["axes"] == [{"code": 3, "titre": "Coopérer"}]
    assert imported.plan["libelle_axe"] == "Priorité"
    assert [(f["id"], f["axe"], f["titre"], f["pilotes"]) for f in imported.fiches] == [
        ("7", 3, "Un réseau", ["Mission ESS"])
    ]


# ------------------------------------------------------------------- la feuille de route

POITIERS = PLANS / "poitiers"


def test_the_poitiers_roadmap_gives_the_ten_propositions_of_its_transcription(run_cli, tmp_path):
    source = POITIERS / "sources" / "poitiers-feuille-de-route.txt"
    result = run_cli("import", str(source), "--plan", "poitiers", "--into", "plans", cwd=tmp_path)
    assert result.stderr == ""
    assert result.exit_code == 0, result.stdout  # des avertissements seulement : rien n'est daté
    assert "Fichiers écrits :" in result.stdout
    plan, fiches = read_plan(tmp_path / "plans" / "poitiers")
    hand = yaml.safe_load((POITIERS / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["axes"] == hand["axes"]
    # « Grand Poitiers : » puis le sous-titre : la collectivité et le titre, notés à relire.
    assert (plan["collectivite"], plan["titre"]) == (hand["collectivite"], hand["titre"])
    assert (
        "[import] collectivité « Grand Poitiers » et titre « une feuille de route ESS ambitieuse"
        " co-construite avec ses acteur·rices » repris des deux premières lignes du document"
        " (« Grand Poitiers : » puis le titre), sans en-tête de séance"
    ) in plan["remarques"]
    assert (plan["libelle_axe"], plan["libelle_fiche"]) == ("Axe", "Proposition")
    transcribed = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (POITIERS / "fiches").glob("*.yaml")
    ]
    assert len(fiches) == 10
    assert sorted((f["id"], f["axe"], f["titre"]) for f in fiches) == sorted(
        (f["id"], f["axe"], f["titre"]) for f in transcribed
    )
    assert [f["axe"] for f in sorted(fiches, key=lambda f: int(f["id"]))] == [
        *"AAA",
        *"BBBBB",
        *"CC",
    ]


# ---------------------------------------------------------------- un texte non reconnu

SUPPORTED = (
    "mises en page reconnues : les blocs « FICHE ACTION » avec leur ligne « Défi N°1/ Act N°1 » ;"
    " les fiches ouvertes par un titre « Action 1.2 : … », « Fiche action n°3 – … » ou"
    " « PROPOSITION 4 : … », sous des titres d'axes (« AXE 1 – … », « Axe A : … »,"
    " « Orientation 2 : … », « Défi 1 », « Priorité 2 »)"
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "PLAN ESS 2022\n\nAxe 1 : Coopérer\n\nPilote : Anne Martin\nCoût : 5 000 €\n",
            "aucune fiche-action trouvée : le texte a 2 titres (« PLAN ESS 2022 » et « Axe 1 :"
            " Coopérer ») et 2 rubriques reconnues (« Pilote » et « Coût »), mais aucun titre"
            " de fiche ; ",
        ),
        (
            "# Un\n\n# Deux\n\n# Trois\n\nQUATRE\n\nPorteur : X\n",
            "aucune fiche-action trouvée : le texte a 4 titres, dont « Un », « Deux » et"
            " « Trois » et 1 rubrique reconnue (« Porteur »), mais aucun titre de fiche ; ",
        ),
        (
            "Une délibération sans annexe, qui parle de l'ESS.\n",
            "aucune fiche-action trouvée : le texte n'a ni titre ni rubrique reconnue ; ",
        ),
        (
            "Fiche action n°1 – Coopérer\n\nPilote : Anne Martin\n",
            "aucune fiche-action numérotée : « Fiche action n°1 » ne suit aucun titre d'axe"
            " (« AXE 1 – … », « Axe A : … », « Orientation 2 : … », « Défi 1 », « Priorité 2 »),"
            " et son numéro ne dit pas son axe (comme « Action 1.2 »)",
        ),
    ],
)
def test_an_unrecognised_document_says_what_it_found_and_writes_nothing(
    run_cli, tmp_path, text, said
):
    result = import_document(run_cli, tmp_path, "source.txt", text.encode())
    assert result.exit_code == 1
    expected = said + SUPPORTED if said.endswith("; ") else said
    assert result.stderr == f"essplan : source.txt : {expected}\n"
    assert result.stdout == ""
    assert not (tmp_path / "plans").exists()


@pytest.mark.parametrize("suffix", ["docx", "odt", "pdf"])
def test_an_unrecognised_document_in_any_format_is_refused(run_cli, tmp_path, suffix):
    blocks = [("titre", 1, "ORIENTATIONS"), ("tableau", [("Pilote", "Anne Martin")])]
    result = import_document(run_cli, tmp_path, f"source.{suffix}", BUILDERS[suffix](blocks))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"essplan : source.{suffix} : aucune fiche-action trouvée : le texte a 1 titre"
        " (« ORIENTATIONS ») et 1 rubrique reconnue (« Pilote »), mais aucun titre de fiche ; "
    )
    assert not (tmp_path / "plans").exists()


# ---------------------------------------------------------- les styles de titres de Word

STYLED = [
    *seance("COMMUNAUTÉ DE COMMUNES DU VAL VERT", "PLAN D'ACTIONS ESS", "DEL2021_012"),
    ("titre", 1, "Le plan en quelques mots"),
    ("texte", "Un plan pour l'ESS."),
    ("titre", 1, "Faire connaître l'ESS"),
    ("titre", 2, "Organiser le mois de l'ESS"),
    ("tableau", [("Pilote", "Anne Martin"), ("Début", "Janvier 2022")]),
    ("titre", 2, "Former les élus"),
    ("tableau", [("Pilote", "Paul Durand")]),
    ("titre", 1, "Financer les projets"),
    ("titre", 2, "Créer un fonds"),
    ("tableau", [("Pilote", "Zoé Petit")]),
]


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_heading_styles_give_axes_and_fiches_when_nothing_is_numbered(run_cli, tmp_path, suffix):
    result = import_document(run_cli, tmp_path, f"plan.{suffix}", BUILDERS[suffix](STYLED))
    assert result.exit_code == 0, result.stdout + result.stderr
    plan, fiches = read_plan(tmp_path / "plans" / "essai")
    assert plan["axes"] == [
        {"code": 1, "titre": "Faire connaître l'ESS"},
        {"code": 2, "titre": "Financer les projets"},
    ]
    assert [(f["id"], f["axe"], f["titre"], f["pilotes"]) for f in fiches] == [
        ("1.1", 1, "Organiser le mois de l'ESS", ["Anne Martin"]),
        ("1.2", 1, "Former les élus", ["Paul Durand"]),
        ("2.1", 2, "Créer un fonds", ["Zoé Petit"]),
    ]
    assert (
        "  fiche 1.2 : le titre « Former les élus » (niveau 2) n'a pas de numéro : id 1.2"
        " d'après sa place sous le titre « Faire connaître l'ESS » (niveau 1)\n" in result.stdout
    )
    assert (
        "  plan : le titre « Financer les projets » (niveau 1) n'a pas de numéro : axe 2"
        " d'après son ordre parmi les titres de niveau 1\n" in result.stdout
    )


def test_a_level_one_heading_is_the_axe_of_numbered_fiches_that_have_none():
    text = "# Le plan\n\n# Coopérer\n\n## Action 3 : Un réseau\n\n## Contexte\n\nUn texte.\n"
    imported = parse_deliberation(text)
    assert imported.plan["axes"] == [{"code": 1, "titre": "Coopérer"}]
    assert [(f["id"], f["axe"], f["titre"]) for f in imported.fiches] == [("3", 1, "Un réseau")]


def test_without_heading_styles_the_same_text_has_no_fiche(run_cli, tmp_path):
    result = import_document(run_cli, tmp_path, "plan.pdf", BUILDERS["pdf"](STYLED))
    assert result.exit_code == 1
    assert "aucune fiche-action trouvée" in result.stderr


def test_a_single_line_before_the_first_heading_is_the_title_and_no_collectivite_is_guessed():
    imported = parse_deliberation(
        "Feuille de route ESS\n\nAxe 1 : Coopérer\n\nAction 1.1 : Ouvrir un lieu\n"
    )
    assert imported.plan["titre"] == "Feuille de route ESS"
    assert "collectivite" not in imported.plan
    assert [note.explanation for note in imported.recoveries if note.field == "titre"] == [
        "titre repris de la première ligne du document : « Feuille de route ESS »"
    ]
