"""Retrouver, parmi des textes déjà vus, tous ceux qui peuvent ressembler à un texte (`difflib`,
ratio au moins égal à un seuil), sans comparer chaque texte à tous les autres, et sans rien
perdre.

Le ratio de difflib vaut 2M / T, où M compte les caractères appariés et T la somme des deux
longueurs. Les appariements de difflib forment une sous-suite commune : un ratio d'au moins t
demande que les deux textes se déduisent l'un de l'autre par au plus `edits(T) = T − ⌈t·T⌉`
insertions ou suppressions d'un caractère (les retouches).

Un texte indexé est coupé en tronçons de `width` caractères aux places 0, width, 2·width…
(une grille fixe, la même pour toutes les longueurs). Une retouche abîme au plus un tronçon, et
un tronçon intact se retrouve dans l'autre texte décalé d'au plus le nombre de retouches qui le
précèdent : si deux textes se ressemblent, au moins `tronçons − retouches` tronçons du texte
indexé se retrouvent dans l'autre, chacun à moins de `retouches` places de la sienne. La
recherche cherche chaque tronçon possible à chaque décalage permis (`_probes`), compte les
tronçons retrouvés de chaque texte indexé et ne rend que ceux qui en ont assez : le filtre ne
rend jamais moins que les textes qui ressemblent. La largeur des tronçons est la plus grande qui
laisse à ce compte de quoi écarter (`_width`) ; un texte trop court pour aucune est rendu à
chaque recherche de longueur compatible.

Le calcul se fait sur des entiers vus comme des ensembles de bits, un bit par texte découpé :
pour chaque tronçon et chaque rang, l'entier des textes qui l'ont à ce rang ; chaque rang
ajoute d'un coup l'entier des textes qui l'ont retrouvé à un compte tenu en tranches de bits
(le bit n de la tranche p est le bit p du compte du texte n, `_add`), et la comparaison de
tous les comptes au nombre de tronçons demandé se fait de même (`_at_least`). Seules les
candidates sont ensuite décodées (`bits`).

Le travail d'une recherche est compté (`work` : places où un tronçon est cherché et textes
lus), pour que l'appelant puisse le borner et le dire.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache

from .similarity import _partner_edits, edits

WIDTHS = (4, 3, 2, 1)  # les largeurs de tronçon essayées, de la plus sélective à la moins
NEEDED = 3  # tronçons retrouvés qu'un texte indexé doit au moins demander


@lru_cache(maxsize=4096)
def _width(threshold: Fraction, rest: int, full: int) -> int | None:
    """La plus grande largeur de tronçon qui demande au moins `NEEDED` tronçons retrouvés à un
    texte de `rest` caractères (`full` comptés), face au texte le plus éloigné qui puisse lui
    ressembler ; None si aucune."""
    most = _partner_edits(threshold, full)
    for width in WIDTHS:
        if rest // width - most >= NEEDED:
            return width
    return None


class ChunkIndex:
    """Les textes déjà vus, retrouvés par leurs tronçons.

    Un texte s'ajoute avec sa longueur `full` (celle que compte le ratio), ce qui peut le
    distinguer des autres (`rest`) — des textes qui commencent tous par le même mot n'indexent
    que ce qui suit ce mot ; un préfixe commun ne change pas le nombre de retouches.

    Chaque texte découpé reçoit un numéro, son bit dans des entiers-ensembles : pour chaque
    largeur, rang et tronçon, l'entier des textes qui l'ont à ce rang ; pour chaque longueur
    comptée et nombre de tronçons, l'entier des textes de cette taille."""

    def __init__(self, threshold: Fraction) -> None:
        self.threshold = threshold
        # largeur → tronçon → (ses rangs, croissants ; pour chacun, l'entier des textes qui
        # ont ce tronçon à ce rang)
        self._chunks: dict[int, dict[str, tuple[list[int], list[int]]]] = {}
        self._ranks: dict[int, int] = {}  # largeur → le plus de tronçons d'un texte
        self._unsplit: dict[int, int] = {}  # longueur comptée → entier des textes non découpés
        self.values: list[str] = []  # numéro → texte
        self._sizes: dict[int, dict[int, int]] = {}  # longueur comptée → tronçons → entier
        self.work = 0

    def add(self, rest: str, full: int, value: str) -> None:
        width, bit = _width(self.threshold, len(rest), full), 1 << len(self.values)
        self.values.append(value)
        if width is None:
            self._unsplit[full] = self._unsplit.get(full, 0) | bit
            return
        count = len(rest) // width
        sizes = self._sizes.setdefault(full, {})
        sizes[count] = sizes.get(count, 0) | bit
        table = self._chunks.setdefault(width, {})
        self._ranks[width] = max(self._ranks.get(width, 0), count)
        for index in range(count):
            ranks, masks = table.setdefault(rest[index * width : (index + 1) * width], ([], []))
            place = bisect_left(ranks, index)
            if place < len(ranks) and ranks[place] == index:
                masks[place] |= bit
            else:
                ranks.insert(place, index)
                masks.insert(place, bit)

    def candidates(self, rest: str, full: int) -> int:
        """Tous les textes indexés qui peuvent ressembler à celui-ci : l'entier de leurs numéros
        (`values`, `bits`)."""
        found = 0
        for other_full, mask in self._unsplit.items():
            if abs(full - other_full) <= edits(self.threshold, full + other_full):
                found |= mask
        self.work += found.bit_count()
        planes = self._counted(rest, full)
        seen = 0  # les textes dont un tronçon au moins est retrouvé
        for plane in planes:
            seen |= plane
        self.work += seen.bit_count()
        wanted: dict[int, int] = {}  # tronçons à retrouver → entier des textes qui en demandent
        for other_full, budget in _budgets(self.threshold, full).items():
            for chunks, mask in self._sizes.get(other_full, {}).items():
                wanted[chunks - budget] = wanted.get(chunks - budget, 0) | mask
        for need, mask in wanted.items():
            found |= _at_least(planes, need, mask & seen)
        return found

    def _counted(self, rest: str, full: int) -> list[int]:
        """Le nombre de tronçons retrouvés de chaque texte découpé, en tranches de bits : le bit
        n de l'entier de rang p est le bit p du compte du texte n. Chaque morceau de `rest` est
        cherché une fois, pour tous les rangs dont il est assez proche (`_probes`) ; chaque rang
        ajoute ensuite d'un coup l'entier des textes qui l'ont retrouvé (`_add`)."""
        most = _partner_edits(self.threshold, full)
        planes: list[int] = []
        for width, table in self._chunks.items():
            ranks = len(_probes(len(rest), width, most, self._ranks[width]))
            self.work += _probed(len(rest), width, most, self._ranks[width])
            found = [0] * ranks
            pieces = [rest[start : start + width] for start in range(len(rest) - width + 1)]
            for start, places in enumerate(map(table.get, pieces)):
                if places:
                    numbers, masks = places
                    low = bisect_left(numbers, (start - most + width - 1) // width)
                    high = bisect_right(numbers, min(ranks - 1, (start + most) // width), low)
                    for place in range(low, high):
                        found[numbers[place]] |= masks[place]
            for mask in found:
                _add(planes, mask)
        return planes


def _add(planes: list[int], carry: int) -> None:
    """Ajoute 1 au compte (en tranches de bits, `ChunkIndex._counted`) des textes de `carry`."""
    for place, plane in enumerate(planes):
        if not carry:
            return
        planes[place], carry = plane ^ carry, plane & carry
    if carry:
        planes.append(carry)


def _at_least(planes: list[int], need: int, mask: int) -> int:
    """Les textes de `mask` dont le compte (en tranches de bits) atteint `need` : la comparaison
    bit à bit, du bit de poids fort au plus faible, de tous les comptes à la fois."""
    if need <= 0:
        return mask
    if need >> len(planes):
        return 0
    greater, equal = 0, mask
    for place in reversed(range(len(planes))):
        if need >> place & 1:
            equal &= planes[place]
        else:
            greater |= equal & planes[place]
            equal &= ~planes[place]
    return greater | equal


def bits(mask: int) -> Iterator[int]:
    """Les rangs des bits à 1 de `mask`, du plus faible au plus fort."""
    text = bin(mask)[:1:-1]
    place = text.find("1")
    while place >= 0:
        yield place
        place = text.find("1", place + 1)


@lru_cache(maxsize=4096)
def _budgets(threshold: Fraction, full: int) -> dict[int, int]:
    most = _partner_edits(threshold, full)
    found = {}
    for other in range(max(0, full - most), full + most + 1):
        budget = edits(threshold, full + other)
        if abs(full - other) <= budget:
            found[other] = budget
    return found


@lru_cache(maxsize=8192)
def _probed(length: int, width: int, most: int, ranks: int) -> int:
    """Le nombre de places où chercher les tronçons (`_probes`) : le travail compté."""
    return sum(map(len, _probes(length, width, most, ranks)))


@lru_cache(maxsize=8192)
def _probes(length: int, width: int, most: int, ranks: int) -> tuple[range, ...]:
    """Pour chaque rang de tronçon (au plus `ranks`), les débuts où le chercher dans un texte
    de `length` caractères : le tronçon de rang i d'un texte indexé, intact, s'y retrouve à
    moins de `most` places de i·width."""
    places = []
    for index in range(min(ranks, (length + most) // width)):
        home = index * width
        places.append(range(max(0, home - most), min(length - width, home + most) + 1))
    return tuple(places)
