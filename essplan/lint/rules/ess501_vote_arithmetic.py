"""ESS501 vote-arithmetic : les comptes du vote ne tombent pas juste."""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule


@plan_rule(
    code="ESS501",
    name="vote-arithmetic",
    label="comptes du vote faux",
    severity=Severity.ERROR,
    summary="pour + contre + abstention ≠ présents + représentés − non-participation, ou"
    " présents + représentés + excusés > conseillers en exercice.",
    why="Le tableau du vote est la preuve de l'adoption : un compte faux fragilise la"
    " délibération au contrôle de légalité.",
    bad="vote: {en_exercice: 89, presents: 73, representes: 13, pour: 85, contre: 0,"
    " abstention: 0, non_participation: 0}",
    good="vote: {en_exercice: 89, presents: 73, representes: 13, pour: 86, contre: 0,"
    " abstention: 0, non_participation: 0}",
    fix="Reprenez les comptes de la feuille de séance.",
)
def check(ctx: PlanContext):
    vote = ctx.vote
    if vote is None:
        return
    path = ("deliberation", "vote")
    cast = (vote.pour, vote.contre, vote.abstention)
    voters = (vote.presents, vote.representes)
    if None not in cast and None not in voters:
        expected = vote.presents + vote.representes - (vote.non_participation or 0)
        if sum(cast) != expected:
            yield ctx.at(
                path + ("pour",),
                f"voix : pour {vote.pour} + contre {vote.contre} +"
                f" abstention {vote.abstention} = {sum(cast)}, mais présents"
                f" {vote.presents} + représentés {vote.representes} − non-participation"
                f" {vote.non_participation or 0} = {expected}",
            )
    if None not in voters and vote.en_exercice is not None:
        attending = vote.presents + vote.representes + (vote.excuses or 0)
        if attending > vote.en_exercice:
            yield ctx.at(
                path + ("en_exercice",),
                f"présents {vote.presents} + représentés"
                f" {vote.representes} + excusés {vote.excuses or 0} = {attending}, plus"
                f" que les {vote.en_exercice} conseillers en exercice",
            )
