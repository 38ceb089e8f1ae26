"""ESS606 journal-inconsistent : un journal de suivi qui se contredit."""

from ...diagnostics import Severity
from ...french import month, number, status
from ...model.months import Month
from ...suivi.state import dated_journal
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS606",
    name="journal-inconsistent",
    label="journal incohérent",
    severity=Severity.WARNING,
    summary="Dans le journal (`suivi`) : une entrée datée d'avant celle qui la précède (le"
    " journal s'écrit du plus ancien au plus récent), ou d'après la date de référence"
    " (`--date AAAA-MM`) ; un `avancement` plus bas qu'à l'entrée d'avant (dans l'ordre des"
    " dates) ; un avancement de 100 % alors que le statut, celui de l'entrée ou celui en"
    " vigueur, n'est pas « réalisé ».",
    why="Le tableau de bord et le bilan lisent le journal dans l'ordre des dates : une entrée"
    " mal datée change le statut affiché, un avancement qui recule ou une action « à 100 % »"
    " encore en cours fausse la progression montrée au conseil. Un avertissement : c'est le"
    " plus souvent une faute de frappe dans une date ou un chiffre.",
    bad="suivi:\n  - date: 2022-11\n    texte: Rencontre tenue.\n    avancement: 70\n"
    "  - date: 2022-01\n    texte: Douze communes.\n    avancement: 50",
    good="suivi:\n  - date: 2022-01\n    texte: Douze communes.\n    avancement: 50\n"
    "  - date: 2022-11\n    texte: Rencontre tenue.\n    avancement: 70",
    fix="Corrigez la date ou l'ordre des entrées, l'avancement, ou donnez `statut: realise` à"
    " l'entrée qui dit l'action faite.",
)
def check(ctx: FicheContext):
    journal = ctx.fiche.suivi
    if not journal:
        return
    yield from _dates(ctx, journal)
    yield from _progress(ctx)


def _dates(ctx: FicheContext, journal):
    reference = ctx.plan_context.reference
    for index, entry in enumerate(journal):
        before = journal[index - 1].date if index else None
        if before is not None and entry.date.index < before.index:
            yield ctx.at(
                ("suivi", index, "date"),
                f"entrée datée de {month(entry.date)}, avant celle qui la précède"
                f" ({month(before)}) : le journal s'écrit du plus ancien au plus récent",
                "remettez les entrées dans l'ordre des dates, ou corrigez cette date",
            )
        if reference is not None and entry.date.index > reference.index:
            yield ctx.at(
                ("suivi", index, "date"),
                f"entrée datée de {month(entry.date)}, après la date du contrôle"
                f" ({month(reference)}) : un journal dit ce qui s'est passé",
                "datez l'entrée du mois où c'est arrivé",
            )


def _progress(ctx: FicheContext):
    """Dans l'ordre des dates : l'avancement ne recule pas, et 100 % veut dire réalisé (le
    statut de l'entrée, sinon celui en vigueur à ce point du journal)."""
    fiche = ctx.fiche
    # Aucune entrée ne donne de statut : `statut` vaut à toute date (voir `status_at`).
    journal_gives = any(entry.statut is not None for entry in fiche.suivi)
    current = None if journal_gives else fiche.statut
    previous: tuple[int | float, Month] | None = None  # le dernier avancement, et sa date
    for index, entry in dated_journal(fiche):
        current = entry.statut or current
        if entry.avancement is None:
            continue
        if previous is not None and entry.avancement < previous[0]:
            yield ctx.at(
                ("suivi", index, "avancement"),
                f"avancement de {_percent(entry.avancement)} en {month(entry.date)}, moins que"
                f" les {_percent(previous[0])} de {month(previous[1])} : un avancement"
                " ne recule pas",
                "corrigez l'avancement, ou dites au journal ce qui a été défait",
            )
        if entry.avancement == 100 and current is not None and current != "realise":
            yield ctx.at(
                ("suivi", index, "avancement"),
                f"avancement de {_percent(100)} alors que le statut est « {status(current)} » :"
                " une action faite à 100\u00a0% est réalisée",
                "ajoutez `statut: realise` à cette entrée, ou corrigez l'avancement",
            )
        previous = (entry.avancement, entry.date)


def _percent(value: int | float) -> str:
    return f"{number(value)}\u00a0%"
