"""ESS607 funding-over-cost : des financeurs qui apportent plus que ce que l'action coûte."""

from decimal import Decimal

from ...budget.compute import period_of
from ...diagnostics import Severity
from ...french import amount, month
from ...model.suivi import funders
from ...suivi.spending import cost_over_duration
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS607",
    name="funding-over-cost",
    label="financements au-delà du coût",
    severity=Severity.WARNING,
    summary="Les montants des financeurs (`financement` écrit en liste de `{financeur,"
    " montant}`) font plus que ce que l'action coûte sur toute sa durée, au prorata des mois"
    " courus (un coût annuel de 5 000 € sur trois ans : 15 000 €). Un coût inconnu ou ambigu,"
    " une action sans début ou sans fin connus ne sont pas comparés.",
    why="Un plan de financement qui dépasse le coût annonce des recettes qu'on ne pourra pas"
    " justifier auprès des cofinanceurs : un montant est faux, ou le coût n'a pas été mis à"
    " jour. Un avertissement : le coût voté peut être la part de la seule collectivité.",
    bad="debut: 2021-01\nfin: 2023-12\ncout: 5 000 euros / an\nfinancement:\n"
    "  - financeur: Communauté\n    montant: 15000\n  - financeur: Région\n    montant: 5000",
    good="debut: 2021-01\nfin: 2023-12\ncout: 5 000 euros / an\nfinancement:\n"
    "  - financeur: Communauté\n    montant: 10000\n  - financeur: Région\n    montant: 5000",
    fix="Corrigez les montants des financeurs, ou le coût de l'action s'il a été revu.",
)
def check(ctx: FicheContext):
    fiche = ctx.fiche
    amounts = [item.montant for item in funders(fiche.financement) if item.montant is not None]
    if not amounts:
        return
    cost = cost_over_duration(fiche, period_of(ctx.plan))
    funded = sum(amounts, Decimal(0))
    if cost is None or funded <= cost:
        return  # un coût qu'on ne peut pas affirmer sur la durée : rien à comparer
    upper = ", borne haute de la fourchette" if any(p.fourchette for p in fiche.cout.parts) else ""
    yield ctx.at(
        ("financement",),
        f"les financeurs apportent {amount(funded)} en tout, plus que ce que l'action coûte de"
        f" {month(fiche.debut)} à {month(fiche.fin)} ({amount(cost)}{upper})",
        "corrigez les montants des financeurs, ou le coût s'il a été revu",
    )
