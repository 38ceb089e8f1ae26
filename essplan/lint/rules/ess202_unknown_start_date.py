"""ESS202 unknown-start-date : le début d'une action est inconnu."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS202",
    name="unknown-start-date",
    label="début inconnu",
    severity=Severity.WARNING,
    summary="Le début d'une action est inconnu : `debut` vaut « ? », est vide ou absent.",
    why="Une action sans début ne peut pas être placée dans le temps : elle n'entre dans aucune"
    " année du budget ni dans le calendrier.",
    bad='debut: "?"',
    good="debut: Mars 2017",
    fix="Indiquez le mois de début (« mars 2017 » ou « 2017-03 »).",
)
def check(ctx: FicheContext):
    debut = ctx.fiche.debut
    if debut is None:
        yield ctx.at(("debut",), f"la fiche « {ctx.fiche.id} » n'a pas de date de début")
    elif not debut.known:
        yield ctx.at(("debut",), f"date de début inconnue (« {debut.texte} »)")
