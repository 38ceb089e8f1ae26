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
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from ..french import amount

Periodicity = Literal["ponctuel", "annuel", "mensuel"]
MAX_AMOUNT = Decimal("1000000000000")  # mille milliards d'euros : au-delà, une faute de frappe


def check_amount(value: object) -> Decimal:
    """Un montant écrit comme un nombre YAML : positif, fini, au centime près."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValueError(f"un montant est un nombre d'euros (par exemple 5000), pas « {value} »")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"montant illisible « {value} »") from None
    if not amount.is_finite():
        raise ValueError(f"montant impossible « {value} »")
    if amount < 0:
        raise ValueError(f"un montant ne peut pas être négatif (« {value} »)")
    if amount > MAX_AMOUNT:
        raise ValueError(f"montant invraisemblable « {value} » : plus de mille milliards d'euros")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"un montant s'exprime au centime près, pas « {value} »")
    return amount


# ------------------------------------------------------------------------------ nombres

_GROUP = r"[ \u00a0\u202f.]"
_NUMBER = re.compile(
    rf"(?<![\w,.])(\d+(?:{_GROUP}\d+)*)((?:,\d+)*)(?:\s*([kKM])\s*(?=€|euros?\b))?"
)


@dataclass(frozen=True, slots=True)
class NumberToken:
    """Un nombre trouvé dans un texte, avec sa place et ce qu'il a de douteux.

    `readings` : les valeurs possibles quand l'écriture en admet plusieurs (« 15,000 » : 15 ou
    15 000) ; vide quand elle n'en admet qu'une (`value`).
    """

    value: Decimal
    start: int
    end: int
    text: str
    odd_grouping: bool  # « 64 0000 », « 15 00 » : des groupes qui ne sont pas des milliers
    readings: tuple[Decimal, ...] = ()


def find_numbers(text: str) -> list[NumberToken]:
    return [_token(match) for match in _NUMBER.finditer(text)]


def _token(match: re.Match) -> NumberToken:
    integer, decimals, multiplier = match[1], match[2], match[3]
    groups = re.split(_GROUP, integer)
    odd = len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))
    whole = "".join(groups)
    factor = {"k": 1000, "K": 1000, "M": 1_000_000}.get(multiplier or "", 1)
    commas = decimals.split(",")[1:]
    readings: tuple[Decimal, ...] = ()
    if not commas:
        value = Decimal(whole)
    elif len(commas) == 1 and (len(commas[0]) != 3 or len(groups) > 1 or len(whole) > 3):
        value = Decimal(f"{whole}.{commas[0]}")  # la virgule décimale française
    else:
        # « 15,000 » : une virgule décimale (15) ou un séparateur de milliers à l'anglaise
        # (15 000) ; « 1,500,000 » : des milliers à l'anglaise, que le format n'admet pas.
        english = Decimal(whole + "".join(commas))
        english_ok = all(len(c) == 3 for c in commas) and len(whole) <= 3
        value = english
        candidates = [Decimal(f"{whole}.{commas[0]}")] if len(commas) == 1 else []
        readings = tuple(c * factor for c in [*candidates, *([english] if english_ok else [])])
        odd = odd or not english_ok
    return NumberToken(value * factor, match.start(), match.end(), match[0], odd, readings)


# ------------------------------------------------------------------------------- coûts


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
_YEARLY = re.compile(r"/\s*an(?:n[ée]e)?\b|\bpar\s+an(?:n[ée]e)?\b|\bannuel(?:le)?s?\b"
                     r"|\bchaque\s+ann[ée]e\b", re.IGNORECASE)
_MONTHLY = re.compile(r"/\s*mois\b|\bpar\s+mois\b|\bmensuel(?:le)?s?\b|\bchaque\s+mois\b",
                      re.IGNORECASE)
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
        return CostReading(text, currency_without_number=bool(_CURRENCY.search(stripped)),
                           taxe=taxe, remainder=stripped)
    ambiguity = next((p.ambiguity for p in problems if p.ambiguity), None)
    odd = next((p.odd for p in problems if p.odd), None)
    if ambiguity is None and len(parts) > 1:
        ambiguity = _bare_parts(parts)
    return CostReading(text, parts, ambiguity, odd, taxe=taxe, invalid=invalid)


@dataclass(frozen=True, slots=True)
class _Problem:
    ambiguity: Ambiguity | None = None
    odd: str | None = None
    invalid: str | None = None


def _split_parts(text: str) -> list[str]:
    """« 5 000 € + 2 000 €/an » → deux parties ; un « + » entre parenthèses ne coupe pas."""
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "+" and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    return [piece.strip() for piece in [*pieces, current] if piece.strip()]


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
    too_big = next((n for n in used if n.value > MAX_AMOUNT), None)
    if too_big is not None:
        problem = _Problem(invalid=f"montant invraisemblable « {too_big.text.strip()} » : plus de"
                                   " mille milliards d'euros")
    return part, problem


def _periodicity(text: str) -> Periodicity | None:
    yearly, monthly = _YEARLY.search(text), _MONTHLY.search(text)
    if yearly and (not monthly or yearly.start() < monthly.start()):
        return "annuel"
    return "mensuel" if monthly else None


def _shape(text: str, numbers: list[NumberToken], periodicity: Periodicity | None
           ) -> tuple[CostPart, list[NumberToken], Ambiguity | None]:
    """La forme d'une partie : une fourchette, un produit, ou un montant (et ce qu'elle a
    d'ambigu)."""
    for first, second, following in zip(numbers, numbers[1:], [*numbers[2:], None]):
        between = text[first.end:second.start]
        before = text[:first.start].strip().lower()
        if _RANGE_BETWEEN.match(between) or (_RANGE_ET.match(between) and before.endswith("entre")):
            low, high = sorted((first.value, second.value))
            return (CostPart(text, high, periodicity or "ponctuel", fourchette=(low, high)),
                    [first, second], None)
        if _TIMES.match(between):
            stated = following.value if following and _STATED.match(
                text[second.end:following.start]) else None
            # Le total écrit compte (« 3 x 5 000 € = 16 000 € » : 16 000 €, et ESS303 signale le
            # calcul faux), comme dans « 35 000 / an (5000 X 7) » ; sans total écrit, le produit.
            counted = stated if stated is not None else first.value * second.value
            used = [first, second, *([following] if stated is not None else [])]
            return (CostPart(text, counted, periodicity or "ponctuel",
                             produit=(first.value, second.value), annonce=stated), used, None)
    amount, ambiguity = _the_amount(text, numbers)
    kind = periodicity or ("ponctuel" if amount.value else None)
    return CostPart(text, amount.value, kind), [amount], ambiguity


_CURRENCY_AFTER = re.compile(r"\s*(?:€|euros?\b|EUR\b)", re.IGNORECASE)


def _the_amount(text: str, numbers: list[NumberToken]) -> tuple[NumberToken, Ambiguity | None]:
    """Le nombre qui est le montant : celui que la devise suit ou précède (« 2024 : 5 000 € »
    : 5 000), hors parenthèses s'il y en a un dehors (« 5 000 € (dont 2 000 € de la Région) ») ;
    sans devise, le premier. Deux montants (« 5 000 € ou 6 000 € », « 5 000 € et 5 000 € ») :
    ambigu, l'un ou l'autre, ou leur somme."""
    outside = [n for n in numbers if not _in_parentheses(text, n.start)] or numbers
    priced = [n for n in outside
              if _CURRENCY_AFTER.match(text, n.end) or text[:n.start].rstrip().endswith("€")]
    if len(priced) > 1:
        total = sum((n.value for n in priced), Decimal(0))
        values = tuple(dict.fromkeys([*(n.value for n in priced), total]))
        return priced[0], Ambiguity("montants", tuple(_euros(v) for v in values), values)
    return (priced or outside)[0], None


def _in_parentheses(text: str, position: int) -> bool:
    return text.count("(", 0, position) > text.count(")", 0, position)


def _with_product(part: CostPart, match: re.Match) -> CostPart:
    """« 35 000 / an (5000 X 7) » : le produit entre parenthèses doit donner le montant."""
    left, right = find_numbers(match[1]), find_numbers(match[2])
    if not left or not right:
        return part
    return CostPart(part.texte, part.montant, part.periodicite, part.fourchette,
                    (left[0].value, right[0].value), part.montant)


def _doubtful(text: str, used: list[NumberToken]) -> _Problem | None:
    for token in used:
        if token.readings:
            return _Problem(ambiguity=Ambiguity("séparateur", tuple(_euros(r) for r in token.readings),
                                                token.readings))
        if token.odd_grouping:
            candidates = tuple(odd_candidates(token.text))
            return _Problem(ambiguity=Ambiguity("groupes", tuple(_euros(c) for c in candidates),
                                                candidates), odd=token.text.strip())
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
    return Ambiguity("parties", (f"{once}, plus {_euros(periodic[0].montant)} {per}",
                                 f"{_euros(total)} {per}"))


def _euros(value: Decimal) -> str:
    return amount(value)


def odd_candidates(written: str) -> list[Decimal]:
    """« 64 0000 » → [64 000, 640 000] : groupes ramenés à trois chiffres, lecture littérale, et
    pour « 15.5 » la lecture décimale à l'anglaise (15,5)."""
    digits = [d for d in re.split(r"\D+", written) if d]
    regrouped = Decimal(digits[0] + "".join(g[:3].ljust(3, "0") for g in digits[1:]))
    candidates = {regrouped, Decimal("".join(digits))}
    if len(digits) == 2 and "." in written and len(digits[1]) <= 2:
        candidates.add(Decimal(f"{digits[0]}.{digits[1]}"))
    return sorted(candidates)


# ------------------------------------------------------------------------------ détail


@dataclass(frozen=True, slots=True)
class DetailReading:
    """Les montants d'un `detail` : les nombres qui suivent « = » ou « : »."""

    amounts: tuple[Decimal, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))


_DETAIL_AMOUNT = re.compile(r"[=:]\s*(\d[\d \u00a0\u202f.]*(?:,\d+)?)")


def read_detail(text: str) -> DetailReading:
    """« 1/2 administratif = 15 000 / AMO = 15 000 - Doctorant : 19 000 » → 15000, 15000, 19000.

    Seuls les nombres placés après « = » ou « : » comptent : « 1/2 » désigne une quotité, pas
    un montant.
    """
    amounts = []
    for match in _DETAIL_AMOUNT.finditer(text):
        numbers = find_numbers(match[1].strip())
        if numbers:
            amounts.append(numbers[0].value)
    return DetailReading(tuple(amounts))
