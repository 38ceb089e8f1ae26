"""Les quatre plans livrés : ils se valident, et ils disent ce que disent leurs sources."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import PLANS

from essplan.repository import plans_in
from essplan.validation.validate import validate_plan

PLAN_IDS = ["clermont-2016", "clermont-2022", "grenoble", "poitiers"]


def load(plan_id: str):
    target = next(t for t in plans_in(PLANS.parent, PLANS.parent) if t.folder.name == plan_id)
    loaded = validate_plan(target)
    assert loaded.diagnostics == []
    return loaded


def fiches(plan_id: str) -> dict:
    return {item.fiche.id: item.fiche for item in load(plan_id).fiches}


def test_the_four_plans_are_bundled():
    assert sorted(p.name for p in PLANS.iterdir() if p.is_dir()) == PLAN_IDS


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_plan_validates_and_names_its_sources(plan_id):
    loaded = load(plan_id)
    assert loaded.plan.sources, "chaque plan nomme ses sources"
    for source in loaded.plan.sources:
        assert (loaded.folder / source.fichier).is_file()


def test_clermont_2016_has_its_fourteen_fiches():
    assert list(fiches("clermont-2016")) == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
    ]


def test_clermont_2016_deliberation():
    plan = load("clermont-2016").plan
    deliberation = plan.deliberation
    assert deliberation.numero == "DEL20161014_005"
    assert str(deliberation.date) == "2016-10-14" and str(deliberation.convocation) == "2016-10-07"
    vote = deliberation.vote
    assert (vote.en_exercice, vote.presents, vote.representes, vote.excuses) == (89, 73, 13, 3)
    assert (vote.pour, vote.contre, vote.abstention, vote.non_participation) == (86, 0, 0, 0)
    assert len(deliberation.presents) == 73 and len(deliberation.pouvoirs) == 13
    assert deliberation.excuses == ["François BARRIÈRE", "Anne FAUROT", "Antoine RECHAGNEUX"]
    assert deliberation.pouvoirs[0].de == "Jean-Marc MORVAN"
    assert deliberation.pouvoirs[0].a == "Louis GISCARD D'ESTAING"
    assert [axe.code for axe in plan.axes] == [1, 2, 3, 4, 5]
    assert len(plan.criteres_interet_communautaire) == 4


def test_clermont_2016_keeps_the_gaps_of_the_source():
    by_id = fiches("clermont-2016")
    assert by_id["2.4"].pilotes is None and by_id["4.1"].pilotes is None
    assert by_id["2.4"].titre.startswith("Soutenir le projet de la maison de l'innovation")
    assert by_id["3.1"].fin.texte == "?????" and not by_id["3.1"].fin.known
    assert by_id["1.2"].cout.texte == "" and not by_id["1.2"].cout.known
    assert not by_id["2.3"].cout.known
    assert by_id["1.3"].cout.texte == "64 0000 euros/an"
    assert by_id["1.3"].cout.total == Decimal(64000)
    assert (
        by_id["2.2"].cout.total == Decimal(35000)
        and by_id["2.2"].cout.counted_periodicity == "annuel"
    )
    assert by_id["4.1"].debut.remarque == "(Edition N°1)"
    assert by_id["3.2"].pilotes == ["Pierre Patureau Mirand"]


def test_clermont_2022_envelope():
    plan = load("clermont-2022").plan
    assert (plan.periode.debut.iso, plan.periode.fin.iso) == ("2022-01", "2026-12")
    assert plan.budget.total == 1312500
    lines = [(line.section, line.montant, line.periodicite) for line in plan.budget.lignes]
    assert lines == [
        ("investissement", 95000, "annuel"),
        ("investissement", 47500, "annuel"),
        ("fonctionnement", 120000, "annuel"),
    ]
    assert len(plan.axes) == 5 and len(fiches("clermont-2022")) == 5


def test_grenoble_is_a_draft_without_period():
    plan = load("grenoble").plan
    assert plan.etat == "projet" and plan.periode is None and len(plan.axes) == 4
    colleges = plan.gouvernance[0].colleges
    assert [c.nom for c in colleges] == [
        "acteurs de l'ESS",
        "communes",
        "partenaires publics",
        "acteurs ressources",
    ]
    assert fiches("grenoble")["4.1"].cout.texte == "Aide plafonnée à €"


def test_poitiers_axes_and_propositions():
    plan = load("poitiers").plan
    assert [axe.code for axe in plan.axes] == ["A", "B", "C"]
    by_id = fiches("poitiers")
    assert list(by_id) == [str(n) for n in range(1, 11)]
    assert [by_id[str(n)].axe for n in range(1, 11)] == ["A"] * 3 + ["B"] * 5 + ["C"] * 2


# ------------------------------------------------------------------------------- fidélité


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def texts(value, path=()):
    """Tous les textes d'une fiche, avec leur chemin."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,))


# Valeurs qui ne sont pas des citations, chacune justifiée dans les `remarques` du plan.
NOT_QUOTED = {("clermont-2016", "1.3", ("cout", "detail"))}


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_fiche_text_is_quoted_from_the_source(plan_id):
    loaded = load(plan_id)
    source = " ".join(
        normalise((loaded.folder / s.fichier).read_text(encoding="utf-8"))
        for s in loaded.plan.sources
    )
    missing = []
    for item in loaded.fiches:
        for path, text in texts(item.document.data):
            if path in (("id",),) or (plan_id, item.fiche.id, path) in NOT_QUOTED:
                continue
            if normalise(text) not in source:
                missing.append((item.fiche.id, path, text))
    assert missing == []
