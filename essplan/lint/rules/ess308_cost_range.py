"""ESS308 cost-range : un coût écrit en fourchette."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS308",
    name="cost-range",
    label="coût en fourchette",
    severity=Severity.WARNING,
    summary="Un coût écrit en fourchette (« 15 000 à 20 000 € », « entre 15 000 et 20 000 € ») et"
    " sans `cout.montant` : le budget le compte à sa borne haute, et le marque.",
    why="Une fourchette n'est pas un montant : la compter à sa borne haute est prudent, mais le"
    " service des finances doit savoir que le chiffre est une borne.",
    bad="cout: 15 000 à 20 000 €",
    good="cout:\n  texte: 15 000 à 20 000 €   # le texte adopté\n  montant: 18000",
    fix="Écrivez en `cout.montant` le montant retenu (le texte adopté reste dans `cout.texte`).",
)
def check(ctx: FicheContext):
    yield from ctx.cost_findings("ESS308")
