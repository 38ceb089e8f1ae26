"""ESS307 text-amount-mismatch : `cout.texte` et `cout.montant` ne disent pas la même chose."""

from ..diagnostics import Severity
from ..french import amount
from ..lint import FicheContext, fiche_rule


@fiche_rule(
    code="ESS307", name="text-amount-mismatch", severity=Severity.WARNING,
    summary="Le texte d'un coût et son montant (ou sa périodicité) ne concordent pas.",
    why="`texte` est ce qui a été adopté, `montant` ce que le plan compte : s'ils divergent, le"
    " budget ne reflète plus la délibération. Un texte aux chiffres mal groupés relève"
    " d'ESS302, pas d'ici.",
    bad="cout:\n  texte: 5 000 euros/an\n  montant: 50000",
    good="cout:\n  texte: 5 000 euros/an\n  montant: 5000",
    fix="Alignez `montant` (et `periodicite`) sur le texte, ou expliquez l'écart en remarque.",
)
def check(ctx: FicheContext):
    cout = ctx.fiche.cout
    if cout is None or cout.texte is None:
        return
    reading = cout.reading
    if reading.odd_grouping or not reading.known:
        return
    if cout.montant is not None and reading.montant != cout.montant:
        yield ctx.at(("cout", "montant"), f"le texte « {cout.texte} » dit {amount(reading.montant)},"
                     f" le montant est {amount(cout.montant)}")
    if cout.periodicite and reading.periodicite and reading.periodicite != cout.periodicite:
        yield ctx.at(("cout", "periodicite"), f"le texte « {cout.texte} » est {reading.periodicite},"
                     f" la périodicité indiquée est {cout.periodicite}")
