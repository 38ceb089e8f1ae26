"""ESS504 attendance-lists-mismatch : des listes de présence qui ne font pas le compte."""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule

LISTS = (
    ("presents", "presents", "présents"),
    ("pouvoirs", "representes", "pouvoirs (représentés)"),
    ("excuses", "excuses", "excusés"),
)


@plan_rule(
    code="ESS504",
    name="attendance-lists-mismatch",
    label="listes de présence incomplètes",
    severity=Severity.ERROR,
    summary="La liste des présents, des pouvoirs ou des excusés n'a pas autant de noms que le"
    " compte correspondant du vote.",
    why="Les listes et les comptes se contrôlent l'un l'autre : un écart révèle un nom oublié"
    " ou un compte faux dans l'extrait du registre.",
    bad="vote: {presents: 73}\npresents: [… 72 noms …]",
    good="vote: {presents: 73}\npresents: [… 73 noms …]",
    fix="Retrouvez le nom manquant (ou en trop) dans la feuille d'émargement.",
)
def check(ctx: PlanContext):
    vote = ctx.vote
    if vote is None:
        return
    for list_key, count_key, label in LISTS:
        names, count = getattr(ctx.plan.deliberation, list_key), getattr(vote, count_key)
        if names is not None and count is not None and len(names) != count:
            yield ctx.at(
                ("deliberation", list_key),
                f"liste des {label} : {len(names)} noms pour un compte de {count}",
            )
