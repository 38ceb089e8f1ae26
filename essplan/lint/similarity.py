"""Retrouver, parmi des textes déjà vus, ceux qui ressemblent à un texte (`difflib`, ratio au
moins égal à un seuil), sans comparer chaque texte à tous les autres.

Le ratio de difflib vaut 2M / T, où M compte les caractères appariés et T la somme des deux
longueurs. Les appariements de difflib forment une sous-suite commune : M ne dépasse pas la plus
longue, et un ratio d'au moins t demande que les deux textes se déduisent l'un de l'autre par
au plus `edits(T) = T − ⌈t·T⌉` insertions ou suppressions d'un caractère. Un texte indexé est
coupé en `edits + 1` morceaux (la méthode « PassJoin ») : si l'autre texte en est à moins de
`edits` retouches, l'un des morceaux s'y retrouve intact, à un décalage borné. L'index rend
donc tous les textes qui peuvent ressembler (le filtre ne perd rien) ; le vrai ratio se calcule
ensuite sur eux seuls.

Un filtre exact s'ajoute : chaque texte indexé a `EXTRA_PIECES` morceaux de plus que le
minimum, qui doivent se retrouver aussi (`candidates`).

Des bornes tiennent le travail linéaire dans le nombre de textes quoi qu'on lui donne : un
texte de plus de `MAX_LENGTH` caractères n'est pas indexé (ce n'est plus un nom ni un
intitulé) et une recherche ne lit que les `MAX_CANDIDATES` premiers textes de chaque morceau.
Tant qu'aucune n'est atteinte, le résultat est exactement celui de la comparaison de chaque
paire. (`essplan import` s'en sert ; ESS401, qui doit être exact sans borne silencieuse, emploie
l'index des tronçons, `chunks.py`.)

Pour ESS401, des bornes exactes par paire de textes : les lettres et les paires de lettres
voisines communes (`count_bounds`), comptées par un ET de leurs codes unaires (`count_code`,
`shared`), et la plus longue sous-suite commune (`common_subsequence`, `subsequence_allows`),
calculée bit à bit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from fractions import Fraction
from functools import lru_cache

MAX_LENGTH = 120
MAX_CANDIDATES = 64  # textes lus par morceau cherché


def edits(threshold: Fraction, total: int) -> int:
    """Le nombre de retouches que tolère un ratio d'au moins `threshold` pour deux textes de
    `total` caractères à eux deux."""
    return total - _matched(threshold, total)


def _matched(threshold: Fraction, total: int) -> int:
    """Le moins de caractères appariés (2M) qu'il faut à un ratio d'au moins `threshold` :
    ⌈threshold × total⌉, en entiers (le ratio de difflib, 2M / T en flottant, atteint le seuil
    exactement quand la fraction l'atteint)."""
    return -(-threshold.numerator * total // threshold.denominator)


@lru_cache(maxsize=4096)
def _partner_edits(threshold: Fraction, length: int) -> int:
    """Le plus de retouches qu'un texte de `length` caractères peut partager avec un texte qui
    lui ressemble, quelle qu'en soit la longueur : le nombre de morceaux moins un."""
    most, partner = 0, length
    while partner - length <= edits(threshold, length + partner):
        most = max(most, edits(threshold, length + partner))
        partner += 1
    return most


LETTER_SLOT, PAIR_SLOT = 64, 16  # bits par lettre, par paire de lettres voisines (`count_code`)


Code = tuple[int, dict[str, int]]  # (`count_code`)


def count_code(counts: Counter, slots: dict[str, int], width: int) -> Code:
    """Des comptes (lettres ou paires de lettres) en unaire dans un entier : l'élément de place s
    (`slots`, complété au besoin) occupe les bits s·width à s·width + n − 1 s'il paraît n fois
    (`width` fois au plus) ; à côté, les comptes de ceux qui paraissent plus de `width` fois.
    Le nombre de bits à 1 du ET de deux codes est alors la somme, élément par élément, du moins
    des deux comptes, chacun ramené à `width` au plus (`shared` complète)."""
    code, beyond = 0, {}
    for item, count in counts.items():
        if count > width:
            beyond[item] = count
        place = slots.setdefault(item, len(slots))
        code |= ((1 << min(count, width)) - 1) << (place * width)
    return code, beyond


def pairs(text: str) -> Counter:
    """Les paires de caractères voisins de `text`, avec leurs répétitions."""
    return Counter(text[place : place + 2] for place in range(len(text) - 1))


def shared(a: Code, b: Code, width: int) -> int:
    """Les éléments communs à deux textes, comptés avec leurs répétitions, par leurs codes
    (`count_code`, mêmes places et même `width`) : le ET des entiers, plus ce qui dépasse
    `width` pour un élément qui le dépasse dans les deux."""
    common = (a[0] & b[0]).bit_count()
    if a[1] and b[1]:
        mine, more = a[1], b[1]
        common += sum(min(n, more[item]) - width for item, n in mine.items() if item in more)
    return common


def count_bounds(threshold: Fraction, length: int, other: int) -> tuple[int, int]:
    """Le moins de lettres communes, et de paires de lettres voisines communes (comptées avec
    leurs répétitions, `shared`), qu'il faut à deux textes de `length` et `other` caractères
    pour un ratio d'au moins `threshold`.

    difflib n'apparie que des lettres égales : les lettres communes ne sont pas moins que M,
    les caractères appariés d'un texte, et 2M ≥ ⌈threshold · T⌉. Ces M caractères forment une
    sous-suite commune ; une paire voisine du premier texte (n caractères) se retrouve dans le
    second (m caractères) si ses deux caractères sont appariés à deux caractères voisins.
    Chaque caractère non apparié du premier en gâte au plus deux, chaque caractère non apparié
    du second au plus une (celle qui l'entoure) : il en reste au moins
    (n − 1) − 2(n − M) − (m − M), qui croît avec M, et de même en échangeant les deux."""
    least = (_matched(threshold, length + other) + 1) // 2  # M, au moins
    kept = max(
        length - 1 - 2 * (length - least) - (other - least),
        other - 1 - 2 * (other - least) - (length - least),
    )
    return least, kept


EXTRA_PIECES = 2


def _pieces(threshold: Fraction, length: int) -> int:
    """Le nombre de morceaux d'un texte indexé : un de plus que les retouches qu'il peut
    partager avec un texte qui lui ressemble (il en reste alors un intact), et `EXTRA_PIECES`
    de plus, qui doivent se retrouver aussi (un filtre bien plus sélectif : deux noms qui
    partagent un prénom partagent un morceau, rarement trois)."""
    return _partner_edits(threshold, length) + 1 + EXTRA_PIECES


@lru_cache(maxsize=4096)
def _layout(count: int, length: int) -> tuple[tuple[int, int], ...]:
    """(début, longueur) de `count` morceaux d'un texte de `length` caractères, les plus longs à
    la fin (`count` ≤ `length`)."""
    short, extra = divmod(length, count)
    sizes = [short] * (count - extra) + [short + 1] * extra
    starts = [sum(sizes[:index]) for index in range(count)]
    return tuple(zip(starts, sizes, strict=True))


class SimilarTexts:
    """Les textes déjà vus, retrouvés par ressemblance.

    Un texte s'ajoute avec sa longueur `full` (celle que compte le ratio) et ce qui peut le
    distinguer des autres (`rest`) : des textes qui commencent tous par le même mot (les noms
    d'ESS401) n'indexent que ce qui suit ce mot ; un préfixe commun ne change pas le nombre de
    retouches entre deux textes.
    """

    def __init__(self, threshold: Fraction) -> None:
        self.threshold = threshold
        self._pieces: dict[tuple[int, int, str], list[Hashable]] = {}
        self._unsplit: dict[int, list[Hashable]] = {}  # trop courts pour leurs morceaux
        self._full: dict[int, int] = {}  # longueur de `rest` → longueur comptée

    def add(self, rest: str, full: int, value: Hashable) -> None:
        if full > MAX_LENGTH:
            return
        self._full[len(rest)] = full
        count = _pieces(self.threshold, full)
        if len(rest) < count:
            self._unsplit.setdefault(len(rest), []).append(value)
            return
        for index, (start, size) in enumerate(_layout(count, len(rest))):
            key = (len(rest), index, rest[start : start + size])
            self._pieces.setdefault(key, []).append(value)

    def candidates(self, rest: str, full: int) -> dict[Hashable, int]:
        """Les textes qui peuvent ressembler à celui-ci, avec le nombre de leurs morceaux
        retrouvés intacts (une indication de proximité) ; jamais plus de `MAX_CANDIDATES` par
        morceau."""
        found: dict[Hashable, int] = {}
        if full > MAX_LENGTH:
            return found
        for length, other_full in self._full.items():
            budget = edits(self.threshold, full + other_full)
            if abs(full - other_full) > budget:
                continue
            for value in self._unsplit.get(length, ())[:MAX_CANDIDATES]:
                found[value] = 0
            count = _pieces(self.threshold, other_full)
            if length < count:
                continue
            hits: dict[Hashable, set[int]] = {}
            for index, key in self._probes(rest, length, count, budget):
                for value in self._pieces.get(key, ())[:MAX_CANDIDATES]:
                    hits.setdefault(value, set()).add(index)
            # `budget` retouches abîment au plus `budget` morceaux : les autres sont intacts.
            found.update((v, len(h)) for v, h in hits.items() if len(h) >= count - budget)
        return found

    def _probes(self, rest: str, length: int, count: int, budget: int):
        """(rang, clé) des morceaux à chercher dans `rest` pour les textes indexés de cette
        longueur : un morceau intact s'y retrouve décalé de `shift`, les retouches avant lui
        au moins |shift|, après lui au moins |delta − shift|, en tout au plus `budget`."""
        delta = len(rest) - length
        for index, (start, size) in enumerate(_layout(count, length)):
            for shift in range(min(0, delta) - budget, max(0, delta) + budget + 1):
                if abs(shift) + abs(delta - shift) > budget:
                    continue
                if 0 <= start + shift <= len(rest) - size:
                    yield index, (length, index, rest[start + shift : start + shift + size])


def letter_masks(text: str) -> dict[str, int]:
    """Pour chaque lettre de `text`, l'entier dont le bit i vaut 1 si text[i] est cette lettre
    (`common_subsequence`)."""
    masks: dict[str, int] = {}
    for place, letter in enumerate(text):
        masks[letter] = masks.get(letter, 0) | (1 << place)
    return masks


def common_subsequence(text: str, masks: dict[str, int], length: int) -> int:
    """La longueur de la plus longue sous-suite commune à `text` et au texte de `length`
    caractères dont `masks` vient (`letter_masks`), calculée bit à bit : une addition et
    quelques opérations sur des entiers par caractère de `text`, au lieu d'une ligne de la
    table de programmation dynamique (Crochemore, Iliopoulos, Pinzon et Reid, 2001).

    difflib n'apparie que des caractères d'une sous-suite commune : M ne dépasse pas cette
    longueur, et un ratio d'au moins t la demande d'au moins ⌈t·T⌉ / 2."""
    row = (1 << length) - 1
    for letter in text:
        matches = row & masks.get(letter, 0)
        row = (row + matches) | (row - matches)
    return length - (row & ((1 << length) - 1)).bit_count()


STEP = 16  # caractères entre deux regards sur la sous-suite qui reste possible


def subsequence_allows(
    threshold: Fraction,
    text: str,
    masks: dict[str, int],
    length: int,
    ends: tuple[int, int] = (0, 0),
) -> bool:
    """Faux si la plus longue sous-suite commune ne suffit pas au ratio (`common_subsequence`).

    `ends` : les longueurs d'un début et d'une fin communs aux deux textes (`common_ends`),
    qui ne se calculent pas : une plus longue sous-suite commune les contient, et la ligne de
    bits après le début commun a ses bits à 0 (appariés) et les autres à 1 ; la fin commune
    s'ajoute au compte du reste (les bits de `masks` au-delà ne changent pas ceux d'en
    dessous). Le calcul s'arrête dès que c'est perdu : après i caractères de `text`, la
    sous-suite finale ne dépasse pas celle de ces i caractères plus les caractères qui
    restent ; tous les 16 caractères, on regarde si cela suffit encore."""
    needed = _matched(threshold, len(text) + length)
    lost = len(text) - (needed + 1) // 2  # caractères de `text` qui peuvent rester hors d'elle
    prefix, suffix = ends
    length -= suffix
    full = (1 << length) - 1
    row = full ^ ((1 << prefix) - 1)
    get, end = masks.get, len(text) - suffix
    for start in range(prefix, end, STEP):
        stop = min(end, start + STEP)
        for letter in text[start:stop]:
            matches = row & get(letter, 0)
            row = (row + matches) | (row - matches)
        if stop - length + (row & full).bit_count() > lost:
            return False
    return 2 * (length - (row & full).bit_count() + suffix) >= needed


def common_ends(a: str, b: str) -> tuple[int, int]:
    """Les longueurs du plus long début commun à `a` et `b`, et de la plus longue fin commune
    au reste (`subsequence_allows`)."""
    shortest, prefix, suffix = min(len(a), len(b)), 0, 0
    while prefix < shortest and a[prefix] == b[prefix]:
        prefix += 1
    while suffix < shortest - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix
