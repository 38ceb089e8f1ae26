"""Ce qu'un coût a de douteux, dit une seule fois, pour le linter et pour le budget.

`cost_issues(cout)` rend chaque constat sur un coût : son code (la règle du linter qui le
signale), la clé visée (`texte`, `montant`, `detail`, `periodicite`, ou le coût entier), le
message et la suggestion, et la note que le budget écrit à côté du chiffre quand ce chiffre en
dépend (`mark`). Les règles ESS302, ESS303, ESS307, ESS308 et ESS309 filtrent cette liste par
leur code ; le budget y prend ses marques : un seul calcul, les mêmes mots des deux côtés.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..french import amount, number
from .amounts import read_detail
from .costs import CostPart, CostReading


@dataclass(frozen=True, slots=True)
class CostIssue:
    code: str
    key: str | None  # la clé du coût visée ; None : le coût entier
    message: str | None  # None : rien à signaler au linter, une note pour le budget seulement
    suggestion: str | None = None
    mark: str | None = None  # la note du budget, quand le chiffre compté en dépend


def cost_issues(cout) -> tuple[CostIssue, ...]:
    """Les constats sur un coût (`models.Cout`), dans l'ordre des codes."""
    reading = cout.reading
    found = [
        *_grouping(cout, reading),
        *_computations(cout, reading),
        *_mismatches(cout, reading),
        *_ranges(cout, reading),
        *_ambiguities(cout, reading),
    ]
    return tuple(found)


def _grouping(cout, reading: CostReading):
    """ESS302 : des chiffres mal groupés (« 64 0000 »), ou une devise sans nombre."""
    if reading.odd_grouping:
        readings = (
            " ou ".join(number(n) for n in reading.ambiguity.montants) if reading.ambiguity else ""
        )
        if cout.montant is not None:
            outcome = f" ; cout.montant retient {amount(cout.montant)}"
        else:
            outcome = " : le montant n'est pas compté tant que cout.montant ne le précise pas"
        yield CostIssue(
            "ESS302",
            "texte",
            f"montant suspect « {reading.odd_grouping} » : les chiffres ne sont"
            f" pas groupés par milliers{outcome}",
            f"vouliez-vous dire {readings} ? Écrivez le montant voulu en cout.montant",
            mark=f"montant lu dans « {reading.odd_grouping} » : groupes de chiffres qui ne sont pas"
            " des milliers"
            if cout.montant is not None
            else None,
        )
    elif reading.currency_without_number:
        yield CostIssue(
            "ESS302",
            "texte",
            f"devise sans montant : « {cout.texte} »",
            "indiquez le montant (par exemple « Aide plafonnée à 5 000 € »)",
        )


def _computations(cout, reading: CostReading):
    """ESS303 : un produit écrit faux, un `detail` qui n'additionne pas le montant."""
    for part in reading.parts:
        if part.produit is None or part.annonce is None or not part.product_mismatch:
            continue
        left, right = part.produit
        yield CostIssue(
            "ESS303",
            None,
            f"calcul faux dans « {cout.texte} » : {number(left)} × {number(right)}"
            f" = {amount(left * right)}, pas {amount(part.annonce)}",
            "corrigez le montant ou ses éléments pour qu'ils concordent",
            mark=f"le produit {number(left)} × {number(right)} ne donne pas {amount(part.annonce)}",
        )
    detail = read_detail(cout.detail) if cout.detail else None  # d'ordinaire, pas de détail
    if (
        detail is not None
        and detail.amounts
        and cout.total is not None
        and detail.total != cout.total
    ):
        yield CostIssue(
            "ESS303",
            "detail",
            f"le détail totalise {amount(detail.total)}, le montant retenu est"
            f" {amount(cout.total)}",
            "corrigez le détail ou le montant",
            mark=f"le détail totalise {amount(detail.total)}, pas {amount(cout.total)}",
        )


def _mismatches(cout, reading: CostReading):
    """ESS307 : `texte` et `montant` (ou `periodicite`) ne disent pas la même chose."""
    if cout.texte is None or reading.odd_grouping or not reading.parts:
        return
    if cout.montant is not None:
        yield from _amount_mismatch(cout, reading)
    written = reading.periodicite
    if cout.periodicite and written and written != cout.periodicite and reading.montant != 0:
        yield CostIssue(
            "ESS307",
            "periodicite",
            f"le texte « {cout.texte} » est {written}, la"
            f" périodicité indiquée est {cout.periodicite}",
            "alignez periodicite sur le texte, ou expliquez l'écart en remarque",
        )


def _amount_mismatch(cout, reading: CostReading):
    """`montant` contre le texte : le même nombre, une des lectures d'un texte ambigu, dans la
    fourchette ; un seul montant pour un texte en plusieurs parties."""
    montant, parts = cout.montant, reading.parts
    if len(parts) > 1:
        if reading.ambiguity is None:
            yield _mismatch(
                f"le texte « {cout.texte} » a {len(parts)} parties ({_parts_text(parts)})"
                f" ; cout.montant n'en retient qu'un montant, {amount(montant)}",
                "retirez cout.montant pour compter chaque partie, ou expliquez l'écart en remarque",
            )
        return
    part = parts[0]
    if reading.ambiguity is not None:
        if montant not in reading.ambiguity.montants:
            yield _mismatch(
                f"le texte « {cout.texte} » se lit"
                f" {' ou '.join(reading.ambiguity.lectures)}, le montant est"
                f" {amount(montant)}",
                "alignez le montant sur l'une des lectures du texte",
            )
    elif part.fourchette is not None:
        low, high = part.fourchette
        if not low <= montant <= high:
            yield _mismatch(
                f"le montant {amount(montant)} sort de la fourchette du texte"
                f" « {cout.texte} » ({amount(low)} à {amount(high)})",
                "choisissez un montant dans la fourchette adoptée",
            )
    elif part.montant != montant:
        yield _mismatch(
            f"le texte « {cout.texte} » dit {amount(part.montant)}, le montant est"
            f" {amount(montant)}",
            "alignez le montant sur le texte, ou expliquez l'écart en remarque",
        )


def _mismatch(message: str, suggestion: str) -> CostIssue:
    return CostIssue("ESS307", "montant", message, suggestion)


def _ranges(cout, reading: CostReading):
    """ESS308 : une fourchette, comptée à sa borne haute tant que `montant` ne dit rien."""
    for part in reading.parts:
        if part.fourchette is None:
            continue
        low, high = part.fourchette
        if cout.montant is None:
            yield CostIssue(
                "ESS308",
                "texte",
                f"fourchette « {part.texte} » : comptée à sa borne haute, {amount(high)}",
                f"écrivez le montant retenu en cout.montant (entre {number(low)}"
                f" et {number(high)})",
                mark=f"fourchette de {amount(low)} à {amount(high)} : comptée à sa borne haute",
            )


def _ambiguities(cout, reading: CostReading):
    """ESS309 : un texte qui se lit de deux façons (« 15,000 € », « 5 000 + 2 000 €/an »)."""
    ambiguity = reading.ambiguity
    if ambiguity is None or ambiguity.raison == "groupes":  # les groupes relèvent d'ESS302
        return
    readings = " ou ".join(ambiguity.lectures)
    if cout.montant is None:
        choices = " ou ".join(_plain(m) for m in ambiguity.montants)
        yield CostIssue(
            "ESS309",
            "texte",
            f"« {cout.texte} » se lit {readings} : montant à préciser, il n'est pas compté",
            f"écrivez le montant voulu en cout.montant ({choices})"
            if choices
            else "écrivez chaque partie avec sa devise et sa périodicité, ou le montant en"
            " cout.montant",
        )
    elif cout.montant in ambiguity.montants or not ambiguity.montants:
        yield CostIssue(
            "ESS309",
            None,
            None,
            mark=f"« {cout.texte} » se lit {readings} : montant précisé par cout.montant",
        )


def _plain(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def _parts_text(parts: tuple[CostPart, ...]) -> str:
    words = {"ponctuel": "une fois", "annuel": "par an", "mensuel": "par mois", None: ""}
    return " + ".join(f"{amount(p.montant)} {words[p.periodicite]}".strip() for p in parts)


def marks(cout) -> tuple[tuple[str, str], ...]:
    """(code, note) de chaque constat qui change le sens du chiffre compté."""
    return tuple((issue.code, issue.mark) for issue in cost_issues(cout) if issue.mark)
