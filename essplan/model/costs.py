"""Les coûts écrits en mots, comme les sources les écrivent (FORMAT.md, « Costs » et « More
costs »).

`Néant`, `5 000 euros/an`, `35 000 / an (5000 X 7)`, `12,5 k€`, `1 500 € par mois`,
`3 x 5 000 €`, `5 000 € + 2 000 €/an`, `15 000 à 20 000 €`, `15,000 €`, `-500 €`… Une lecture
garde le texte d'origine et dit ce qu'on en comprend : une ou plusieurs parties (montant et
périodicité), et ce que le texte laisse ouvert (`ambiguity`), que le budget ne compte jamais
tant que `cout.montant` ne l'a pas tranché. `read_cost_text` ne lève jamais d'exception : un
texte impossible (un montant négatif, invraisemblable) est dit dans `invalid`, que le modèle
refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from ..french import amount
from .amounts import NumberToken, bound_message, exceeds_bound, find_numbers, odd_candidates

Periodicity = Literal["ponctuel", "annuel", "mensuel"]


@dataclass(frozen=True, slots=True)
class CostPart:
    """Une partie d'un coût : un montant et sa périodicité.

    `periodicite` None : un montant nul sans périodicité dite (« Néant ») ; il compte 0 chaque
    année où l'action court.
    """

    texte: str
    montant: Decimal
    periodicite: Periodicity | None
    fourchette: tuple[Decimal, Decimal] | None = None  # (basse, haute) ; `montant` est la haute
    produit: tuple[Decimal, Decimal] | None = None  # (5000, 7) pour « (5000 X 7) », « 3 x 5 000 »
    annonce: Decimal | None = None  # le total écrit à côté d'un produit

    @property
    def product_mismatch(self) -> bool:
        if self.produit is None or self.annonce is None:
            return False
        return self.produit[0] * self.produit[1] != self.annonce


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """Ce qu'un texte laisse ouvert : ses lectures possibles, en français et en nombres."""

    raison: str  # « séparateur » (15,000), « groupes » (64 0000), « parties » (5 000 + 2 000 €/an),
    # « montants » (5 000 € ou 6 000 €)
    lectures: tuple[str, ...]  # « 15 € », « 15 000 € »
    montants: tuple[Decimal, ...] = ()  # les montants possibles, pour comparer à `montant`


@dataclass(frozen=True, slots=True)
class CostReading:
    """Ce qu'un texte de coût dit : ses parties, ce qu'il laisse ouvert, ses anomalies."""

    texte: str
    parts: tuple[CostPart, ...] = ()
    ambiguity: Ambiguity | None = None
    odd_grouping: str | None = None  # le nombre aux groupes suspects, tel qu'écrit
    currency_without_number: bool = False
    taxe: str | None = None  # « HT » ou « TTC », gardé pour information
    invalid: str | None = None  # un texte que le format refuse (montant négatif…)
    remainder: str = ""  # le texte qui suit un coût inconnu (« participation SCIC… »)

    @property
    def known(self) -> bool:
        """Un montant certain : des parties, rien d'ambigu, rien d'impossible."""
        return bool(self.parts) and self.ambiguity is None and self.invalid is None

    @property
    def montant(self) -> Decimal | None:
        """Le montant d'un coût d'une seule partie (None sinon, ou s'il n'est pas certain)."""
        return self.parts[0].montant if self.known and len(self.parts) == 1 else None

    @property
    def periodicite(self) -> Periodicity | None:
        """La périodicité commune à toutes les parties (None : nulle, ou des périodicités
        différentes)."""
        kinds = {part.periodicite for part in self.parts}
        return kinds.pop() if len(kinds) == 1 else None

    @property
    def periodic(self) -> bool:
        """Une partie au moins compte chaque année (annuelle, mensuelle ou nulle)."""
        return any(part.periodicite != "ponctuel" for part in self.parts)

    @property
    def product(self) -> tuple[Decimal, Decimal] | None:
        return next((part.produit for part in self.parts if part.produit), None)

    @property
    def product_mismatch(self) -> bool:
        return any(part.product_mismatch for part in self.parts)


_CURRENCY = re.compile(r"€|\beuros?\b|\bEUR\b", re.IGNORECASE)
_YEARLY = re.compile(
    r"/\s*an(?:n[ée]e)?\b|\bpar\s+an(?:n[ée]e)?\b|\bannuel(?:le)?s?\b"
    r"|\bchaque\s+ann[ée]e\b",
    re.IGNORECASE,
)
_MONTHLY = re.compile(
    r"/\s*mois\b|\bpar\s+mois\b|\bmensuel(?:le)?s?\b|\bchaque\s+mois\b", re.IGNORECASE
)
_TAXES = re.compile(r"(?<!\w)(H\.?T\.?|T\.?T\.?C\.?)(?!\w)", re.IGNORECASE)
_PAREN_PRODUCT = re.compile(r"\(\s*([^()]*?)\s*[xX×*]\s*([^()]*?)\s*\)")
_ZERO_WORDS = re.compile(r"(néant|neant|aucun|aucune|0)\s*[.!]?", re.IGNORECASE)
_RANGE_BETWEEN = re.compile(r"^\s*(?:€|euros?|k€|M€)?\s*(?:à|a|-|–|—)\s*$", re.IGNORECASE)
_RANGE_ET = re.compile(r"^\s*(?:€|euros?|k€|M€)?\s*et\s*$", re.IGNORECASE)
_TIMES = re.compile(r"^\s*[xX×*]\s*$")
_STATED = re.compile(r"^\s*(?:€|euros?)?\s*(?:=|soit)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(r"(?:^|[\s:(])(-|−\s?)$")


@lru_cache(maxsize=4096)  # une lecture est immuable ; le modèle la demande deux fois par coût
def read_cost_text(text: str) -> CostReading:
    """Lit un coût écrit en mots : « Néant », « 5 000 euros/an », « ??? », « 12,5 k€ »…"""
    stripped = text.strip()
    if not stripped or stripped.startswith("?"):
        return CostReading(text, remainder=stripped.lstrip("?").strip())
    if _ZERO_WORDS.fullmatch(stripped):
        return CostReading(text, parts=(CostPart(stripped, Decimal(0), None),))
    taxes = _TAXES.search(stripped)
    taxe = taxes[1].replace(".", "").upper() if taxes else None
    pieces = _split_parts(stripped)
    readings = [_read_part(piece) for piece in pieces]
    parts = tuple(part for part, _ in readings if part is not None)
    problems = [problem for _, problem in readings if problem is not None]
    invalid = next((p.invalid for p in problems if p.invalid), None)
    if not parts and invalid is None:
        return CostReading(
            text,
            currency_without_number=bool(_CURRENCY.search(stripped)),
            taxe=taxe,
            remainder=stripped,
        )
    ambiguity = next((p.ambiguity for p in problems if p.ambiguity), None)
    odd = next((p.odd for p in problems if p.odd), None)
    if ambiguity is None and len(parts) > 1:
        ambiguity = _bare_parts(parts)
    if invalid is None and exceeds_bound(sum((part.montant for part in parts), Decimal(0))):
        invalid = bound_message(stripped)  # des parties dont la somme dépasse la borne
    return CostReading(text, parts, ambiguity, odd, taxe=taxe, invalid=invalid)


@dataclass(frozen=True, slots=True)
class _Problem:
    ambiguity: Ambiguity | None = None
    odd: str | None = None
    invalid: str | None = None


def _split_parts(text: str) -> list[str]:
    """« 5 000 € + 2 000 €/an » → deux parties ; un « + » entre parenthèses ne coupe pas."""
    cuts, depth = [-1], 0
    for position, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == "+" and depth == 0:
            cuts.append(position)
    cuts.append(len(text))
    pieces = (text[start + 1 : end].strip() for start, end in zip(cuts, cuts[1:], strict=False))
    return [piece for piece in pieces if piece]


def _read_part(text: str) -> tuple[CostPart | None, _Problem | None]:
    periodicity = _periodicity(text)
    stated_product = _PAREN_PRODUCT.search(text)
    searchable = text[: stated_product.start()] if stated_product else text
    numbers = find_numbers(searchable)
    if not numbers:
        return None, None
    first = numbers[0]
    if _NEGATIVE.search(text[: first.start]):
        return None, _Problem(invalid=f"un montant ne peut pas être négatif (« {text} »)")
    part, used, ambiguity = _shape(text, numbers, periodicity)
    if stated_product is not None and part.produit is None:
        part = _with_product(part, stated_product)
    problem = _Problem(ambiguity=ambiguity) if ambiguity else _doubtful(text, used)
    too_big = next((n for n in used if exceeds_bound(n.value)), None)
    if too_big is not None:
        problem = _Problem(invalid=bound_message(too_big.text.strip()))
    elif exceeds_bound(*_amounts(part, problem)):
        problem = _Problem(invalid=bound_message(text))  # un produit, une lecture possible
    return part, problem


def _amounts(part: CostPart, problem: _Problem | None) -> tuple[Decimal, ...]:
    """Tous les montants qu'une partie dit ou fait calculer : le sien, les facteurs, le total
    écrit et le résultat d'un produit, les bornes d'une fourchette, les lectures d'un texte
    ambigu."""
    return (
        part.montant,
        *((*part.produit, part.produit[0] * part.produit[1]) if part.produit else ()),
        *(part.fourchette or ()),
        *((part.annonce,) if part.annonce is not None else ()),
        *(problem.ambiguity.montants if problem and problem.ambiguity else ()),
    )


def _periodicity(text: str) -> Periodicity | None:
    yearly, monthly = _YEARLY.search(text), _MONTHLY.search(text)
    if yearly and (not monthly or yearly.start() < monthly.start()):
        return "annuel"
    return "mensuel" if monthly else None


def _shape(
    text: str, numbers: list[NumberToken], periodicity: Periodicity | None
) -> tuple[CostPart, list[NumberToken], Ambiguity | None]:
    """La forme d'une partie : une fourchette, un produit, ou un montant (et ce qu'elle a
    d'ambigu)."""
    for first, second, following in zip(numbers, numbers[1:], [*numbers[2:], None], strict=False):
        between = text[first.end : second.start]
        if _RANGE_BETWEEN.match(between) or (
            _RANGE_ET.match(between) and _word_before(text, first.start) == "entre"
        ):
            low, high = sorted((first.value, second.value))
            return (
                CostPart(text, high, periodicity or "ponctuel", fourchette=(low, high)),
                [first, second],
                None,
            )
        if _TIMES.match(between):
            stated = (
                following.value
                if following and _STATED.match(text[second.end : following.start])
                else None
            )
            # Le total écrit compte (« 3 x 5 000 € = 16 000 € » : 16 000 €, et ESS303 signale le
            # calcul faux), comme dans « 35 000 / an (5000 X 7) » ; sans total écrit, le produit.
            counted = stated if stated is not None else first.value * second.value
            used = [first, second, *([following] if following and stated is not None else [])]
            return (
                CostPart(
                    text,
                    counted,
                    periodicity or "ponctuel",
                    produit=(first.value, second.value),
                    annonce=stated,
                ),
                used,
                None,
            )
    amount, ambiguity = _the_amount(text, numbers)
    kind = periodicity or ("ponctuel" if amount.value else None)
    return CostPart(text, amount.value, kind), [amount], ambiguity


def _word_before(text: str, position: int) -> str:
    """Les cinq lettres qui précèdent `position`, espaces sautés, en minuscules : sans recopier
    le début du texte pour chaque nombre (un texte de n nombres resterait en n²)."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[max(0, end - 5) : end].lower()


_CURRENCY_AFTER = re.compile(r"\s*(?:€|euros?\b|EUR\b)", re.IGNORECASE)


def _the_amount(text: str, numbers: list[NumberToken]) -> tuple[NumberToken, Ambiguity | None]:
    """Le nombre qui est le montant : celui que la devise suit ou précède (« 2024 : 5 000 € »
    : 5 000), hors parenthèses s'il y en a un dehors (« 5 000 € (dont 2 000 € de la Région) ») ;
    sans devise, le premier. Deux montants (« 5 000 € ou 6 000 € », « 5 000 € et 5 000 € ») :
    ambigu, l'un ou l'autre, ou leur somme."""
    inside = _in_parentheses(text, numbers)
    outside = [n for n, hidden in zip(numbers, inside, strict=True) if not hidden] or numbers
    priced = [
        n
        for n in outside
        if _CURRENCY_AFTER.match(text, n.end) or _word_before(text, n.start).endswith("€")
    ]
    if len(priced) > 1:
        total = sum((n.value for n in priced), Decimal(0))
        values = tuple(dict.fromkeys([*(n.value for n in priced), total]))
        return priced[0], Ambiguity("montants", tuple(_euros(v) for v in values), values)
    return (priced or outside)[0], None


def _in_parentheses(text: str, numbers: list[NumberToken]) -> list[bool]:
    """Pour chaque nombre (dans l'ordre du texte), s'il est entre parenthèses : plus de « ( »
    que de « ) » avant lui. Un seul passage sur le texte, quel que soit le nombre de nombres."""
    inside, depth, position = [], 0, 0
    for token in numbers:
        depth += text.count("(", position, token.start) - text.count(")", position, token.start)
        position = token.start
        inside.append(depth > 0)
    return inside


def _with_product(part: CostPart, match: re.Match) -> CostPart:
    """« 35 000 / an (5000 X 7) » : le produit entre parenthèses doit donner le montant."""
    left, right = find_numbers(match[1]), find_numbers(match[2])
    if not left or not right:
        return part
    return CostPart(
        part.texte,
        part.montant,
        part.periodicite,
        part.fourchette,
        (left[0].value, right[0].value),
        part.montant,
    )


def _doubtful(text: str, used: list[NumberToken]) -> _Problem | None:
    for token in used:
        if token.readings:
            return _Problem(
                ambiguity=Ambiguity(
                    "séparateur", tuple(_euros(r) for r in token.readings), token.readings
                )
            )
        if token.odd_grouping:
            candidates = tuple(odd_candidates(token.text))
            return _Problem(
                ambiguity=Ambiguity("groupes", tuple(_euros(c) for c in candidates), candidates),
                odd=token.text.strip(),
            )
    return None


def _bare_parts(parts: tuple[CostPart, ...]) -> Ambiguity | None:
    """« 5 000 + 2 000 €/an » : une partie sans devise ni périodicité, à côté d'une partie
    périodique, se lit de deux façons (une fois 5 000 €, ou 7 000 € par an)."""
    bare = [p for p in parts if p.periodicite == "ponctuel" and not _CURRENCY.search(p.texte)]
    periodic = [p for p in parts if p.periodicite in ("annuel", "mensuel")]
    if not bare or not periodic:
        return None
    total = sum((p.montant for p in parts), Decimal(0))
    per = "par an" if periodic[0].periodicite == "annuel" else "par mois"
    once = " et ".join(f"{_euros(p.montant)} une fois" for p in bare)
    return Ambiguity(
        "parties", (f"{once}, plus {_euros(periodic[0].montant)} {per}", f"{_euros(total)} {per}")
    )


def _euros(value: Decimal) -> str:
    # Au-delà de la borne, la lecture est invalide (`_read_part`) et ce texte n'est jamais
    # montré ; babel ne saurait pas l'arrondir (plus de 28 chiffres : InvalidOperation).
    return amount(value) if not exceeds_bound(value) else f"{value} €"
