"""ESS307 text-amount-mismatch : `cout.texte` et `cout.montant` ne disent pas la même chose."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS307",
    name="text-amount-mismatch",
    label="texte et montant en désaccord",
    severity=Severity.WARNING,
    summary="Le texte d'un coût et son montant (ou sa périodicité) ne concordent pas : un autre"
    " nombre, un montant hors de la fourchette écrite, un montant qui n'est aucune des lectures"
    " d'un texte ambigu, un seul montant pour un texte en plusieurs parties.",
    why="`texte` est ce qui a été adopté, `montant` ce que le plan compte : s'ils divergent, le"
    " budget ne reflète plus la délibération. Un texte aux chiffres mal groupés relève"
    " d'ESS302, pas d'ici.",
    bad="cout:\n  texte: 5 000 euros/an\n  montant: 50000",
    good="cout:\n  texte: 5 000 euros/an\n  montant: 5000",
    fix="Alignez `montant` (et `periodicite`) sur le texte, ou expliquez l'écart en remarque.",
)
def check(ctx: FicheContext):
    yield from ctx.cost_findings("ESS307")
