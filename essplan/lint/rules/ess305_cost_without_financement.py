"""ESS305 cost-without-financement : un coût sans financeur."""

from ...diagnostics import Severity
from ...french import amount
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS305",
    name="cost-without-financement",
    label="coût sans financement",
    severity=Severity.WARNING,
    summary="Une action coûte quelque chose mais `financement` est absent ou vide.",
    why="Un coût sans financeur n'est pas un engagement : personne n'a dit qui paie.",
    bad="cout: 5000 euros/an",
    good="cout: 5000 euros/an\nfinancement: Clermont Communauté",
    fix="Indiquez qui finance l'action.",
)
def check(ctx: FicheContext):
    fiche = ctx.fiche
    if fiche.cout is None or not fiche.cout.total:
        return
    financement = fiche.financement
    if not financement or (isinstance(financement, str) and not financement.strip()):
        yield ctx.at(
            ("financement",), f"coût de {amount(fiche.cout.total)} sans financement indiqué"
        )
