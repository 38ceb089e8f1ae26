"""`essplan import` : du texte d'une délibération (pdftotext) à un dossier de plan.

La délibération de Clermont 2016 doit redonner le plan transcrit à la main (mêmes fiches,
titres, pilotes, dates et coûts) ; chaque réparation de l'extraction est vérifiée sur un
petit texte écrit ici ; une entrée inutilisable n'écrit rien.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import PLANS

from essplan.importer.deliberation import ImportFailure, parse_deliberation
from essplan.model.fiche import FICHE_KEYS
from essplan.model.plan import PLAN_KEYS
from essplan.reading.builder import read_yaml
from essplan.repository import PlanTarget
from essplan.validation.validate import validate_plan

SOURCE = PLANS / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"
HAND_MADE = PLANS / "clermont-2016"


def import_clermont(run_cli, tmp_path: Path, *options: str):
    return run_cli(
        "import", str(SOURCE), "--plan", "clermont-2016", "--into", "plans", *options, cwd=tmp_path
    )


def loaded(folder: Path):
    return validate_plan(PlanTarget(folder, folder.name, folder.parent.parent))


# ------------------------------------------------------------------- Clermont 2016


def fiche_fields(fiche) -> dict:
    cost = fiche.cout
    return {
        "axe": fiche.axe,
        "titre": fiche.titre,
        "pilotes": fiche.pilotes,
        "debut": fiche.debut.texte if fiche.debut else None,
        "fin": fiche.fin.texte if fiche.fin else None,
        "cout.texte": cost.texte if cost else None,
        "cout.montant": cost.total if cost else None,
    }


def test_clermont_2016_imports_like_the_hand_made_plan(run_cli, tmp_path):
    result = import_clermont(run_cli, tmp_path)
    assert result.exit_code == 0, result.stderr
    imported = loaded(tmp_path / "plans" / "clermont-2016")
    assert imported.diagnostics == []
    reference = loaded(HAND_MADE)
    ours = {item.fiche.id: fiche_fields(item.fiche) for item in imported.fiches}
    theirs = {item.fiche.id: fiche_fields(item.fiche) for item in reference.fiches}
    assert sorted(ours) == sorted(theirs)
    differences = [
        f"{fiche_id} {key} : importé {ours[fiche_id][key]!r}, transcrit {value!r}"
        for fiche_id, fields in theirs.items()
        for key, value in fields.items()
        if ours[fiche_id][key] != value
    ]
    assert not differences, "\n".join(differences)


def test_clermont_2016_deliberation_is_read(run_cli, tmp_path):
    import_clermont(run_cli, tmp_path)
    ours = loaded(tmp_path / "plans" / "clermont-2016").plan.deliberation
    theirs = loaded(HAND_MADE).plan.deliberation
    assert (ours.numero, ours.date, ours.convocation) == (
        theirs.numero,
        theirs.date,
        theirs.convocation,
    )
    assert ours.vote == theirs.vote
    assert [len(ours.presents), len(ours.pouvoirs), len(ours.excuses)] == [
        len(theirs.presents),
        len(theirs.pouvoirs),
        len(theirs.excuses),
    ]
    assert (ours.president, ours.rapporteur, ours.commission, ours.decision) == (
        theirs.president,
        theirs.rapporteur,
        theirs.commission,
        theirs.decision,
    )


def test_clermont_2016_plan_level_values(run_cli, tmp_path):
    import_clermont(run_cli, tmp_path)
    ours = loaded(tmp_path / "plans" / "clermont-2016").plan
    theirs = loaded(HAND_MADE).plan
    assert (ours.titre, ours.periode, ours.etat, ours.vision) == (
        theirs.titre,
        theirs.periode,
        theirs.etat,
        theirs.vision,
    )
    assert ours.axes == theirs.axes
    assert ours.criteres_interet_communautaire == theirs.criteres_interet_communautaire


def test_clermont_2016_reports_its_recoveries(run_cli, tmp_path):
    result = import_clermont(run_cli, tmp_path)
    out = result.stdout
    assert (
        "  fiche 2.4 : titre repris de la liste des actions de la délibération (défi 2,"
        " action 4), sans le point final\n"
    ) in out
    assert "  fiche 4.1 : titre repris de la liste des actions" in out
    assert "  fiche 5.2 : ligne de numéro absente" in out and "id 5.2 déduit" in out
    assert (
        "  fiche 4.1 : paragraphe sans rubrique qui suit « Associé(s) (es) : » placé en contexte"
        in out
    )
    assert "  fiche 1.3 : montant 64\u202f000 retenu d'après le détail des remarques" in out
    assert (
        "  plan : rubriques collées par des marqueurs ** lues comme des rubriques séparées" in out
    )
    assert out.rstrip().endswith("1 plan, 14 fiches : 14 avertissements, 1 info dans 7 fichiers")


def test_recoveries_are_recorded_in_the_remarks(run_cli, tmp_path):
    import_clermont(run_cli, tmp_path)
    fiches = {i.fiche.id: i.fiche for i in loaded(tmp_path / "plans" / "clermont-2016").fiches}
    assert fiches["5.2"].remarques.startswith(
        "Cette instance devient le Think Tank qui avait été prévu. Ce qui permet de concentrer"
        " les énergies.\n[import] ligne de numéro absente"
    )
    assert fiches["2.4"].remarques.startswith("[import] titre repris")
    assert fiches["1.1"].remarques == (
        "En votant la délibération les élus communautaires leur volonté de s'associer à la"
        " réussite du projet stratégique et opérationnel."
    )
    assert fiches["1.2"].liens == ["2.2"] and fiches["2.2"].liens == ["1.2"]


# ------------------------------------------------------------ réparations, une par une

FICHE = """FICHE ACTION

Défi N°1/ Act N°{n}

Défi : Coopérer sur le territoire

Action : Action numéro {n}

Pilote : Anne Martin

Associé(s) : Paul Durand - Léa Petit

Contexte :

Un contexte qui explique pourquoi cette action est nécessaire au territoire.

Méthode :

- Réunir les acteurs.
- Écrire la feuille de route.

Résultats attendus :

- ⇒ Un réseau actif

Public cible :

Les habitants.

Moyens humains nécessaires :

Chargé de mission.

Début action : Mars 2017

Fin de l'action : Septembre 2020

Coût indicatif : Néant

Financement assuré par :

Pas d'objet

Remarques :

Une remarque.

Indicateurs d'évaluation :

- ⇒ Nombre de réunions
"""


def only_fiche(text: str) -> dict:
    return parse_deliberation(text).fiches[0]


def notes(text: str) -> list[str]:
    return [f"{n.fiche or 'plan'} : {n.explanation}" for n in parse_deliberation(text).recoveries]


def test_labels_glued_with_stars_are_split():
    text = FICHE.format(n=1).replace(
        "Début action : Mars 2017\n\nFin de l'action : Septembre 2020\n\nCoût indicatif : Néant\n",
        "Début action : Mars 2017**Fin de l'action :** ?????**Coût indicatif :** 2500 euros/an"
        "**Remarques :**\n",
    )
    fiche = only_fiche(text)
    assert (fiche["debut"], fiche["fin"], fiche["cout"]) == ("Mars 2017", "?????", "2500 euros/an")
    assert fiche["remarques"] == "Une remarque."  # la rubrique collée reçoit le paragraphe suivant
    assert (
        "plan : rubriques collées par des marqueurs ** lues comme des rubriques séparées"
        " (fiches 1.1)"
    ) in notes(text)


def test_a_glued_label_without_value_keeps_an_empty_cost():
    text = FICHE.format(n=1).replace(
        "Coût indicatif : Néant\n\nFinancement assuré par :",
        "Coût indicatif :**Financement assuré par :**",
    )
    fiche = only_fiche(text)
    assert fiche["cout"] == "" and fiche["financement"] == "Pas d'objet"


@pytest.mark.parametrize(
    ("bullet", "reported"),
    [
        ("-", "« - » et « ⇒ »"),  # les autres listes de la fiche gardent leurs puces « - » et « ⇒ »
        ("⇒", "« - » et « ⇒ »"),
        ("➡", "« - », « ⇒ » et « ➡ »"),
        ("- ⇒", "« - » et « ⇒ »"),
        ("- ➡", "« - », « ⇒ » et « ➡ »"),
    ],
)
def test_each_bullet_kind_is_stripped(bullet, reported):
    text = FICHE.format(n=1).replace(
        "- ⇒ Un réseau actif", f"{bullet} Un réseau actif\n{bullet} Des projets"
    )
    assert only_fiche(text)["resultats_attendus"] == ["Un réseau actif", "Des projets"]
    assert f"plan : puces {reported} retirées des éléments de listes" in notes(text)


def test_a_wrapped_list_item_is_joined():
    text = FICHE.format(n=1).replace(
        "- Écrire la feuille de route.", "- Écrire la feuille\nde route."
    )
    assert only_fiche(text)["methode"] == ["Réunir les acteurs.", "Écrire la feuille de route."]


def test_page_footers_and_running_headers_are_discarded():
    page_break = "\n8/18\nwww.exemple-agglo.fr\n\nN° DEL20170101_001\n\nDirection Générale des Services\nDossier suivi par / 12\n\n"
    first = FICHE.format(n=1).replace(
        "- Écrire la feuille de route.", page_break + "- Écrire la feuille de route."
    )
    text = "Plan local ESS\n\n" + first + "\nPlan local ESS\n\n" + FICHE.format(n=2)
    imported = parse_deliberation(text)
    assert imported.fiches[0]["methode"] == ["Réunir les acteurs.", "Écrire la feuille de route."]
    assert imported.fiches[0]["indicateurs"] == ["Nombre de réunions"]
    assert (
        "plan : 7 lignes d'en-tête ou de pied de page écartées : « Plan local ESS » (2 fois),"
        " « 8/18 », « www.exemple-agglo.fr », « N° DEL20170101_001 », « Direction Générale"
        " des Services » et « Dossier suivi par / 12 »"
    ) in notes(text)


def test_a_line_repeated_at_the_end_of_fiches_is_content_not_a_header():
    text = FICHE.format(n=1) + FICHE.format(n=2) + FICHE.format(n=3)
    assert [f["indicateurs"] for f in parse_deliberation(text).fiches] == [
        ["Nombre de réunions"]
    ] * 3


def test_a_fiche_without_its_number_line_is_numbered_from_its_defi_and_place():
    text = FICHE.format(n=1) + FICHE.format(n=2).replace("Défi N°1/ Act N°2\n", "")
    imported = parse_deliberation(text)
    assert [fiche["id"] for fiche in imported.fiches] == ["1.1", "1.2"]
    assert (
        "1.2 : ligne de numéro absente (comme « Défi N°1/ Act N°1 » dans les autres fiches) :"
        " id 1.2 déduit de sa ligne « Défi : » (la même que la fiche 1.1) et de sa place dans"
        " l'annexe (après la fiche 1.1)"
    ) in notes(text)
    assert "[import] ligne de numéro absente" in imported.fiches[1]["remarques"]


BODY = """Vision :

Une économie au service des habitants.

- **1^{er} défi : Coopérer sur le territoire,**

Deux actions :

- Action numéro un.
- Soutenir les coopératives du territoire.

Il est proposé deux critères pour définir l'intérêt communautaire :

- un intérêt collectif,
- un ancrage local.

"""


def test_a_missing_title_is_taken_from_the_body_list_of_actions():
    text = BODY + FICHE.format(n=1) + FICHE.format(n=2).replace("Action : Action numéro 2\n", "")
    imported = parse_deliberation(text)
    assert imported.fiches[1]["titre"] == "Soutenir les coopératives du territoire"
    assert (
        "1.2 : titre repris de la liste des actions de la délibération (défi 1, action 2),"
        " sans le point final"
    ) in notes(text)
    assert imported.plan["axes"] == [{"code": 1, "titre": "Coopérer sur le territoire"}]
    assert imported.plan["criteres_interet_communautaire"] == [
        "un intérêt collectif",
        "un ancrage local",
    ]
    assert imported.plan["vision"] == "Une économie au service des habitants."


LOST_LABELS = """FICHE ACTION

Défi N°1/ Act N°3

Associé(s) : Paul Durand

Un paragraphe de contexte qui a perdu sa rubrique dans l'extraction du PDF.

- ➡ Un résultat sans rubrique

- Une étape sans rubrique

Chargé de mission + AMO

Début action : Mars 2017

Fin de l'action : Septembre 2020

Coût indicatif : 5000 euros / an

La collectivité.

Remarques :

- ⇒ Un indicateur sans rubrique
"""


def test_paragraphs_that_lost_their_labels_are_placed_like_in_the_other_fiches():
    text = FICHE.format(n=1) + FICHE.format(n=2) + LOST_LABELS
    fiche = parse_deliberation(text).fiches[2]
    assert (
        fiche["contexte"]
        == "Un paragraphe de contexte qui a perdu sa rubrique dans l'extraction du PDF."
    )
    assert fiche["resultats_attendus"] == ["Un résultat sans rubrique"]
    assert fiche["methode"] == ["Une étape sans rubrique"]
    assert fiche["moyens_humains"] == "Chargé de mission + AMO"
    assert fiche["financement"] == "La collectivité."
    assert fiche["indicateurs"] == ["Un indicateur sans rubrique"]
    assert "pilotes" not in fiche and "public_cible" not in fiche  # rien n'est inventé
    assert fiche["remarques"].splitlines() == [
        "[import] paragraphe sans rubrique qui suit « Associé(s) : » placé en contexte : dans"
        " les autres fiches, « Contexte : » suit « Associé(s) : »",
        "[import] liste à puces « - » sans rubrique qui suit « Associé(s) : » placée en methode :"
        " dans les autres fiches, « Méthode : » est la liste à tirets écrite à cet endroit",
        "[import] liste à puces « - ➡ » sans rubrique qui suit « Associé(s) : » placée en"
        " resultats_attendus : dans les autres fiches, « Résultats attendus : » est la liste à"
        " puces fléchées écrite à cet endroit",
        "[import] paragraphe sans rubrique qui suit « Associé(s) : » placé en moyens_humains :"
        " dans les autres fiches, « Moyens humains nécessaires : » précède « Début action : »",
        "[import] paragraphe sans rubrique qui suit « Coût indicatif : » placé en financement :"
        " dans les autres fiches, « Financement assuré par : » suit « Coût indicatif : »",
        "[import] liste à puces « - ⇒ » sans rubrique qui suit « Remarques : » placée en"
        " indicateurs : dans les autres fiches, « Indicateurs d'évaluation : » est la liste à"
        " puces fléchées écrite à cet endroit",
    ]


def test_a_paragraph_nothing_justifies_is_reported_not_placed():
    # Entre « Pilote » et « Associé(s) », aucune fiche n'écrit d'autre rubrique.
    stray = FICHE.format(n=2).replace(
        "Pilote : Anne Martin\n", "Pilote : Anne Martin\n\nUn texte orphelin.\n"
    )
    fiche = parse_deliberation(FICHE.format(n=1) + stray).fiches[1]
    assert fiche["remarques"] == (
        "Une remarque.\n[import] texte sans rubrique qui suit « Pilote : » non placé, aucune"
        " rubrique manquante ne lui correspond : « Un texte orphelin. »"
    )
    assert fiche["pilotes"] == ["Anne Martin"] and fiche["associes"] == ["Paul Durand", "Léa Petit"]


def test_a_fiche_without_number_nor_defi_is_reported_not_imported():
    text = FICHE.format(n=1) + "FICHE ACTION\n\nAction : Une fiche perdue\n"
    imported = parse_deliberation(text)
    assert [fiche["id"] for fiche in imported.fiches] == ["1.1"]
    assert (
        "plan : fiche n°2 de l'annexe (« Une fiche perdue ») non importée : ni ligne de numéro"
        " ni intitulé de défi"
    ) in notes(text)


def test_a_repeated_number_keeps_the_first_fiche():
    text = FICHE.format(n=1) + FICHE.format(n=1).replace("Action numéro 1", "Une autre action")
    imported = parse_deliberation(text)
    assert [(f["id"], f["titre"]) for f in imported.fiches] == [("1.1", "Action numéro 1")]
    assert (
        "plan : fiche n°2 de l'annexe (« Une autre action ») non importée : son numéro 1.1 est"
        " déjà celui de la fiche n°1"
    ) in notes(text)


def test_page_breaks_of_pdftotext_are_line_breaks(run_cli, tmp_path):
    text = FICHE.format(n=1).replace("\nMéthode :", "\f\nMéthode :")
    (tmp_path / "pages.txt").write_text(text, encoding="utf-8")
    result = run_cli("import", "pages.txt", "--plan", "pages", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr  # écrit, mais sans collectivité ni titre : ESS005
    copy = tmp_path / "plans" / "pages" / "sources" / "pages.txt"
    assert copy.read_text(encoding="utf-8") == text  # la copie garde ses sauts de page


def test_a_cost_with_misgrouped_digits_takes_the_total_of_its_detail():
    text = FICHE.format(n=1).replace("Coût indicatif : Néant", "Coût indicatif : 35 0000 euros/an")
    text = text.replace("Une remarque.", "Animateur = 20 000\nAMO : 15 000")
    cost = only_fiche(text)["cout"]
    assert cost == {
        "texte": "35 0000 euros/an",
        "montant": 35000,
        "periodicite": "annuel",
        "detail": "Animateur = 20 000 / AMO : 15 000",
    }


def test_nothing_is_invented():
    text = (
        FICHE.format(n=1)
        .replace("Pilote : Anne Martin\n", "")
        .replace("Fin de l'action : Septembre 2020\n", "")
    )
    fiche = only_fiche(text)
    assert "pilotes" not in fiche and "fin" not in fiche and "remarques" in fiche
    assert "remarques" in fiche and "[import]" not in fiche["remarques"]


# ------------------------------------------------------------------ entrées inutilisables


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "le texte est vide"),
        (b"  \n\n \n", "le texte est vide"),
        (
            "Délibération sans annexe.\n\nVision :\n\nUne vision.\n".encode(),
            "aucune fiche-action trouvée",
        ),
        (b"FICHE ACTION\x00\x01\x02binaire", "fichier binaire (octet nul) : ce n'est pas un texte"),
        (FICHE.format(n=1).replace("⇒", "-").encode("latin-1"), "il semble encodé en Latin-1"),
        (FICHE.format(n=1).encode("utf-16"), "fichier encodé en UTF-16 : enregistrez-le en UTF-8"),
    ],
)
def test_unusable_input_writes_nothing(run_cli, tmp_path, content, message):
    (tmp_path / "source.txt").write_bytes(content)
    result = run_cli("import", "source.txt", "--plan", "essai", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("essplan : source.txt : ")
    assert message in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "plans" / "essai").exists()


def test_parse_refuses_a_text_without_fiche():
    with pytest.raises(ImportFailure, match="aucune fiche-action trouvée"):
        parse_deliberation("Un texte.\n")


@pytest.mark.parametrize("plan_id", ["Clermont", "clermont_2016", "clermont-", "../x", "é"])
def test_a_bad_plan_id_is_a_usage_error(run_cli, tmp_path, plan_id):
    result = run_cli("import", str(SOURCE), "--plan", plan_id, "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"identifiant de plan invalide « {plan_id} »" in result.stderr
    assert not (tmp_path / "plans").exists()


def test_a_missing_source_or_plan_option_is_a_usage_error(run_cli, tmp_path):
    missing = run_cli("import", "absent.txt", "--plan", "essai", cwd=tmp_path)
    assert (missing.exit_code, missing.stderr) == (
        2,
        "essplan : fichier source introuvable : « absent.txt »\n",
    )
    no_plan = run_cli("import", str(SOURCE), cwd=tmp_path)
    assert no_plan.exit_code == 2 and "--plan" in no_plan.stderr


# ------------------------------------------------------------- dossier existant, --dry-run


def snapshot(folder: Path) -> dict:
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_an_existing_plan_folder_is_left_untouched_without_force(run_cli, tmp_path):
    folder = tmp_path / "plans" / "clermont-2016"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text("collectivite: Ancienne\n", encoding="utf-8")
    (folder / "fiches" / "1.1.yaml").write_text('id: "1.1"\n', encoding="utf-8")
    before = snapshot(folder)
    result = import_clermont(run_cli, tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        "essplan : le dossier plans/clermont-2016 existe déjà : rien n'est"
        " écrit (--force pour le remplacer)\n"
    )
    assert snapshot(folder) == before


def test_force_replaces_the_plan_folder(run_cli, tmp_path):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    import_clermont(run_cli, fresh)
    folder = tmp_path / "plans" / "clermont-2016"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text("collectivite: Ancienne\n", encoding="utf-8")
    (folder / "fiches" / "9.9.yaml").write_text('id: "9.9"\n', encoding="utf-8")
    result = import_clermont(run_cli, tmp_path, "--force")
    assert result.exit_code == 0
    assert (
        "  plans/clermont-2016/fiches/9.9.yaml (retiré : l'import n'a pas cette fiche)\n"
        in result.stdout
    )
    assert snapshot(folder) == snapshot(fresh / "plans" / "clermont-2016")


def test_dry_run_writes_nothing_and_shows_the_files(run_cli, tmp_path):
    result = import_clermont(run_cli, tmp_path, "--dry-run")
    assert result.exit_code == 0
    assert not (tmp_path / "plans").exists()
    assert result.stdout.startswith(
        "Fichiers qui seraient écrits (--dry-run : rien n'est écrit) :\n"
        "  plans/clermont-2016/plan.yaml\n"
        "  plans/clermont-2016/fiches/1.1.yaml\n"
    )
    assert "  plans/clermont-2016/sources/clermont-2016-deliberation.txt\n" in result.stdout
    assert (
        "--- plans/clermont-2016/fiches/2.4.yaml\n"
        "# Importé par essplan depuis clermont-2016-deliberation.txt : relisez les remarques"
        " avant d'adopter ce fichier.\n"
        'id: "2.4"\n'
    ) in result.stdout
    assert (
        "--- plans/clermont-2016/sources/clermont-2016-deliberation.txt : copie de la source"
        in result.stdout
    )
    # le contrôle porte sur ce qui serait écrit, sous les chemins où il le serait
    assert (
        "plans/clermont-2016/fiches/3.1.yaml:26:6: ESS201 fin : date de fin inconnue"
        in result.stdout
    )


def test_standard_input(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SOURCE.read_bytes())))
    result = run_cli("import", "-", "--plan", "clermont-2016", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 0
    folder = tmp_path / "plans" / "clermont-2016"
    assert (
        folder / "sources" / "clermont-2016-deliberation.txt"
    ).read_bytes() == SOURCE.read_bytes()
    assert loaded(folder).diagnostics == []


def test_the_default_folder_is_plans_of_the_current_repository(run_cli, tmp_path):
    (tmp_path / "plans" / "autre").mkdir(parents=True)
    result = run_cli("import", str(SOURCE), "--plan", "essai", cwd=tmp_path / "plans" / "autre")
    assert result.exit_code == 0
    assert (tmp_path / "plans" / "essai" / "plan.yaml").is_file()
    assert f"  {tmp_path}/plans/essai/plan.yaml\n" in result.stdout


def test_a_small_import_exact_output(run_cli, tmp_path):
    (tmp_path / "petit.txt").write_text(FICHE.format(n=1), encoding="utf-8")
    result = run_cli("import", "petit.txt", "--plan", "petit", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 1  # le plan est écrit, mais invalide (ESS005) : code 1
    assert result.stdout == (
        "Fichiers écrits :\n"
        "  plans/petit/plan.yaml\n"
        "  plans/petit/fiches/1.1.yaml\n"
        "  plans/petit/sources/petit.txt\n"
        "\n"
        "Mise en page reconnue : blocs « FICHE ACTION » et « Défi N°x/ Act N°y »\n"
        "Rubriques lues, par fiche (1 fiche) :\n"
        "  fiche 1.1  les 13 rubriques trouvées\n"
        "\n"
        "Reprises de l'import, à relire (2) :\n"
        "  plan : puces « - » et « ⇒ » retirées des éléments de listes\n"
        "  plan : axe 1 repris de la ligne « Coopérer sur le territoire » de la fiche 1.1 : le"
        " corps ne le déclare pas\n"
        "\n"
        "Contrôle du plan importé (validate et lint) :\n"
        "plans/petit/plan.yaml:2:1: ESS005 collectivite : clé obligatoire « collectivite » absente\n"
        "plans/petit/plan.yaml:2:1: ESS005 titre : clé obligatoire « titre » absente\n"
        "1 plan, 1 fiche : 2 erreurs dans 1 fichier\n"
    )


# ------------------------------------------------------------------------- le YAML écrit


def test_the_written_yaml_is_readable(run_cli, tmp_path):
    import_clermont(run_cli, tmp_path)
    folder = tmp_path / "plans" / "clermont-2016"
    fiche = (folder / "fiches" / "1.3.yaml").read_text(encoding="utf-8")
    lines = fiche.splitlines()
    assert lines[0] == (
        "# Importé par essplan depuis clermont-2016-deliberation.txt : relisez les"
        " remarques avant d'adopter ce fichier."
    )
    assert lines[1] == 'id: "1.3"'
    contexte = lines.index("contexte: >-")
    assert lines[contexte + 1].startswith("  Clermont Communauté a souhaité")
    assert lines[contexte + 1].endswith("un renforcement des moyens semble indispensable.")
    assert (
        "remarques: |-\n  1/2 administratif = 15 000 / 1/2 animateur = 15 000\n  AMO = 15 000"
        in fiche
    )
    assert "  - Budgéter l'ensemble du projet stratégique et opérationnel.\n" in fiche
    assert 'liens: ["2.2"]' in (folder / "fiches" / "1.2.yaml").read_text(encoding="utf-8")
    plan = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert "    - {de: Jean-Marc MORVAN, a: Louis GISCARD D'ESTAING}\n" in plan
    assert "&id" not in plan and "\\u" not in plan


def test_keys_follow_the_format_order_and_load_back_to_the_same_data(run_cli, tmp_path):
    import_clermont(run_cli, tmp_path)
    folder = tmp_path / "plans" / "clermont-2016"
    imported = parse_deliberation(SOURCE.read_text(encoding="utf-8"))
    plan_document, problems, _ = read_yaml(folder / "plan.yaml", "plan.yaml")
    assert problems == []
    keys = list(plan_document.data)
    assert keys == [key for key in PLAN_KEYS if key in keys]
    expected_plan = dict(imported.plan)
    expected_plan["sources"] = [
        {**imported.plan["sources"][0], "fichier": "sources/clermont-2016-deliberation.txt"}
    ]
    assert plan_document.data == expected_plan
    for fiche in imported.fiches:
        document, problems, _ = read_yaml(folder / "fiches" / f"{fiche['id']}.yaml", fiche["id"])
        assert problems == []
        assert list(document.data) == [key for key in FICHE_KEYS if key in document.data]
        assert document.data == fiche
