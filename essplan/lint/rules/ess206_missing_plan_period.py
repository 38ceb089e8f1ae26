"""ESS206 missing-plan-period : un plan sans période."""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule


@plan_rule(
    code="ESS206",
    name="missing-plan-period",
    label="période du plan manquante",
    severity=Severity.WARNING,
    summary="Le plan n'a pas de `periode`.",
    why="Sans période, on ne sait pas sur quelles années le plan engage la collectivité : ni"
    " les actions qui en débordent, ni l'enveloppe annuelle ne peuvent être vérifiées.",
    bad="collectivite: Grand Poitiers\ntitre: Feuille de route ESS",
    good="collectivite: Grand Poitiers\ntitre: Feuille de route ESS\n"
    'periode:\n  debut: "2023-01"\n  fin: "2026-12"',
    fix="Ajoutez `periode: {debut: …, fin: …}` si la délibération la donne.",
)
def check(ctx: PlanContext):
    if ctx.plan.periode is None:
        yield ctx.at(("periode",), "le plan n'a pas de période (periode: {debut, fin})")
