"""Les nombres d'un texte de coût et les montants écrits en nombres : la borne de tout montant
(`exceeds_bound`, `bound_message`, `may_exceed_bound`), un montant YAML vérifié
(`check_amount`), les nombres d'un texte avec ce qu'ils ont de douteux (`find_numbers` :
« 64 0000 », « 15,000 »), les lectures d'un nombre mal groupé, et les montants d'un `detail`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_AMOUNT = Decimal("1000000000000")  # mille milliards d'euros : au-delà, une faute de frappe


def exceeds_bound(*amounts: Decimal) -> bool:
    """Vrai si un montant dépasse mille milliards d'euros : la seule comparaison à la borne, pour
    `montant`, l'enveloppe et tout montant lu ou calculé dans un texte. Borner chaque montant
    garde aussi les totaux du budget loin de la précision des décimaux (28 chiffres)."""
    return any(amount > MAX_AMOUNT for amount in amounts)


def bound_message(written: object) -> str:
    return f"montant invraisemblable « {written} » : plus de mille milliards d'euros"


# Un multiple (« k€ », « M€ ») multiplie le nombre qui le précède.
_MULTIPLIER = re.compile(r"\d\s*[kKM]\s*(?:€|euro)")


def may_exceed_bound(text: str) -> bool:
    """Faux si aucun montant lu dans `text` ne peut dépasser la borne : la validation ne lit que
    les textes qui le peuvent.

    Un nombre de d chiffres vaut moins de 10^d ; un produit ou une somme de tels nombres, moins
    de 10^(somme de leurs chiffres) ; les lectures d'un nombre mal groupé qui ajouteraient des
    chiffres sont écartées (`odd_candidates`). Sans multiple, il faut donc au moins treize
    chiffres (`str.isdecimal` : les chiffres que `\\d` et `Decimal` lisent) pour dépasser
    10^12."""
    return sum(map(str.isdecimal, text)) > 12 or _MULTIPLIER.search(text) is not None


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
    if exceeds_bound(amount):
        raise ValueError(bound_message(value))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"un montant s'exprime au centime près, pas « {value} »")
    return amount


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


def odd_candidates(written: str) -> list[Decimal]:
    """« 64 0000 » → [64 000, 640 000] : groupes ramenés à trois chiffres, lecture littérale, et
    pour « 15.5 » la lecture décimale à l'anglaise (15,5).

    Le regroupement complète les groupes courts par des zéros (« 1 2 3 4 5 » → 1 200 300 400
    500) : une lecture au-delà de la borne n'en est pas une, elle est écartée ; la lecture
    littérale a les chiffres du texte."""
    digits = [d for d in re.split(r"\D+", written) if d]
    regrouped = Decimal(digits[0] + "".join(g[:3].ljust(3, "0") for g in digits[1:]))
    candidates = {regrouped, Decimal("".join(digits))}
    if len(digits) == 2 and "." in written and len(digits[1]) <= 2:
        candidates.add(Decimal(f"{digits[0]}.{digits[1]}"))
    return sorted(c for c in candidates if not exceeds_bound(c))


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
    return DetailReading(tuple(token.value for token in _detail_tokens(text)))


def detail_problem(text: str) -> str | None:
    """Le message d'un `detail` dont un montant dépasse la borne (None : aucun)."""
    if not may_exceed_bound(text):
        return None
    too_big = next((t for t in _detail_tokens(text) if exceeds_bound(t.value)), None)
    return bound_message(too_big.text.strip()) if too_big else None


def _detail_tokens(text: str) -> Iterator[NumberToken]:
    for match in _DETAIL_AMOUNT.finditer(text):
        numbers = find_numbers(match[1].strip())
        if numbers:
            yield numbers[0]
