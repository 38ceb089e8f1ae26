"""Les mois et les coûts écrits en mots : les tables de FORMAT.md, ligne à ligne."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.lists import format_list

from essplan import french
from essplan.model.amounts import read_detail
from essplan.model.costs import read_cost_text
from essplan.model.months import parse_month


@pytest.mark.parametrize(
    ("text", "year", "month", "remark"),
    [
        ("2016-10", 2016, 10, ""),
        ("2016-10-14", 2016, 10, ""),
        (dt.date(2016, 10, 14), 2016, 10, ""),
        ("Octobre 2016", 2016, 10, ""),
        ("octobre 2016", 2016, 10, ""),
        ("Décembre 2016", 2016, 12, ""),
        ("decembre 2016", 2016, 12, ""),
        ("Août 2018", 2018, 8, ""),
        ("Novembre 2016 (Edition N°1)", 2016, 11, "(Edition N°1)"),
    ],
)
def test_known_months(text, year, month, remark):
    parsed = parse_month(text)
    assert (parsed.annee, parsed.mois, parsed.remarque) == (year, month, remark)


@pytest.mark.parametrize("text", ["?????", "?", "", None])
def test_unknown_months(text):
    parsed = parse_month(text)
    assert not parsed.known
    assert parsed.texte == (text or "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-13", "mois impossible « 2019-13 »"),
        ("Brumaire 2019", "« Brumaire » n'est pas un nom de mois"),
        ("2019-02-30", "date impossible"),
        ("bientôt", "mois illisible"),
    ],
)
def test_impossible_months(text, message):
    with pytest.raises(ValueError, match=message):
        parse_month(text)


@pytest.mark.parametrize(
    ("text", "amount", "periodicity"),
    [
        ("Néant", 0, None),
        ("0", 0, None),
        ("Aucun", 0, None),
        ("5000 euros / an", 5000, "annuel"),
        ("5 000 euros/an", 5000, "annuel"),
        ("2500 euros/an", 2500, "annuel"),
        ("35 000 / an (5000 X 7)", 35000, "annuel"),
        ("1 312 500€", 1312500, "ponctuel"),
        ("12,5 k€", 12500, "ponctuel"),
        ("1\u202f312\u00a0500 €", 1312500, "ponctuel"),
        ("1.312.500 €", 1312500, "ponctuel"),
    ],
)
def test_costs_from_the_format_table(text, amount, periodicity):
    reading = read_cost_text(text)
    assert reading.montant == Decimal(amount)
    assert reading.periodicite == periodicity
    assert reading.odd_grouping is None


@pytest.mark.parametrize("text", ["??? participation SCIC et subventions", "", "   "])
def test_unknown_costs(text):
    assert not read_cost_text(text).known


def test_currency_without_number_is_unknown():
    reading = read_cost_text("Aide plafonnée à €")
    assert not reading.known and reading.currency_without_number


def test_product_is_checked():
    assert not read_cost_text("35 000 / an (5000 X 7)").product_mismatch
    reading = read_cost_text("24 000 / an (4000 X 5)")
    assert reading.product == (Decimal(4000), Decimal(5)) and reading.product_mismatch


@pytest.mark.parametrize(("text", "odd"), [("64 0000 euros/an", "64 0000"), ("15 00 €", "15 00")])
def test_odd_digit_groups_are_flagged(text, odd):
    assert read_cost_text(text).odd_grouping == odd


def test_detail_amounts_follow_equals_or_colon():
    detail = read_detail(
        "1/2 administratif = 15 000 / 1/2 animateur = 15 000 / AMO = 15 000 - Doctorant : 19 000"
    )
    assert detail.amounts == (15000, 15000, 15000, 19000)
    assert detail.total == 64000


def test_french_formatting():
    assert french.amount(Decimal("62500")) == "62\u202f500\u00a0€"
    assert french.amount(Decimal("12.5")) == "12,50\u00a0€"
    assert french.amount(0) == "0\u00a0€"
    assert french.month(parse_month("Octobre 2016")) == "octobre 2016"
    assert french.month(parse_month("?????")) == "?????"
    assert french.month(None) == "inconnu"
    assert french.join(["a", "b", "c"]) == "a, b et c"


@pytest.mark.parametrize("count", range(9))
def test_french_join_is_babels_in_one_pass(count):
    """`join` applique les motifs de CLDR en une passe ; le texte est celui de Babel."""
    names = [f"Pilote {i}" for i in range(count)]
    assert french.join(names) == (format_list(names, locale=french.LOCALE) if names else "")


@pytest.mark.parametrize("value", ["62500", "1312500", "12.5", "0.01", "999999.99"])
def test_french_amount_reads_back(value):
    assert read_cost_text(french.amount(Decimal(value))).montant == Decimal(value)
