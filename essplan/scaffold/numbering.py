"""L'identifiant libre suivant d'un axe, selon la numérotation du plan.

Les plans numérotent leurs fiches de deux façons : par axe (« 2.4 » est la quatrième fiche de
l'axe 2, « A.1 » la première de l'axe A), ou d'un bout à l'autre du plan (« 1 », « 2 »… quel
que soit l'axe). La fiche suivante prend le numéro qui suit le plus grand de sa série (« 2.5 »
après « 2.4 », même s'il manque « 2.2 » : un trou est peut-être une fiche retirée, ESS402 le
signale) ; un plan sans fiche, ou qui numérote par axe, numérote par axe.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Les formes que lit aussi ESS402 : un numéro tient en neuf chiffres.
_PLAIN = re.compile(r"[0-9]{1,9}")


def numbers_by_axe(ids: Collection[str], axe: str) -> list[int]:
    """Les numéros des identifiants « <axe>.N »."""
    series = re.compile(re.escape(axe) + r"\.([0-9]{1,9})")
    return [int(found[1]) for found in map(series.fullmatch, ids) if found]


def numbers_across_plan(ids: Collection[str]) -> list[int]:
    return [int(fiche_id) for fiche_id in ids if _PLAIN.fullmatch(fiche_id)]


def next_fiche_id(ids: Collection[str], axe: str, axes: Collection[str]) -> str:
    """L'identifiant de la prochaine fiche de l'axe `axe`, parmi les identifiants `ids` du plan
    (`axes` : les codes de ses axes)."""
    dotted = sum(len(numbers_by_axe(ids, code)) for code in axes)
    plain = numbers_across_plan(ids)
    if len(plain) > dotted:
        return str(max(plain) + 1)
    return f"{axe}.{max(numbers_by_axe(ids, axe), default=0) + 1}"


def free_fiche_id(ids: Collection[str], axe: str, axes: Collection[str], files: Collection[str]):
    """Comme `next_fiche_id`, en sautant un numéro dont le fichier `<id>.yaml` existe déjà
    (une fiche au nom trompeur, ou un fichier invalide)."""
    taken = set(ids)
    while True:
        candidate = next_fiche_id(taken, axe, axes)
        if f"{candidate}.yaml" not in files and f"{candidate}.yml" not in files:
            return candidate
        taken.add(candidate)
