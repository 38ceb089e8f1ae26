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

Le travail d'une recherche est compté (`work` : tronçons cherchés et textes lus), pour que
l'appelant puisse le borner et le dire.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from functools import lru_cache
from itertools import chain

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
    que ce qui suit ce mot ; un préfixe commun ne change pas le nombre de retouches."""

    def __init__(self, threshold: Fraction) -> None:
        self.threshold = threshold
        # largeur → pour chaque rang de tronçon, tronçon → textes qui l'ont à ce rang
        self._chunks: dict[int, list[dict[str, list[str]]]] = {}
        self._unsplit: dict[int, list[str]] = {}  # longueur comptée → textes
        self._sizes: dict[str, tuple[int, int]] = {}  # (tronçons, longueur comptée)
        self.work = 0

    def add(self, rest: str, full: int, value: str) -> None:
        width = _width(self.threshold, len(rest), full)
        if width is None:
            self._unsplit.setdefault(full, []).append(value)
            return
        count = len(rest) // width
        self._sizes[value] = (count, full)
        tables = self._chunks.setdefault(width, [])
        tables.extend({} for _ in range(count - len(tables)))
        for index in range(count):
            chunk = rest[index * width : (index + 1) * width]
            tables[index].setdefault(chunk, []).append(value)

    def candidates(self, rest: str, full: int) -> dict[str, int]:
        """Tous les textes indexés qui peuvent ressembler à celui-ci, avec le nombre de leurs
        tronçons retrouvés (une indication de proximité)."""
        found: dict[str, int] = {}
        for other_full, values in self._unsplit.items():
            if abs(full - other_full) <= edits(self.threshold, full + other_full):
                found.update(dict.fromkeys(values, 0))
                self.work += len(values)
        most = _partner_edits(self.threshold, full)
        hits: list[set[str]] = []
        for width, tables in self._chunks.items():
            for index, starts in enumerate(_probes(len(rest), width, most, len(tables))):
                table, found_here = tables[index], set()
                self.work += len(starts)
                for start in starts:
                    chunk = table.get(rest[start : start + width])
                    if chunk:
                        found_here.update(chunk)
                hits.append(found_here)
        counts = Counter(chain.from_iterable(hits))
        self.work += len(counts)
        sizes, budgets = self._sizes, _budgets(self.threshold, full)
        for entry, count in counts.items():
            chunks, other_full = sizes[entry]
            budget = budgets.get(other_full, -1)  # -1 : longueurs trop éloignées
            if count >= chunks - budget and budget >= 0:
                found[entry] = count
        return found


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
def _probes(length: int, width: int, most: int, ranks: int) -> tuple[range, ...]:
    """Pour chaque rang de tronçon (au plus `ranks`), les débuts où le chercher dans un texte
    de `length` caractères : le tronçon de rang i d'un texte indexé, intact, s'y retrouve à
    moins de `most` places de i·width."""
    places = []
    for index in range(min(ranks, (length + most) // width)):
        home = index * width
        places.append(range(max(0, home - most), min(length - width, home + most) + 1))
    return tuple(places)
