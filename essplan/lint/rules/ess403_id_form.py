"""ESS403 id-form : un identifiant de fiche que le format admet, mais qui trompera."""

from ...diagnostics import Severity
from ...model.types import id_form_problem
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS403",
    name="id-form",
    label="identifiant inhabituel",
    severity=Severity.WARNING,
    summary="Un identifiant de fiche précédé ou suivi d'une espace, sur plusieurs lignes, ou"
    " dont un chiffre n'est pas de 0 à 9 (« 1² », « ٣ », « ① »).",
    why="Le format admet tout texte comme identifiant, mais celui-ci trompera : un lien écrit"
    " « 1.1 » ne trouve pas « 1.1 » suivi d'une espace, et « 1² » se lit comme un nombre à"
    " l'œil sans en être un pour le tri des fiches ni pour leur numérotation (ESS402).",
    bad='id: "1²"',
    good='id: "1.2"',
    fix="Écrivez l'identifiant sur une ligne, sans espace autour, avec les chiffres 0 à 9 ;"
    " reportez le changement dans les `liens` et les lignes du budget qui le citent.",
)
def check(ctx: FicheContext):
    problem = id_form_problem(ctx.fiche.id)
    if problem is not None:
        yield ctx.at(("id",), f"identifiant « {ctx.fiche.id.strip()} » : {problem}")
