"""ESS204 outside-plan-period : une action déborde de la période du plan."""

from ...diagnostics import Severity
from ...french import month
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS204",
    name="outside-plan-period",
    label="hors de la période du plan",
    severity=Severity.WARNING,
    summary="Une action commence avant la période du plan ou finit après.",
    why="Le plan n'engage la collectivité que sur sa période : une action qui en sort n'a pas"
    " de budget voté au-delà.",
    bad="# plan : 2016-01 à 2020-12\nfin: Décembre 2021",
    good="# plan : 2016-01 à 2020-12\nfin: Décembre 2020",
    fix="Ramenez l'action dans la période, ou prolongez la période du plan si c'est voulu.",
)
def check(ctx: FicheContext):
    period = ctx.plan.periode
    if period is None:
        return
    debut, fin = ctx.fiche.debut, ctx.fiche.fin
    if debut and debut.known and debut.index < period.debut.index:
        yield ctx.at(
            ("debut",),
            f"l'action commence (« {debut.texte} ») avant la période du plan"
            f" ({month(period.debut)} – {month(period.fin)})",
        )
    if fin and fin.known and fin.index > period.fin.index:
        yield ctx.at(
            ("fin",),
            f"l'action finit (« {fin.texte} ») après la période du plan"
            f" ({month(period.debut)} – {month(period.fin)})",
        )
