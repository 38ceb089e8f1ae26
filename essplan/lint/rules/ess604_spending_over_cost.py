"""ESS604 spending-over-cost : plus de dépenses que le coût compté."""

from decimal import Decimal

from ...budget.compute import period_of
from ...diagnostics import Severity
from ...french import amount, month
from ...suivi.spending import counted_in
from ...suivi.state import years_run
from ..rule import FicheContext, fiche_rule

SUGGESTION = (
    "vérifiez les montants mandatés, ou mettez `cout` à jour s'il a été revu (avenant,"
    " délibération)"
)


@fiche_rule(
    code="ESS604",
    name="spending-over-cost",
    label="dépenses au-delà du coût",
    severity=Severity.WARNING,
    summary="Les `depenses` d'une année dépassent ce que le budget compte cette année-là pour un"
    " coût annuel ou mensuel (rien, une année où l'action ne court pas) ; ou, pour un coût"
    " ponctuel, le total dépensé dépasse le coût (la borne haute d'une fourchette, celle que le"
    " budget compte). Un coût inconnu ou ambigu n'est pas comparé (ESS301, ESS309 le disent).",
    why="Un dépassement se voit au conseil bien avant le bilan : soit le coût a été revu sans"
    " que la fiche le dise, soit une dépense est imputée à la mauvaise action ou à la mauvaise"
    " année. Un avertissement : un dépassement peut être voulu, le fichier n'est pas faux.",
    bad="cout: 5 000 euros / an\ndepenses:\n  2022: 6000",
    good="cout: 5 000 euros / an\ndepenses:\n  2022: 4800",
    fix="Vérifiez les montants mandatés et leur année, ou mettez `cout` à jour s'il a été revu.",
)
def check(ctx: FicheContext):
    fiche = ctx.fiche
    cout, depenses = fiche.cout, fiche.depenses
    if not depenses or cout is None or not cout.known or cout.ambiguous:
        return  # rien de dépensé, ou un coût que le budget ne compte pas : rien à comparer
    upper = ", borne haute de la fourchette" if any(p.fourchette for p in cout.parts) else ""
    if cout.periodic:
        yield from _yearly(ctx, upper)
    else:
        total = sum(depenses.values(), Decimal(0))
        if total > cout.total:
            first, last = min(depenses), max(depenses)
            years = f"en {first}" if first == last else f"de {first} à {last}"
            yield ctx.at(
                ("depenses",),
                f"{amount(total)} dépensés {years}, plus que le coût ponctuel de l'action"
                f" ({amount(cout.total)}{upper})",
                SUGGESTION,
            )


def _yearly(ctx: FicheContext, upper: str):
    fiche = ctx.fiche
    period = period_of(ctx.plan)
    runs = years_run(fiche, period)
    keys = _written_years(ctx)
    for year, spent in sorted(fiche.depenses.items()):
        counted = counted_in(fiche, year, period)
        if counted is None or spent <= counted:
            continue  # une année que le budget ne sait pas compter (fin inconnue) : ESS201
        if year in runs:
            why = f"plus que les {amount(counted)} que le budget compte cette année-là{upper}"
        else:
            why = f"une année où l'action ne court pas ({_span(fiche, period)}) : le budget n'y"
            why += " compte rien"
        yield ctx.at(
            ("depenses", keys.get(year, year)),
            f"{amount(spent)} dépensés en {year}, {why}",
            SUGGESTION,
        )


def _span(fiche, period) -> str:
    """De quand à quand l'action court : la fin inconnue est celle de la période du plan."""
    start = month(fiche.debut)
    if fiche.fin is not None and fiche.fin.known:
        return f"elle court de {start} à {month(fiche.fin)}"
    if period is not None and period[1].index >= fiche.debut.index:
        return f"elle court de {start} à la fin de la période du plan, {month(period[1])}"
    return f"elle commence en {start}"


def _written_years(ctx: FicheContext) -> dict[int, int | str]:
    """Année → la clé telle qu'écrite dans le fichier (2022, ou "2022" entre guillemets) : pour
    placer le constat sur sa ligne."""
    raw = ctx.item.document.data.get("depenses")
    if not isinstance(raw, dict):
        return {}
    return {int(key): key for key in raw if str(key).strip().isdecimal()}
