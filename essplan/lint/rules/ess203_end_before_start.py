"""ESS203 end-before-start : une action finit avant d'avoir commencé."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS203",
    name="end-before-start",
    label="fin avant le début",
    severity=Severity.ERROR,
    summary="La fin d'une action est antérieure à son début.",
    why="Une inversion de dates est presque toujours une faute de frappe (année ou mois) ; le"
    " budget et le calendrier de l'action seraient faux.",
    bad="debut: Mars 2018\nfin: Septembre 2017",
    good="debut: Mars 2018\nfin: Septembre 2020",
    fix="Corrigez le début ou la fin.",
)
def check(ctx: FicheContext):
    debut, fin = ctx.fiche.debut, ctx.fiche.fin
    if debut and fin and debut.known and fin.known and fin.index < debut.index:
        yield ctx.at(("fin",), f"fin (« {fin.texte} ») antérieure au début (« {debut.texte} »)")
