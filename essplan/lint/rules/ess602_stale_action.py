"""ESS602 stale-action : une action en cours sans nouvelles depuis plus de `[suivi] intervalle`
mois."""

from ...diagnostics import Severity
from ...french import month, number
from ...reading.document import KeyPath
from ...suivi.state import is_stale, last_entry
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS602",
    name="stale-action",
    label="action sans nouvelles",
    severity=Severity.WARNING,
    summary="Une action en cours à la date de référence (`--date AAAA-MM`) dont la dernière"
    " entrée du journal (`suivi`), ou sans journal son début, date de plus de `[suivi]"
    " intervalle` mois (6 par défaut, dans essplan.toml).",
    why="Une action dont on n'a plus de nouvelles est souvent une action arrêtée sans que"
    " personne l'ait écrit : c'est la liste que la chargée de mission envoie aux pilotes chaque"
    " trimestre. Un avertissement : rien n'est faux dans le fichier, le temps a passé.",
    bad="statut: en_cours\nsuivi:\n  - date: 2022-11            # contrôle en juin 2023\n"
    "    texte: Rencontre annuelle tenue.",
    good="statut: en_cours\nsuivi:\n  - date: 2022-11\n    texte: Rencontre annuelle tenue.\n"
    "  - date: 2023-05\n    texte: Trois communes de plus.",
    fix="Ajoutez au journal une entrée qui dit où en est l'action (même « rien de neuf »), ou"
    " changez son statut (`en_pause`, `bloque`…) si elle n'avance plus.",
)
def check(ctx: FicheContext):
    fiche, reference = ctx.fiche, ctx.plan_context.reference
    horizons = ctx.plan_context.horizons
    if reference is None or not is_stale(fiche, reference, horizons):
        return
    entry = last_entry(fiche, reference)
    path: KeyPath
    if entry is None:
        # Sans journal, au `statut` qui la dit en cours : le début n'est pas ce qui est à revoir.
        since, path, what = fiche.debut, ("statut",), "son début, sans journal"
    else:
        index = next(i for i, item in enumerate(fiche.suivi) if item is entry)
        since, path, what = entry.date, ("suivi", index, "date"), "dernière entrée du journal"
    yield ctx.at(
        path,
        f"action en cours sans nouvelles depuis {month(since)} ({what}), soit"
        f" {number(reference.index - since.index)} mois en {month(reference)} : plus que les"
        f" {number(horizons.intervalle)} mois de l'intervalle de suivi ([suivi] intervalle)",
        "ajoutez au journal (`suivi`) une entrée qui dit où en est l'action",
    )
