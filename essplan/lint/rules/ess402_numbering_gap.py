"""ESS402 numbering-gap : un trou dans la numérotation des fiches d'un axe."""

from __future__ import annotations

import re

from ...diagnostics import Severity
from ...validation.loader import LoadedFiche
from ..rule import PlanContext, finding_in, plan_rule

# Un numéro de fiche tient en neuf chiffres ASCII (« ² » ou un nombre de 5 000 chiffres n'en est
# pas un : `int` les refuserait).
DOTTED = re.compile(r"(.+)\.([0-9]{1,9})")
_PLAIN = re.compile(r"[0-9]{1,9}")


@plan_rule(
    code="ESS402",
    name="numbering-gap",
    label="numérotation incomplète",
    severity=Severity.INFO,
    summary="Un numéro manque dans la suite des fiches d'un axe (2.1, 2.3 sans 2.2), ou dans la"
    " suite des fiches numérotées 1, 2, 3… à travers le plan.",
    why="Un trou signale souvent une fiche perdue en route (mal transcrite, oubliée lors d'une"
    " fusion) : l'annexe ne correspondrait plus à la délibération.",
    bad='fiches/2.1.yaml: id: "2.1"\nfiches/2.3.yaml: id: "2.3"',
    good="fiches/2.1.yaml, 2.2.yaml, 2.3.yaml",
    fix="Ajoutez la fiche manquante, ou renumérotez si le trou est voulu (et dites-le en"
    " remarque).",
)
def check(ctx: PlanContext):
    if ctx.loaded.unreadable_fiches:
        return  # un fichier illisible peut être le numéro qui manque : pas d'erreur en cascade
    present = _numbers(ctx.loaded.invalid_ids)  # fiches invalides : leur erreur est déjà dite
    for series, items in _series(ctx).items():
        expected = 1
        for number in sorted(items.keys() | present.get(series, set())):
            if number > expected and number in items:
                missing = (
                    ", ".join(f"« {series}{n} »" for n in range(expected, number))
                    if number - expected <= 3
                    else f"« {series}{expected} » à « {series}{number - 1} »"
                )
                word = "manquent" if number - expected > 1 else "manque"
                yield finding_in(
                    items[number].document,
                    ("id",),
                    f"numérotation : {missing} {word} avant « {series}{number} »",
                )
            expected = number + 1


def _numbers(ids) -> dict[str, set[int]]:
    """Les numéros des identifiants donnés, par série (« 1.1 » → série « 1. », numéro 1)."""
    numbers: dict[str, set[int]] = {}
    for fiche_id in ids:
        dotted = DOTTED.fullmatch(fiche_id)
        if dotted:
            numbers.setdefault(dotted[1] + ".", set()).add(int(dotted[2]))
        elif _PLAIN.fullmatch(fiche_id):
            numbers.setdefault("", set()).add(int(fiche_id))
    return numbers


def _series(ctx: PlanContext) -> dict[str, dict[int, LoadedFiche]]:
    """Préfixe (« 2. », ou « » pour 1, 2, 3…) → numéro → fiche."""
    series: dict[str, dict[int, LoadedFiche]] = {}
    for item in ctx.loaded.fiches:
        dotted = DOTTED.fullmatch(item.fiche.id)
        if dotted and dotted[1] == str(item.fiche.axe):
            series.setdefault(dotted[1] + ".", {})[int(dotted[2])] = item
        elif _PLAIN.fullmatch(item.fiche.id):
            series.setdefault("", {})[int(item.fiche.id)] = item
    return series
