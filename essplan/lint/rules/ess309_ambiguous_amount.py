"""ESS309 ambiguous-amount : un montant qui se lit de deux façons."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS309",
    name="ambiguous-amount",
    label="montant ambigu",
    severity=Severity.WARNING,
    summary="Un coût que son texte laisse ouvert : une virgule qui peut être décimale ou un"
    " séparateur de milliers à l'anglaise (« 15,000 € », « €15,000 »), une partie sans devise ni"
    " périodicité à côté d'une partie annuelle (« 5 000 + 2 000 €/an »). Il n'est jamais compté"
    " tant que `cout.montant` ne dit pas lequel : le budget le range parmi les montants à"
    " préciser.",
    why="« 15,000 € » vaut 15 € en français et 15 000 € en anglais : deviner, c'est risquer un"
    " facteur mille sur le budget voté.",
    bad='cout: "15,000 €"',
    good='cout:\n  texte: "15,000 €"   # le texte adopté\n  montant: 15000',
    fix="Écrivez en `cout.montant` le montant voulu ; ou, si le texte n'est pas encore voté,"
    " écrivez-le à la française (« 15 000 € »), chaque partie avec sa devise et sa périodicité.",
)
def check(ctx: FicheContext):
    yield from ctx.cost_findings("ESS309")
