"""Les valeurs du format qui s'écrivent en mots : les mois et les coûts.

Les sources écrivent « Octobre 2016 », « ????? », « 35 000 / an (5000 X 7) » ou « 64 0000
euros/an ». Ce module les lit sans rien perdre : chaque valeur garde son texte d'origine, ce
qu'on a pu en comprendre (mois, montant, périodicité) et les anomalies repérées en la lisant
(groupes de chiffres suspects, produit faux) que le linter signale ensuite.

Aucune dépendance à pydantic ici : ces fonctions servent aussi au linter, au budget et à
l'import. Elles lèvent `ValueError` avec un message en français pour une valeur impossible.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# ---------------------------------------------------------------------------------------------
# Mois

MONTH_NAMES = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
MONTH_LABELS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)

_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=\s|$|\()")
_WORD_MONTH = re.compile(r"([^\W\d_]+)\s+(\d{4})(?=\s|$|\(|[.,;])")
_UNKNOWN = re.compile(r"\?*")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Month:
    """Un mois du format, ou un mois inconnu (`annee` et `mois` à None)."""

    texte: str
    annee: int | None = None
    mois: int | None = None
    remarque: str = ""

    @property
    def known(self) -> bool:
        return self.annee is not None

    @property
    def index(self) -> int:
        """Nombre de mois depuis l'an 0 : la différence de deux index compte les mois."""
        if self.annee is None or self.mois is None:
            raise ValueError("mois inconnu")
        return self.annee * 12 + self.mois - 1

    @property
    def iso(self) -> str | None:
        return f"{self.annee:04d}-{self.mois:02d}" if self.known else None

    def __str__(self) -> str:
        return self.texte


def parse_month(value: object) -> Month:
    """Lit un mois : `2016-10`, `2016-10-14`, une date YAML, `Octobre 2016 (Edition N°1)`.

    Inconnu : `?????`, `?`, une chaîne vide ou `null`. Tout le reste lève `ValueError`.
    """
    if value is None:
        return Month(texte="")
    if isinstance(value, _dt.datetime):
        return Month(texte=value.date().isoformat(), annee=value.year, mois=value.month)
    if isinstance(value, _dt.date):
        return Month(texte=value.isoformat(), annee=value.year, mois=value.month)
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, int):
            raise ValueError(
                f"« {value} » n'est pas un mois : précisez le mois, par exemple « {value}-01 »"
                f" ou « janvier {value} »"
            )
        raise ValueError(f"un mois s'écrit « 2016-10 » ou « octobre 2016 », pas « {value!r} »")
    text = value.strip()
    if _UNKNOWN.fullmatch(text):
        return Month(texte=value)
    iso = _ISO_MONTH.match(text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), iso[3]
        _check_month(value, month)
        if day is not None:
            try:
                _dt.date(year, month, int(day))
            except ValueError:
                raise ValueError(f"date impossible : « {value} »") from None
        return Month(value, year, month, text[iso.end():].strip())
    words = _WORD_MONTH.match(text)
    if words:
        month = MONTH_NAMES.get(strip_accents(words[1]).lower())
        if month is None:
            raise ValueError(
                f"« {words[1]} » n'est pas un nom de mois : écrivez par exemple"
                f" « octobre {words[2]} » ou « {words[2]}-10 »"
            )
        return Month(value, int(words[2]), month, text[words.end():].strip())
    raise ValueError(
        f"mois illisible « {value} » : écrivez « 2016-10 », « octobre 2016 », ou « ? » s'il"
        " est inconnu"
    )


def _check_month(value: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"mois impossible « {value} » : le mois va de 01 à 12")


# ---------------------------------------------------------------------------------------------
# Montants

MAX_AMOUNT = Decimal("1000000000000")  # mille milliards d'euros : au-delà, une faute de frappe

# Séparateurs de milliers admis : espace, espace insécable, espace fine insécable, point.
_GROUP_SEPARATORS = " \u00a0\u202f."
_NUMBER = re.compile(
    r"(?<![\w,])(\d+(?:[ \u00a0\u202f.]\d+)*)(?:,(\d+))?(?:\s*([kKM])\s*(?:€|euros?\b))?"
)
_CURRENCY = re.compile(r"€|\beuros?\b", re.IGNORECASE)
_YEARLY = re.compile(r"/\s*an\b|\bpar\s+an\b|\bannuel(?:le)?s?\b", re.IGNORECASE)
_PRODUCT = re.compile(r"\(\s*(\d[\d \u00a0\u202f.]*)\s*[xX×*]\s*(\d[\d \u00a0\u202f.]*)\s*\)")
_ZERO_WORDS = re.compile(r"(néant|neant|aucun|aucune|0)\s*[.!]?", re.IGNORECASE)


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


@dataclass(frozen=True, slots=True)
class NumberToken:
    """Un nombre trouvé dans un texte, avec sa place et ce qu'il a de douteux."""

    value: Decimal
    start: int
    end: int
    text: str
    odd_grouping: bool  # « 64 0000 », « 15 00 » : des groupes qui ne sont pas des milliers


def find_numbers(text: str) -> list[NumberToken]:
    tokens = []
    for match in _NUMBER.finditer(text):
        integer, decimals, multiplier = match[1], match[2], match[3]
        groups = re.split(r"[ \u00a0\u202f.]", integer)
        odd = len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))
        digits = "".join(groups) + (f".{decimals}" if decimals else "")
        value = Decimal(digits)
        if multiplier:
            value *= 1000 if multiplier.lower() == "k" else 1_000_000
        tokens.append(NumberToken(value, match.start(), match.end(), match[0], odd))
    return tokens


# ---------------------------------------------------------------------------------------------
# Coûts


@dataclass(frozen=True, slots=True)
class CostReading:
    """Ce qu'un texte de coût dit : montant (None si inconnu), périodicité, anomalies."""

    texte: str
    montant: Decimal | None = None
    periodicite: str | None = None  # "annuel" | "ponctuel" | None (inconnu ou nul)
    odd_grouping: str | None = None  # le nombre aux groupes suspects, tel qu'écrit
    currency_without_number: bool = False
    product: tuple[Decimal, Decimal] | None = None  # (5000, 7) pour « (5000 X 7) »
    remainder: str = ""  # le texte qui suit un coût inconnu (« participation SCIC… »)

    @property
    def known(self) -> bool:
        return self.montant is not None

    @property
    def product_mismatch(self) -> bool:
        return (
            self.product is not None
            and self.montant is not None
            and self.product[0] * self.product[1] != self.montant
        )


def read_cost_text(text: str) -> CostReading:
    """Lit un coût écrit en mots : « Néant », « 5 000 euros/an », « ??? », « 12,5 k€ »…"""
    stripped = text.strip()
    if not stripped or stripped.startswith("?"):
        return CostReading(text, remainder=stripped.lstrip("?").strip())
    if _ZERO_WORDS.fullmatch(stripped):
        return CostReading(text, montant=Decimal(0))
    product_match = _PRODUCT.search(stripped)
    searchable = stripped[: product_match.start()] if product_match else stripped
    numbers = find_numbers(searchable)
    if not numbers:
        return CostReading(text, currency_without_number=bool(_CURRENCY.search(stripped)),
                           remainder=stripped)
    first = numbers[0]
    product = None
    if product_match:
        left, right = find_numbers(product_match[1]), find_numbers(product_match[2])
        if left and right:
            product = (left[0].value, right[0].value)
    periodicity = "annuel" if _YEARLY.search(stripped) else "ponctuel"
    return CostReading(
        text,
        montant=first.value,
        periodicite=periodicity if first.value else None,
        odd_grouping=first.text.strip() if first.odd_grouping else None,
        product=product,
    )


@dataclass(frozen=True, slots=True)
class DetailReading:
    """Les montants d'un `detail` : les nombres qui suivent « = » ou « : »."""

    amounts: tuple[Decimal, ...] = field(default_factory=tuple)

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
