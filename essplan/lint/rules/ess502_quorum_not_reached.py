"""ESS502 quorum-not-reached : moins de la moitié des conseillers présents."""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule


@plan_rule(
    code="ESS502",
    name="quorum-not-reached",
    label="quorum non atteint",
    severity=Severity.ERROR,
    summary="Les présents ne sont pas plus de la moitié des conseillers en exercice.",
    why="Sans quorum (article L2121-17 du CGCT), le conseil ne peut pas délibérer valablement :"
    " la délibération serait illégale (sauf nouvelle convocation, à noter en remarque).",
    bad="vote: {en_exercice: 89, presents: 44}",
    good="vote: {en_exercice: 89, presents: 73}",
    fix="Vérifiez les comptes ; si le quorum manquait vraiment, la délibération doit être reprise.",
)
def check(ctx: PlanContext):
    vote = ctx.vote
    if vote is None or vote.presents is None or vote.en_exercice is None:
        return
    if vote.presents * 2 <= vote.en_exercice:
        yield ctx.at(
            ("deliberation", "vote", "presents"),
            f"quorum non atteint : {vote.presents}"
            f" présents pour {vote.en_exercice} conseillers en exercice (il en faut plus"
            f" de {vote.en_exercice // 2})",
        )
