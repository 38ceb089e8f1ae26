"""ESS101 missing-pilote : une fiche sans pilote."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS101",
    name="missing-pilote",
    label="pilote manquant",
    severity=Severity.WARNING,
    summary="Une fiche n'a pas de pilote : `pilotes` est absent ou vide.",
    why="Une action sans pilote n'est menée par personne : c'est la première question que"
    " posera l'instance de suivi, et la première cause d'actions qui n'avancent pas.",
    bad='id: "2.4"\naxe: 2\ntitre: Soutenir le projet de la maison de l\'innovation',
    good='id: "2.4"\naxe: 2\ntitre: Soutenir le projet de la maison de l\'innovation\n'
    "pilotes:\n  - Raymond Collet",
    fix="Ajoutez `pilotes:` avec la personne ou le service qui mène l'action ; si la source"
    " n'en nomme pas, laissez la clé absente et faites trancher la question.",
)
def check(ctx: FicheContext):
    if not ctx.fiche.pilotes:
        yield ctx.at(("pilotes",), f"la fiche « {ctx.fiche.id} » n'a pas de pilote")
