"""ESS103 incomplete-fiche : contexte, méthode ou résultats attendus vides."""

from ...diagnostics import Severity
from ...french import join
from ..rule import FicheContext, fiche_rule

PARTS = (
    ("contexte", "le contexte"),
    ("methode", "la méthode"),
    ("resultats_attendus", "les résultats attendus"),
)


@fiche_rule(
    code="ESS103",
    name="incomplete-fiche",
    label="fiche incomplète",
    severity=Severity.INFO,
    summary="Le contexte, la méthode ou les résultats attendus d'une fiche sont vides ou absents.",
    why="Ces rubriques disent pourquoi et comment l'action est menée ; l'annexe les imprime"
    " « Non renseigné » quand elles manquent.",
    bad='id: "1.2"\naxe: 1\ntitre: Conforter le site Alpesolidaires',
    good='id: "1.2"\naxe: 1\ntitre: Conforter le site Alpesolidaires\ncontexte: …\n'
    "methode:\n  - …\nresultats_attendus:\n  - …",
    fix="Complétez les rubriques manquantes, d'après la délibération ou avec le pilote.",
)
def check(ctx: FicheContext):
    missing = [label for key, label in PARTS if not _filled(getattr(ctx.fiche, key))]
    if missing:
        yield ctx.at(
            ("id",),
            f"fiche « {ctx.fiche.id} » incomplète : {join(missing)} manquent"
            if len(missing) > 1
            else f"fiche « {ctx.fiche.id} » incomplète : {missing[0]} manque",
        )


def _filled(value) -> bool:
    if isinstance(value, list):
        return any(item and not item.isspace() for item in value)
    return bool(value and not value.isspace())  # sans copier le texte, comme le ferait strip
