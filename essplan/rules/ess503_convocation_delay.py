"""ESS503 convocation-delay : une convocation envoyée trop tard."""

from ..diagnostics import Severity
from ..lint import PlanContext, plan_rule

CLEAR_DAYS = 5


@plan_rule(
    code="ESS503", name="convocation-delay", severity=Severity.WARNING,
    summary="Moins de cinq jours francs entre la convocation et la séance.",
    why="Le délai de convocation (cinq jours francs : ni le jour d'envoi ni celui de la séance"
    " ne comptent) protège le droit d'information des élus ; s'il n'est pas tenu, la"
    " délibération est fragile, sauf urgence motivée.",
    bad="convocation: 2016-10-10\ndate: 2016-10-14",
    good="convocation: 2016-10-07\ndate: 2016-10-14",
    fix="Vérifiez les dates ; en cas d'urgence, notez-la dans les remarques du plan.",
)
def check(ctx: PlanContext):
    deliberation = ctx.plan.deliberation
    if deliberation is None or deliberation.date is None or deliberation.convocation is None:
        return
    clear_days = (deliberation.date - deliberation.convocation).days - 1
    if clear_days < CLEAR_DAYS:
        yield ctx.at(("deliberation", "convocation"), f"{max(clear_days, 0)} jour(s) franc(s)"
                     f" seulement entre la convocation ({deliberation.convocation:%d/%m/%Y}) et la"
                     f" séance ({deliberation.date:%d/%m/%Y}) ; il en faut {CLEAR_DAYS}")
