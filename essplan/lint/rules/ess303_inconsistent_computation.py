"""ESS303 inconsistent-computation : un calcul écrit qui ne tombe pas juste."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS303",
    name="inconsistent-computation",
    label="calcul faux",
    severity=Severity.WARNING,
    summary="Un produit écrit qui est faux (« 24 000 / an (4000 X 5) », « 3 x 5 000 € ="
    " 16 000 € »), ou un `detail` dont les montants n'additionnent pas `montant`.",
    why="Quand le texte donne son calcul, le calcul fait foi : un écart trahit une erreur sur"
    " le montant ou sur ses éléments. Le budget compte le total écrit et le marque.",
    bad="cout: 24 000 / an (4000 X 5)",
    good="cout: 20 000 / an (4000 X 5)",
    fix="Corrigez le montant ou ses éléments pour qu'ils concordent.",
)
def check(ctx: FicheContext):
    yield from ctx.cost_findings("ESS303")
