"""ESS303 inconsistent-computation : un calcul écrit qui ne tombe pas juste."""

from ..diagnostics import Severity
from ..french import amount
from ..lint import FicheContext, fiche_rule
from ..values import read_detail


@fiche_rule(
    code="ESS303", name="inconsistent-computation", severity=Severity.WARNING,
    summary="Un produit écrit qui est faux (« 24 000 / an (4000 X 5) »), ou un `detail` dont les"
    " montants n'additionnent pas `montant`.",
    why="Quand le texte donne son calcul, le calcul fait foi : un écart trahit une erreur sur"
    " le montant ou sur ses éléments.",
    bad="cout: 24 000 / an (4000 X 5)",
    good="cout: 20 000 / an (4000 X 5)",
    fix="Corrigez le montant ou ses éléments pour qu'ils concordent.",
)
def check(ctx: FicheContext):
    cout = ctx.fiche.cout
    if cout is None:
        return
    reading = cout.reading
    if reading.product_mismatch:
        left, right = reading.product
        yield ctx.at(("cout",), f"calcul faux dans « {cout.texte} » : {left} × {right} ="
                     f" {amount(left * right)}, pas {amount(reading.montant)}")
    detail = read_detail(cout.detail or "")
    if detail.amounts and cout.amount is not None and detail.total != cout.amount:
        yield ctx.at(("cout", "detail"), f"le détail totalise {amount(detail.total)}, le montant"
                     f" retenu est {amount(cout.amount)}")
