"""ESS207 imprecise-month : un début ou une fin écrit sans son mois."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS207",
    name="imprecise-month",
    label="mois imprécis",
    severity=Severity.INFO,
    summary="Un début ou une fin qui désigne plusieurs mois (« 2026 », « 1er trimestre 2026 »,"
    " « S2 2026 ») ou un mois approximatif (« fin 2026 », « mi-2026 ») : essplan retient le premier"
    " mois pour un début, le dernier pour une fin, et le dit.",
    why="Le calendrier et le budget au prorata dépendent du mois retenu : une année seule est"
    " comptée de janvier à décembre, ce que la délibération ne dit peut-être pas.",
    bad="debut: 2026\nfin: 2e trimestre 2027",
    good="debut: mars 2026\nfin: juin 2027",
    fix="Écrivez le mois si la source le donne ; sinon, la lecture d'essplan est celle qu'il"
    " annonce, et ce constat (de niveau info) peut rester.",
)
def check(ctx: FicheContext):
    for key in ("debut", "fin"):
        month = getattr(ctx.fiche, key)
        if month is not None and month.imprecision:
            yield ctx.at(
                (key,),
                month.imprecision,
                suggestion="précisez le mois si la source le donne (« mars 2026 »)",
            )
