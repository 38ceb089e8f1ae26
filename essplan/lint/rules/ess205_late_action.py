"""ESS205 late-action : une action en cours dont la fin est passée."""

from ...diagnostics import Severity
from ...french import month, status
from ...reading.document import KeyPath
from ...suivi.state import is_late, status_at, status_entry
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS205",
    name="late-action",
    label="action en retard",
    severity=Severity.WARNING,
    summary="Une action suivie (un statut, écrit ou donné par le journal `suivi`) n'est ni"
    " réalisée ni abandonnée à la date de référence (`--date AAAA-MM`, par défaut aujourd'hui)"
    " alors que sa fin est antérieure à cette date. Le statut à la date est celui de la"
    " dernière entrée du journal datée de ce mois ou d'avant, sinon `statut`.",
    why="« En retard » n'est pas un statut qu'on écrit : il se déduit de la fin prévue et de la"
    " date du contrôle. C'est ce que l'instance de suivi veut voir en premier.",
    bad="fin: Septembre 2020\nstatut: en_cours      # contrôle en 2021",
    good="fin: Septembre 2020\nstatut: realise",
    fix="Mettez à jour `statut` (realise, abandonne) et le journal, ou reportez `fin`.",
)
def check(ctx: FicheContext):
    fiche, reference = ctx.fiche, ctx.plan_context.reference
    if reference is None or not is_late(fiche, reference):  # sans date de contrôle : rien à dire
        return
    current = status_at(fiche, reference)
    found = status_entry(fiche, reference)
    path: KeyPath
    if found is None or fiche.statut == current:
        path, source = ("statut",), ""
    else:  # le statut vient du journal, et `statut` ne le dit pas : l'entrée qui le donne
        path, source = ("suivi", found[0], "statut"), f" (journal, {month(found[1].date)})"
    yield ctx.at(
        path,
        f"la fin prévue ({month(fiche.fin)}) est passée ({month(reference)})"
        f" et le statut est « {status(current)} »{source}",
    )
