"""ESS102 missing-indicateurs : une fiche sans indicateur d'évaluation."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS102",
    name="missing-indicateurs",
    label="indicateurs manquants",
    severity=Severity.WARNING,
    summary="Une fiche n'a aucun indicateur d'évaluation (`indicateurs` absent ou vide).",
    why="Sans indicateur, l'action ne pourra pas être évaluée : le bilan annuel n'aura rien à"
    " mesurer.",
    bad='id: "1"\naxe: "A"\ntitre: Formaliser un programme de sensibilisation',
    good='id: "1"\naxe: "A"\ntitre: Formaliser un programme de sensibilisation\n'
    "indicateurs:\n  - Nombre d'élus formés",
    fix="Ajoutez au moins un indicateur sous `indicateurs:`.",
)
def check(ctx: FicheContext):
    if not ctx.fiche.indicateurs:
        yield ctx.at(
            ("indicateurs",), f"la fiche « {ctx.fiche.id} » n'a aucun indicateur d'évaluation"
        )
