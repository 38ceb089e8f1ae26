"""ESS306 envelope-mismatch : le total de l'enveloppe ne correspond pas à ses lignes."""

from decimal import Decimal

from ...diagnostics import Severity
from ...french import amount
from ..rule import PlanContext, plan_rule


@plan_rule(
    code="ESS306",
    name="envelope-mismatch",
    label="enveloppe incohérente",
    severity=Severity.WARNING,
    summary="`budget.total` diffère de la somme de ses lignes sur les années du plan (une ligne"
    " annuelle compte pour chaque année de la période, une ligne ponctuelle une fois).",
    why="L'enveloppe annoncée et ses lignes doivent dire la même chose : un écart signale une"
    " ligne oubliée, une période fausse ou une faute de frappe.",
    bad="periode: {debut: 2022-01, fin: 2026-12}\nbudget:\n  total: 1300000\n"
    "  lignes: [… 262 500 € par an …]",
    good="periode: {debut: 2022-01, fin: 2026-12}\nbudget:\n  total: 1312500   # 5 × 262 500\n"
    "  lignes: [… 262 500 € par an …]",
    fix="Corrigez le total, les lignes ou la période.",
)
def check(ctx: PlanContext):
    budget, period = ctx.plan.budget, ctx.plan.periode
    if budget is None or budget.total is None or not budget.lignes:
        return
    per_year = {"annuel": 1, "mensuel": 12}
    yearly = [line for line in budget.lignes if line.periodicite in per_year]
    if yearly and period is None:
        return  # sans période, on ne sait pas sur combien d'années compter
    years = period.fin.annee - period.debut.annee + 1 if period else 0
    expected = sum(
        (
            line.montant * years * per_year[line.periodicite]
            if line.periodicite in per_year
            else line.montant
            for line in budget.lignes
        ),
        Decimal(0),
    )
    if expected != budget.total:
        detail = f" ({years} ans × lignes annuelles)" if yearly else ""
        yield ctx.at(
            ("budget", "total"),
            f"total annoncé {amount(budget.total)}, les lignes donnent {amount(expected)}{detail}",
        )
