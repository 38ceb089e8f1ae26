"""Numéroter les fiches qui ont perdu leur ligne « Défi N°x/ Act N°y », et reprendre un titre
perdu de la liste des actions de la délibération.

Un numéro se déduit de l'intitulé de défi de la fiche (le même qu'une fiche numérotée, ou
proche d'un défi du corps), de sa place dans l'annexe, et de son titre quand il est celui d'une
action de la liste. Ce que la numérotation consulte est tenu à jour au fil des fiches
(`_Numbering`) et les titres de la liste sont indexés par ressemblance (`_Listed`) : chaque
fiche se numérote sans relire les autres.
"""

from __future__ import annotations

import difflib
from fractions import Fraction

from ..lint.similarity import MAX_LENGTH, SimilarTexts
from .fiches import Number, RawFiche, fiche_values
from .labels import simplify_label


def _simple(text: str) -> str:
    return simplify_label(text).rstrip(" .")


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


LISTED = 0.9  # un titre est celui d'une action de la liste à ce degré de ressemblance


class _Listed:
    """Les actions d'un défi dans la liste de la délibération, retrouvées par leur titre.

    Le titre d'une fiche n'est comparé qu'aux actions que l'index des ressemblances retient
    (`SimilarTexts`), et aux actions trop longues pour lui : la même action que la comparaison
    à chacune, sans la faire pour chaque fiche."""

    def __init__(self, listed: list[str]) -> None:
        self.simple = [_simple(item) for item in listed]
        self.index = SimilarTexts(Fraction(str(LISTED)))
        self.long = [rank for rank, text in enumerate(self.simple, 1) if len(text) > MAX_LENGTH]
        for rank, text in enumerate(self.simple, 1):
            self.index.add(text, len(text), rank)

    def rank(self, title: str) -> int | None:
        if not title:
            return None
        simple = _simple(title)
        ranks = self.long if len(simple) <= MAX_LENGTH else range(1, len(self.simple) + 1)
        candidates = {*self.index.candidates(simple, len(simple)), *ranks}
        scored = [(_ratio(simple, self.simple[rank - 1]), rank) for rank in candidates]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= LISTED else None


def resolve_numbers(
    fiches: list[RawFiche], actions: dict[int, list[str]], axes: list[dict], axe_word: str
) -> None:
    """Numérote une fiche sans ligne « Défi N°x/ Act N°y » d'après sa ligne « Défi : » et sa place.

    L'axe vient de l'intitulé de défi (le même qu'une fiche numérotée, ou proche d'un défi du
    corps) ; le rang, de la place dans l'annexe (après la fiche précédente du même axe), ou du
    titre quand il est celui d'une action de la liste de la délibération. Ce que la numérotation
    consulte (les défis déjà numérotés, le dernier rang de chaque axe, les numéros pris) est
    tenu à jour au fil des fiches : chaque fiche se numérote sans relire les autres.
    """
    example = next((f.id_written for f in fiches if f.id_written), "")
    known = _Numbering(fiches)
    listed = {axe: _Listed(titles) for axe, titles in actions.items()}
    for index, fiche in enumerate(fiches):
        if fiche.number is None:
            _number(fiche, index, known, listed, axes, axe_word, example)
        known.passed(fiche)


def _number(fiche, index, known, listed, axes, axe_word: str, example: str) -> None:
    values = fiche_values(fiche)
    axe, how = _axe_of(fiche, values.get("defi", ""), known, axes)
    if axe is None:
        fiche.unnumbered = how
        return
    previous = known.last_rank.get(axe)
    rank = previous + 1 if previous is not None else 1
    place = (
        f"sa place dans l'annexe (après la fiche {axe}.{previous})"
        if previous is not None
        else f"sa place dans l'annexe (aucune fiche {axe}.x avant elle)"
    )
    titled = listed[axe].rank(values.get("titre", "")) if axe in listed else None
    where = f"liste des actions, {axe_word} {axe}, action {titled}"
    if titled and titled != rank:
        rank, place = titled, f"son titre ({where})"
    elif titled:
        place += f", que confirme son titre ({where})"
    if (axe, rank) in known.taken:
        fiche.unnumbered = f"le numéro déduit, {axe}.{rank}, est celui d'une autre fiche"
        return
    fiche.number = (axe, rank)
    known.numbered(index, fiche.number)
    written = f" (comme « {example} » dans les autres fiches)" if example else ""
    fiche.note(
        "id",
        f"ligne de numéro absente{written} : id {axe}.{rank} déduit de {how} et de {place}",
    )


class _Numbering:
    """Ce que la numérotation sait des fiches : l'intitulé de défi simplifié de chacune, la
    première fiche numérotée de chaque intitulé, le dernier rang de chaque axe parmi les fiches
    déjà passées, les numéros pris."""

    def __init__(self, fiches: list[RawFiche]) -> None:
        self.defis = [simplify_label(fiche_values(f).get("defi", "")) for f in fiches]
        self.first_of: dict[str, tuple[int, Number]] = {}  # (rang, numéro)
        self.taken = {f.number for f in fiches if f.number}
        self.last_rank: dict[int | str, int] = {}
        self.closest: dict[str, tuple[float, int | None]] = {}
        for index, fiche in enumerate(fiches):
            if fiche.number:
                self.first_of.setdefault(self.defis[index], (index, fiche.number))

    def numbered(self, index: int, number: Number) -> None:
        self.taken.add(number)
        held = self.first_of.get(self.defis[index])
        if held is None or index < held[0]:
            self.first_of[self.defis[index]] = (index, number)

    def closest_axe(self, defi: str, axes: list[dict]) -> tuple[float, int | None]:
        """(ressemblance, code) de l'axe du corps le plus proche de l'intitulé, calculé une fois
        par intitulé : des fiches du même défi ne refont pas la comparaison."""
        simple = _simple(defi)
        if simple not in self.closest:
            scored = [(_ratio(simple, _simple(axe["titre"])), axe["code"]) for axe in axes]
            self.closest[simple] = max(scored, default=(0, None))
        return self.closest[simple]

    def passed(self, fiche: RawFiche) -> None:
        if fiche.number:
            self.last_rank[fiche.number[0]] = fiche.number[1]


def _axe_of(fiche: RawFiche, defi: str, known: _Numbering, axes: list[dict]):
    """Le numéro d'axe d'un intitulé de défi : celui d'une autre fiche, ou d'un défi du corps."""
    if not defi:
        return None, "ni ligne de numéro ni intitulé de défi"
    label = next((r.written for r in fiche.rubrics if r.field == "defi"), "")
    held = known.first_of.get(simplify_label(defi))
    if held is not None:
        axe, rank = held[1]
        return axe, f"sa ligne « {label} » (la même que la fiche {axe}.{rank})"
    best = known.closest_axe(defi, axes)
    if best[0] >= 0.75:
        return best[1], (
            f"sa ligne « {label} » (proche de l'axe {best[1]} déclaré par la délibération)"
        )
    return None, f"pas de ligne de numéro, et « {defi} » n'est l'intitulé d'aucun défi connu"


def recover_title(fiche: RawFiche, actions: dict[int, list[str]], axe_word: str) -> str | None:
    if fiche.number is None:
        return None
    axe, rank = fiche.number
    listed = actions.get(axe, []) if isinstance(axe, int) else []
    if not 1 <= rank <= len(listed):
        return None
    title = listed[rank - 1].strip()
    trimmed = title.rstrip(".").strip()
    ending = ", sans le point final" if trimmed != title else ""
    fiche.note(
        "titre",
        f"titre repris de la liste des actions de la délibération ({axe_word}"
        f" {axe}, action {rank}){ending}",
    )
    return trimmed
