"""ESS304 annual-cost-short-action : un coût annuel sur une action de moins d'un an."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS304",
    name="annual-cost-short-action",
    label="coût annuel sur une action courte",
    severity=Severity.WARNING,
    summary="Un coût annuel (« … / an ») sur une action qui dure moins de douze mois.",
    why="Un coût « par an » sur deux mois se compte comme une année entière : soit la durée est"
    " fausse, soit le coût est en réalité ponctuel.",
    bad="debut: Septembre 2016\nfin: Octobre 2016\ncout: 64 000 euros/an",
    good="debut: Septembre 2016\nfin: Septembre 2020\ncout: 64 000 euros/an",
    fix="Corrigez la période de l'action, ou donnez un coût ponctuel.",
)
def check(ctx: FicheContext):
    fiche = ctx.fiche
    cout = fiche.cout
    if cout is None or not any(p.periodicite == "annuel" and p.montant for p in cout.parts):
        return
    if fiche.debut and fiche.fin and fiche.debut.known and fiche.fin.known:
        months = fiche.fin.index - fiche.debut.index + 1
        if 0 < months < 12:
            yield ctx.at(
                ("cout",),
                f"coût annuel sur une action de {months} mois"
                f" (« {fiche.debut.texte} » à « {fiche.fin.texte} »)",
            )
