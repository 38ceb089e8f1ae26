"""ESS601 late-milestone : une étape dont l'échéance est passée et qui n'est pas réalisée."""

from ...diagnostics import Severity
from ...french import citation, month
from ...suivi.state import late_etapes
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS601",
    name="late-milestone",
    label="étape en retard",
    severity=Severity.WARNING,
    summary="Une étape (`etapes`) dont l'échéance est antérieure à la date de référence"
    " (`--date AAAA-MM`, par défaut aujourd'hui) et qui n'était pas réalisée à cette date. Les"
    " étapes d'une action abandonnée ne sont pas relancées.",
    why="Une étape qui glisse sans que personne le dise fait glisser l'action entière : c'est ce"
    " que le comité de suivi relance. Un avertissement plutôt qu'une erreur : le fichier n'est"
    " pas faux, c'est le temps qui a passé, et la CI ne doit pas casser au premier jour du mois.",
    bad="etapes:\n  - libelle: Signer la charte\n    echeance: 2022-06      # contrôle en 2023",
    good="etapes:\n  - libelle: Signer la charte\n    echeance: 2022-06\n    realisee: 2022-07",
    fix="Si l'étape est faite, ajoutez `realisee` (le mois où elle l'a été) ; sinon, reportez"
    " `echeance` et dites pourquoi au journal (`suivi`).",
)
def check(ctx: FicheContext):
    reference = ctx.plan_context.reference
    if reference is None:  # sans date de contrôle : rien à dire
        return
    for late in late_etapes(ctx.fiche, reference):
        yield ctx.at(
            ("etapes", late.index, "echeance"),
            f"étape « {citation(late.etape.libelle)} » en retard : échéance"
            f" {month(late.etape.echeance)}, pas réalisée en {month(reference)}",
            "ajoutez `realisee: AAAA-MM` si elle est faite, sinon reportez `echeance`",
        )
