"""ESS205 late-action : une action en cours dont la fin est passée."""

from ...diagnostics import Severity
from ...french import month, status
from ..rule import FicheContext, fiche_rule

CLOSED = {"realise", "abandonne"}


@fiche_rule(
    code="ESS205",
    name="late-action",
    label="action en retard",
    severity=Severity.WARNING,
    summary="Une action suivie (`statut` renseigné) n'est ni réalisée ni abandonnée alors que sa"
    " fin est antérieure à la date de référence (`--date AAAA-MM`, par défaut aujourd'hui).",
    why="« En retard » n'est pas un statut qu'on écrit : il se déduit de la fin prévue et de la"
    " date du contrôle. C'est ce que l'instance de suivi veut voir en premier.",
    bad="fin: Septembre 2020\nstatut: en_cours      # contrôle en 2021",
    good="fin: Septembre 2020\nstatut: realise",
    fix="Mettez à jour `statut` (realise, abandonne) ou reportez `fin`.",
)
def check(ctx: FicheContext):
    fiche, reference = ctx.fiche, ctx.plan_context.reference
    fin = fiche.fin
    if reference is None:  # sans date de contrôle (un document sans --date) : rien à dire
        return
    if (
        fiche.statut
        and fiche.statut not in CLOSED
        and fin
        and fin.known
        and fin.index < reference.index
    ):
        yield ctx.at(
            ("statut",),
            f"la fin prévue ({month(fin)}) est passée ({month(reference)})"
            f" et le statut est « {status(fiche.statut)} »",
        )
