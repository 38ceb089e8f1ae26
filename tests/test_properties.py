"""Propriétés (hypothesis) : aucun texte ne fait planter les lecteurs, les montants se relisent,
une fiche valide écrite en YAML se relit à l'identique."""

from __future__ import annotations

import datetime as dt
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essplan import french
from essplan.lint.catalogue import catalogue
from essplan.model.costs import read_cost_text
from essplan.model.fiche import Fiche
from essplan.model.months import FIRST_YEAR, LAST_YEAR, MONTH_LABELS, parse_month
from essplan.reading.builder import read_yaml
from essplan.validation.messages import build_model

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.dates(), st.booleans()))
def test_month_parser_only_raises_its_own_error(value):
    try:
        month = parse_month(value)
    except ValueError as error:
        assert str(error)  # un message, en français, jamais une autre exception
    else:
        assert month.known == (month.annee is not None)


@SETTINGS
@given(st.integers(FIRST_YEAR, LAST_YEAR), st.integers(1, 12))
def test_known_months_read_back(year, month):
    assert (parse_month(f"{year:04d}-{month:02d}").index) == year * 12 + month - 1
    assert parse_month(f"{MONTH_LABELS[month - 1]} {year:04d}").mois == month


@SETTINGS
@given(st.text())
def test_cost_reader_never_raises(text):
    reading = read_cost_text(text)
    assert reading.montant is None or reading.montant >= 0


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(amounts)
def test_french_amount_reads_back_to_the_same_amount(value):
    assert read_cost_text(french.amount(value)).montant == value


@SETTINGS
@given(st.binary(max_size=400))
def test_loader_turns_any_bytes_into_diagnostics(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("octets") / "fiche.yaml"
    path.write_bytes(data)
    document, problems, _ = read_yaml(path, "fiche.yaml")
    assert all(p.code in catalogue() and p.line >= 1 and p.column >= 1 for p in problems)
    if document is not None:
        found: list = []
        build_model(Fiche, document, found)
        assert all(p.code in catalogue() for p in found)


yaml_text = st.text(alphabet=string.printable + "éèàçô«»€\u00a0", max_size=300)


@SETTINGS
@given(yaml_text)
def test_loader_turns_any_text_into_diagnostics(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("texte") / "fiche.yaml"
    path.write_text(text, encoding="utf-8")
    document, problems, _ = read_yaml(path, "fiche.yaml")
    assert all(p.code in catalogue() for p in problems)
    if document is not None:
        build_model(Fiche, document, [])


# ------------------------------------------------------------- aller-retour d'une fiche

words = st.text(
    alphabet=string.ascii_letters + "éèàçô'’- ,.:?!()€0123456789", min_size=1, max_size=40
).filter(str.strip)
months = st.one_of(
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2000, 2040), st.integers(1, 12)),
    st.builds(
        lambda y, m: f"{MONTH_LABELS[m - 1].capitalize()} {y}",
        st.integers(2000, 2040),
        st.integers(1, 12),
    ),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    st.sampled_from(["?????", "?", ""]),
)
# Un texte que le format refuse (« -5 », un montant négatif) n'est pas une fiche valide.
cost_words = words.filter(lambda text: read_cost_text(text).invalid is None)
costs = st.one_of(
    cost_words,
    st.builds(lambda n: f"{french.number(n)} euros/an", st.integers(0, 10**6)),
    st.fixed_dictionaries(
        {"texte": cost_words},
        optional={
            "montant": st.integers(0, 10**7),
            "periodicite": st.sampled_from(["annuel", "ponctuel", "mensuel"]),
        },
    ),
)
fiches = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[1-9]\.[1-9]", fullmatch=True),
        "axe": st.integers(1, 9),
        "titre": words,
    },
    optional={
        "pilotes": st.lists(words, max_size=3),
        "associes": st.lists(words, max_size=3),
        "contexte": words,
        "methode": st.lists(words, max_size=4),
        "debut": months,
        "fin": months,
        "cout": costs,
        "financement": st.one_of(words, st.lists(words, max_size=2)),
        "liens": st.lists(st.from_regex(r"[1-9]\.[1-9]", fullmatch=True), max_size=2),
        "indicateurs": st.lists(
            st.one_of(
                words,
                st.fixed_dictionaries(
                    {"libelle": words},
                    optional={
                        "cible": st.integers(0, 1000),
                        "valeurs": st.dictionaries(
                            st.integers(2000, 2040), st.integers(0, 999), max_size=3
                        ),
                    },
                ),
            ),
            max_size=3,
        ),
        "statut": st.sampled_from(
            ["a_venir", "en_cours", "en_pause", "bloque", "realise", "abandonne"]
        ),
    },
)


@SETTINGS
@given(fiches)
def test_a_valid_fiche_dumped_to_yaml_loads_back_equal(tmp_path_factory, data):
    expected = Fiche.model_validate(data)
    path = tmp_path_factory.mktemp("fiche") / "fiche.yaml"
    dumped = expected.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    path.write_text(yaml.safe_dump(dumped, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document, problems, _ = read_yaml(path, "fiche.yaml")
    assert problems == []
    found: list = []
    assert build_model(Fiche, document, found) == expected
    assert found == []
