"""ESS503 convocation-delay : une convocation envoyée trop tard."""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule

CLEAR_DAYS = 5  # communes de 3 500 habitants et plus, EPCI qui en comptent une (le cas courant)


@plan_rule(
    code="ESS503",
    name="convocation-delay",
    label="convocation tardive",
    severity=Severity.WARNING,
    summary="Moins de jours francs entre la convocation et la séance que le délai légal : cinq"
    " par défaut, trois quand `deliberation.delai_convocation: 3` le dit (commune de moins de"
    " 3 500 habitants, ou EPCI dont toutes les communes le sont).",
    why="Le délai de convocation (ni le jour d'envoi ni celui de la séance ne comptent : des"
    " jours francs) protège le droit d'information des élus (CGCT, L2121-11 et L2121-12,"
    " applicables"
    " aux EPCI par L5211-1) ; s'il n'est pas tenu, la délibération est fragile, sauf urgence"
    " motivée.",
    bad="convocation: 2016-10-10\ndate: 2016-10-14",
    good="convocation: 2016-10-07\ndate: 2016-10-14",
    fix="Vérifiez les dates ; en cas d'urgence, notez-la dans les remarques du plan.",
)
def check(ctx: PlanContext):
    deliberation = ctx.plan.deliberation
    if deliberation is None or deliberation.date is None or deliberation.convocation is None:
        return
    required = deliberation.delai_convocation or CLEAR_DAYS
    clear_days = (deliberation.date - deliberation.convocation).days - 1
    if clear_days < required:
        hint = (
            None
            if deliberation.delai_convocation
            else (
                "une commune de moins de 3 500 habitants, ou un EPCI dont toutes les communes le"
                " sont, convoque trois jours francs avant : écrivez alors"
                " deliberation.delai_convocation: 3"
            )
        )
        yield ctx.at(
            ("deliberation", "convocation"),
            f"{max(clear_days, 0)} jour(s) franc(s)"
            f" seulement entre la convocation ({deliberation.convocation:%d/%m/%Y}) et la"
            f" séance ({deliberation.date:%d/%m/%Y}) ; il en faut {required}",
            suggestion=hint,
        )
