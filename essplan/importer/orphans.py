"""Placer les paragraphes qu'une fiche a perdus (ses intitulés de rubriques tombés à
l'extraction), d'après les autres fiches du même texte : l'ordre de leurs rubriques, la
rubrique qui suit ou précède chacune, le genre de puces de leurs listes (`Profile`). Ce que rien
ne justifie n'est pas placé."""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter
from dataclasses import dataclass

from .fiches import FORMAT_ORDER, LIST_FIELDS, PROSE_FIELDS, RawFiche, Rubric

# ------------------------------------------------------------- ce que montrent les autres


@dataclass(slots=True)
class Profile:
    """Comment les fiches complètes du texte s'écrivent : ordre des rubriques, puces, intitulés.

    Chaque question (le rang d'une rubrique, ce qui la suit, ce qui l'entoure) parcourt toutes
    les fiches complètes ; les rubriques sont en nombre fixe (celles du format), les questions
    aussi : chacune est calculée une fois (`_answers`), quel que soit le nombre de fiches à
    compléter.
    """

    sequences: list[list[str]]  # les rubriques de chaque fiche complète, dans l'ordre du texte
    styles: dict[str, str]  # liste → genre de puces le plus employé (« fleche », « tiret »)
    written: dict[str, str]  # champ → intitulé le plus employé (« Méthode : »)
    _answers: dict[tuple, object] = dataclasses.field(default_factory=dict)

    def label(self, field_name: str | None) -> str:
        if field_name is None:
            return ""
        return self.written.get(field_name, field_name)

    def rank(self, field_name: str) -> float:
        return self._answer(("rank", field_name), self._rank)

    def fits_between(self, field_name: str, before: str | None, after: str | None) -> bool:
        """Vrai si une fiche au moins écrit `field_name` entre `before` et `after`."""
        return self._answer(("fits", field_name, before, after), self._fits_between)

    def neighbour(self, field_name: str | None, step: int) -> str | None:
        """La rubrique qui suit (step 1) ou précède (step -1) le plus souvent `field_name`."""
        return self._answer(("neighbour", field_name, step), self._neighbour)

    def _answer(self, question: tuple, compute):
        if question not in self._answers:
            self._answers[question] = compute(*question[1:])
        return self._answers[question]

    def _rank(self, field_name: str) -> float:
        places = [s.index(field_name) / len(s) for s in self.sequences if field_name in s]
        if not places:
            return FORMAT_ORDER.index(field_name) / len(FORMAT_ORDER)
        return statistics.mean(places)

    def _fits_between(self, field_name: str, before: str | None, after: str | None) -> bool:
        for sequence in self.sequences:
            if (
                field_name not in sequence
                or (before and before not in sequence)
                or (after and after not in sequence)
            ):
                continue
            low = sequence.index(before) if before else -1
            high = sequence.index(after) if after else len(sequence)
            if low < sequence.index(field_name) < high:
                return True
        return False

    def _neighbour(self, field_name: str | None, step: int) -> str | None:
        seen: Counter = Counter()
        for sequence in self.sequences:
            edge = 0 if step == 1 else len(sequence) - 1
            index = (
                (sequence.index(field_name) + step)
                if field_name in sequence
                else (edge if field_name is None else None)
            )
            if index is not None and 0 <= index < len(sequence):
                seen[sequence[index]] += 1
        return seen.most_common(1)[0][0] if seen else None


def learn_profile(fiches: list[RawFiche]) -> Profile:
    complete = [fiche for fiche in fiches if not fiche.orphans()]
    sequences = [fiche.sequence() for fiche in complete if fiche.sequence()]
    styles: dict[str, Counter] = {}
    written: dict[str, Counter] = {}
    for fiche in complete:
        for rubric in fiche.rubrics:
            if rubric.field is None:
                continue
            written.setdefault(rubric.field, Counter())[rubric.written] += 1
            for paragraph in rubric.paragraphs:
                if paragraph.style:
                    styles.setdefault(rubric.field, Counter())[paragraph.style] += 1
    return Profile(
        sequences or [list(FORMAT_ORDER)],
        {key: counter.most_common(1)[0][0] for key, counter in styles.items()},
        {key: counter.most_common(1)[0][0] for key, counter in written.items()},
    )


# ---------------------------------------------------------- placer les paragraphes perdus


@dataclass(slots=True)
class _Run:
    """Des paragraphes sans rubrique qui se suivent, entre deux rubriques écrites."""

    before: str | None
    after: str | None
    rubrics: list[Rubric]


def _runs(fiche: RawFiche) -> list[_Run]:
    runs: list[_Run] = []
    before, current = None, None
    for rubric in fiche.rubrics:
        if rubric.field is None:
            if current is None:
                current = _Run(before, None, [])
                runs.append(current)
            current.rubrics.append(rubric)
        else:
            if current is not None:
                current.after = rubric.field
            before, current = rubric.field, None
    return runs


def _merge_broken_lists(fiche: RawFiche) -> None:
    """Deux listes sans rubrique de mêmes puces qui se suivent : une liste coupée par une page."""
    merged: list[Rubric] = []
    for rubric in fiche.rubrics:
        previous = merged[-1] if merged else None
        style = rubric.paragraphs[0].style if rubric.field is None and rubric.paragraphs else None
        if (
            style
            and previous is not None
            and previous.field is None
            and previous.paragraphs[-1].style == style
        ):
            previous.paragraphs.extend(rubric.paragraphs)
        else:
            merged.append(rubric)
    fiche.rubrics = merged


def place_orphans(fiche: RawFiche, profile: Profile) -> None:
    """Donne une rubrique à chaque paragraphe qui l'a perdue, si les autres fiches la justifient."""
    _merge_broken_lists(fiche)
    taken = set(fiche.fields())
    for run in _runs(fiche):
        candidates = sorted(
            (
                f
                for f in (*PROSE_FIELDS, *LIST_FIELDS)
                if f not in taken and profile.fits_between(f, run.before, run.after)
            ),
            key=profile.rank,
        )
        _place_lists(run, [f for f in candidates if f in LIST_FIELDS], profile, taken)
        _place_prose(run, [f for f in candidates if f in PROSE_FIELDS], profile, taken)
    for rubric in fiche.orphans():
        text = " / ".join(p.joined() for p in rubric.paragraphs)
        fiche.note(
            "remarques",
            f"texte sans rubrique{_after(rubric)} non placé, aucune rubrique"
            f" manquante ne lui correspond : « {text} »",
        )
    for rubric in fiche.rubrics:
        if rubric.placed and rubric.field:
            fiche.note(rubric.field, rubric.placed)


def _after(rubric: Rubric) -> str:
    return f" qui suit « {rubric.written} »" if rubric.written else ""


def _assign(rubric: Rubric, field_name: str, reason: str, profile: Profile, taken: set) -> None:
    marks = " ".join(sorted(rubric.paragraphs[0].bullet_marks()))
    what = (
        f"liste à puces « {marks} » sans rubrique{_after(rubric)} placée"
        if marks
        else (f"paragraphe sans rubrique{_after(rubric)} placé")
    )
    rubric.placed = f"{what} en {field_name} : {reason}"
    rubric.field, rubric.written = field_name, profile.label(field_name)
    taken.add(field_name)


def _place_lists(run: _Run, candidates: list[str], profile: Profile, taken: set) -> None:
    style_words = {"fleche": "à puces fléchées", "tiret": "à tirets"}
    for rubric in [r for r in run.rubrics if r.paragraphs[0].is_list]:
        style = rubric.paragraphs[0].style
        free = [f for f in candidates if f not in taken]
        chosen = next((f for f in free if profile.styles.get(f) == style), None)
        if chosen is not None and style is not None:
            _assign(
                rubric,
                chosen,
                f"dans les autres fiches, « {profile.label(chosen)} » est la"
                f" liste {style_words[style]} écrite à cet endroit",
                profile,
                taken,
            )
        elif free and free[0] not in profile.styles:
            _assign(
                rubric,
                free[0],
                "c'est la liste qui manque à cet endroit dans l'ordre des autres fiches",
                profile,
                taken,
            )


def _place_prose(run: _Run, candidates: list[str], profile: Profile, taken: set) -> None:
    prose = [r for r in run.rubrics if not r.paragraphs[0].is_list]
    if not prose:
        return
    first, last = run.rubrics[0], run.rubrics[-1]
    follows = profile.neighbour(run.before, 1)
    if first in prose and follows in candidates and follows not in taken:
        _assign(
            first,
            follows,
            f"dans les autres fiches, « {profile.label(follows)} » suit"
            f" « {profile.label(run.before)} »",
            profile,
            taken,
        )
    precedes = profile.neighbour(run.after, -1)
    if last in prose and last.field is None and precedes in candidates and precedes not in taken:
        _assign(
            last,
            precedes,
            f"dans les autres fiches, « {profile.label(precedes)} »"
            f" précède « {profile.label(run.after)} »",
            profile,
            taken,
        )
    rest = [r for r in prose if r.field is None]
    for rubric, field_name in zip(rest, [f for f in candidates if f not in taken], strict=False):
        _assign(
            rubric,
            field_name,
            "c'est la rubrique qui manque à cet endroit dans l'ordre des autres fiches",
            profile,
            taken,
        )
