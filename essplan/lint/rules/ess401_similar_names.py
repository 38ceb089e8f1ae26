"""ESS401 similar-names : une même personne écrite de plusieurs façons."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from ...diagnostics import Severity
from ...model.month_words import strip_accents
from ..rule import PlanContext, finding_in, plan_rule

# Au-delà de ce degré de ressemblance (difflib), deux noms normalisés désignent la même
# personne : « patureau mirand » / « patureau merand » (0,95) oui, « michel renaud » /
# « michel mirand » (0,77) non.
SIMILARITY = 0.9


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
    groups = _group([name for name, _, _ in occurrences])
    for spellings in groups:
        counts = Counter(name for name, _, _ in occurrences if name in spellings)
        order = [name for name, _, _ in occurrences]
        preferred = max(spellings, key=lambda s: (counts[s], -order.index(s)))
        for name, document, path in occurrences:
            if name in spellings and name != preferred:
                others = ", ".join(f"« {s} »" for s in sorted(spellings - {name}, key=order.index))
                why = (
                    f"l'orthographe la plus employée, {counts[preferred]} fois"
                    if counts[preferred] > 1
                    else "la première du plan, à égalité d'emplois"
                )
                yield finding_in(
                    document,
                    path,
                    f"« {name} » s'écrit aussi {others} dans ce plan",
                    suggestion=f"vouliez-vous dire « {preferred} » ({why}) ?",
                )


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
    (`_alike`) : tous les membres d'un groupe ont donc le premier mot de son fondateur, et
    l'on ne compare une clé qu'aux groupes de son premier mot (même résultat, sans comparer
    chaque nom à tous les autres).
    """
    keys: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):  # chaque orthographe une fois, dans l'ordre du plan
        keys.setdefault(_key(name), set()).add(name)
    clusters: list[tuple[list[str], set[str]]] = []
    by_first_word: dict[tuple[str, ...], list[tuple[list[str], set[str]]]] = {}
    for key, spellings in keys.items():
        first_word = tuple(key.split()[:1])
        candidates = by_first_word.setdefault(first_word, [])
        for cluster_keys, cluster in candidates:
            if any(_alike(key, other) for other in cluster_keys):
                cluster_keys.append(key)
                cluster |= spellings
                break
        else:
            clusters.append(([key], set(spellings)))
            candidates.append(clusters[-1])
    return [cluster for _, cluster in clusters if len(cluster) > 1]


def _alike(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 8 or a.split()[:1] != b.split()[:1]:
        return False  # prénoms différents : deux personnes (Grégory / Valérie BERNARD)
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY
