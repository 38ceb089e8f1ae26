"""ESS401 similar-names : une même personne écrite de plusieurs façons."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from fractions import Fraction

from ...diagnostics import Severity
from ...french import shortened
from ...model.month_words import strip_accents
from ..rule import PlanContext, finding_in, plan_rule
from ..similarity import MAX_COMPARED, SimilarTexts, shared_letters_allow

# Au-delà de ce degré de ressemblance (difflib), deux noms normalisés désignent la même
# personne : « patureau mirand » / « patureau merand » (0,95) oui, « michel renaud » /
# « michel mirand » (0,77) non.
SIMILARITY = 0.9
_THRESHOLD = Fraction(str(SIMILARITY))


@plan_rule(
    code="ESS401",
    name="similar-names",
    label="nom écrit de plusieurs façons",
    severity=Severity.WARNING,
    summary="Une personne ou un organisme écrit de plusieurs façons dans le plan"
    " (« Patureau-Mirand » / « Patureau-Mérand », « Canalès » / « CANALES ») ; la suggestion"
    " est l'orthographe la plus employée.",
    why="Un nom mal orthographié dans un document officiel froisse, et deux orthographes font"
    " croire à deux personnes : les comptes par pilote deviennent faux.",
    bad="associes:\n  - Pierre Patureau-Mérand   # ailleurs : Pierre Patureau-Mirand",
    good="associes:\n  - Pierre Patureau-Mirand",
    fix="Choisissez une orthographe (celle de l'état civil ou de l'organisme) et employez-la"
    " partout.",
)
def check(ctx: PlanContext):
    occurrences = list(_names(ctx))
    for index, message, suggestion in findings([name for name, _, _ in occurrences]):
        _, document, path = occurrences[index]
        yield finding_in(document, path, message, suggestion=suggestion)


SHOWN = 50  # les autres orthographes qu'un message cite, au plus (`shortened`)


def findings(names: list[str]) -> Iterator[tuple[int, str, str]]:
    """(rang du nom, message, suggestion) de chaque nom écrit autrement ailleurs dans le plan,
    groupe après groupe, dans l'ordre du plan."""
    counts = Counter(names)
    first = {name: index for index, name in reversed(list(enumerate(names)))}
    groups = _group(names)
    group_of = {name: number for number, spellings in enumerate(groups) for name in spellings}
    places: list[list[int]] = [[] for _ in groups]
    for index, name in enumerate(names):
        if name in group_of:
            places[group_of[name]].append(index)
    for spellings, indexes in zip(groups, places, strict=True):
        ordered = sorted(spellings, key=first.__getitem__)
        preferred = max(spellings, key=lambda s: (counts[s], -first[s]))
        why = (
            f"l'orthographe la plus employée, {counts[preferred]} fois"
            if counts[preferred] > 1
            else "la première du plan, à égalité d'emplois"
        )
        for index in indexes:
            name = names[index]
            if name != preferred:
                yield (
                    index,
                    f"« {name} » s'écrit aussi {_others(ordered, name)} dans ce plan",
                    f"vouliez-vous dire « {preferred} » ({why}) ?",
                )


def _others(ordered: list[str], name: str) -> str:
    others = [f"« {s} »" for s in ordered[: SHOWN + 1] if s != name][:SHOWN]
    return shortened(others, len(ordered) - 1)


def _names(ctx: PlanContext):
    """(nom, document, chemin) de chaque personne ou organisme cité, dans l'ordre du plan."""
    document, plan = ctx.loaded.plan_document, ctx.plan
    deliberation = plan.deliberation
    if deliberation:
        for key in ("president", "rapporteur"):
            if getattr(deliberation, key):
                yield getattr(deliberation, key), document, ("deliberation", key)
        for key in ("presents", "excuses"):
            for index, name in enumerate(getattr(deliberation, key) or []):
                yield name, document, ("deliberation", key, index)
        for index, proxy in enumerate(deliberation.pouvoirs or []):
            yield proxy.de, document, ("deliberation", "pouvoirs", index, "de")
            yield proxy.a, document, ("deliberation", "pouvoirs", index, "a")
    for item in ctx.loaded.in_plan_order():
        for key in ("pilotes", "associes"):
            for index, name in enumerate(getattr(item.fiche, key) or []):
                yield name, item.document, (key, index)


_SEPARATORS = re.compile(r"[\s\-'’.]+")


def _key(name: str) -> str:
    return _SEPARATORS.sub(" ", strip_accents(name).lower()).strip()


def _group(names: list[str]) -> list[set[str]]:
    """Les ensembles d'orthographes différentes qui désignent le même nom.

    Une clé rejoint le premier groupe (dans l'ordre de création) dont une clé lui ressemble,
    sinon elle en crée un. Deux clés ne se ressemblent que si elles ont le même premier mot
    (`_alike`) : on ne cherche une clé que parmi les clés de son premier mot, et seulement
    celles que l'index des ressemblances (`SimilarTexts`) retient ; elles sont comparées
    groupe après groupe, dans l'ordre de création. Même résultat que la comparaison de chaque
    clé à toutes les autres, sans la faire.
    """
    keys: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):  # chaque orthographe une fois, dans l'ordre du plan
        keys.setdefault(_key(name), set()).add(name)
    clusters: list[set[str]] = []
    cluster_of: dict[str, int] = {}
    by_first_word: dict[str, SimilarTexts] = {}
    for key, spellings in keys.items():
        first_word, _, rest = key.partition(" ")
        index = by_first_word.setdefault(first_word, SimilarTexts(_THRESHOLD))
        joined = _first_alike(key, index.candidates(rest, len(key)), cluster_of)
        if joined is None:
            joined = len(clusters)
            clusters.append(set())
        clusters[joined] |= spellings
        cluster_of[key] = joined
        if len(key) >= SHORTEST:
            index.add(rest, len(key), key)
    return [cluster for cluster in clusters if len(cluster) > 1]


def _first_alike(key: str, candidates: dict, cluster_of: dict[str, int]) -> int | None:
    """Le premier groupe (dans l'ordre de création) dont une clé candidate ressemble à `key` ;
    dans un groupe, les candidates les plus proches d'abord. Les lettres communes écartent
    d'abord ce qui ne peut pas ressembler ; `MAX_COMPARED` comparaisons au plus."""
    if len(key) < SHORTEST:
        return None
    ranked = sorted(candidates, key=lambda other: (cluster_of[other], -candidates[other]))
    letters = Counter(key)
    compared = 0
    for other in ranked:
        if not shared_letters_allow(_THRESHOLD, letters, Counter(other), len(key) + len(other)):
            continue
        if compared == MAX_COMPARED:
            break
        compared += 1
        if _alike(key, other):
            return cluster_of[other]
    return None


SHORTEST = 8  # une clé plus courte ne ressemble à aucune autre (`_alike`)


def _alike(a: str, b: str) -> bool:
    if min(len(a), len(b)) < SHORTEST or a.split()[:1] != b.split()[:1]:
        return False  # prénoms différents : deux personnes (Grégory / Valérie BERNARD)
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY
