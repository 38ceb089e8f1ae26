"""ESS201 unknown-end-date : la fin d'une action est inconnue."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS201",
    name="unknown-end-date",
    label="fin inconnue",
    severity=Severity.WARNING,
    summary="La fin d'une action est inconnue : `fin` vaut « ????? », « ? », est vide ou absente.",
    why="Une action sans fin ne peut être ni suivie ni budgétée : le budget la fait courir"
    " jusqu'à la fin de la période du plan, ce qui n'est qu'une supposition.",
    bad='debut: Janvier 2017\nfin: "?????"',
    good="debut: Janvier 2017\nfin: Septembre 2020",
    fix="Indiquez le mois de fin prévu (« septembre 2020 » ou « 2020-09 »).",
)
def check(ctx: FicheContext):
    fin = ctx.fiche.fin
    if fin is None:
        yield ctx.at(("fin",), f"la fiche « {ctx.fiche.id} » n'a pas de date de fin")
    elif not fin.known:
        yield ctx.at(("fin",), f"date de fin inconnue (« {fin.texte} »)")
