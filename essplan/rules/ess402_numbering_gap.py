"""ESS402 numbering-gap : un trou dans la numérotation des fiches d'un axe."""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..lint import PlanContext, finding_in, plan_rule
from ..loader import LoadedFiche

DOTTED = re.compile(r"(.+)\.(\d+)")


@plan_rule(
    code="ESS402", name="numbering-gap", severity=Severity.INFO,
    summary="Un numéro manque dans la suite des fiches d'un axe (2.1, 2.3 sans 2.2), ou dans la"
    " suite des fiches numérotées 1, 2, 3… à travers le plan.",
    why="Un trou signale souvent une fiche perdue en route (mal transcrite, oubliée lors d'une"
    " fusion) : l'annexe ne correspondrait plus à la délibération.",
    bad='fiches/2.1.yaml: id: "2.1"\nfiches/2.3.yaml: id: "2.3"',
    good='fiches/2.1.yaml, 2.2.yaml, 2.3.yaml',
    fix="Ajoutez la fiche manquante, ou renumérotez si le trou est voulu (et dites-le en"
    " remarque).",
)
def check(ctx: PlanContext):
    for series, items in _series(ctx).items():
        expected = 1
        for number in sorted(items):
            if number > expected:
                missing = ", ".join(f"« {series}{n} »" for n in range(expected, number))
                word = "manquent" if number - expected > 1 else "manque"
                yield finding_in(items[number].document, ("id",),
                                 f"numérotation : {missing} {word} avant « {series}{number} »")
            expected = number + 1


def _series(ctx: PlanContext) -> dict[str, dict[int, LoadedFiche]]:
    """Préfixe (« 2. », ou « » pour 1, 2, 3…) → numéro → fiche."""
    series: dict[str, dict[int, LoadedFiche]] = {}
    for item in ctx.loaded.fiches:
        dotted = DOTTED.fullmatch(item.fiche.id)
        if dotted and dotted[1] == str(item.fiche.axe):
            series.setdefault(dotted[1] + ".", {})[int(dotted[2])] = item
        elif item.fiche.id.isdigit():
            series.setdefault("", {})[int(item.fiche.id)] = item
    return series
