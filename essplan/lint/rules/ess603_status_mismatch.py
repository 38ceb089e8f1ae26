"""ESS603 status-mismatch : `statut` ne dit pas ce que dit la dernière entrée du journal."""

from ...diagnostics import Severity
from ...french import month, status
from ...suivi.state import status_entry
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS603",
    name="status-mismatch",
    label="statut contredit par le journal",
    severity=Severity.ERROR,
    summary="`statut` diffère du statut de la dernière entrée du journal (`suivi`) qui en donne"
    " un : la plus récente, et à mois égal la dernière écrite. La date du contrôle n'y change"
    " rien : `statut` est le statut d'aujourd'hui, le journal ce qui s'est passé jusque-là.",
    why="Le format veut que les deux s'accordent : le tableau de bord et le bilan suivent le"
    " journal, qui lit le fichier lit `statut`, et l'un des deux se trompe. Une erreur, parce"
    " que le fichier se contredit lui-même, quel que soit le jour du contrôle, et qu'une ligne"
    " suffit à le corriger.",
    bad="statut: en_cours\nsuivi:\n  - date: 2023-02\n    texte: Trois marchés attribués.\n"
    "    statut: realise",
    good="statut: realise\nsuivi:\n  - date: 2023-02\n    texte: Trois marchés attribués.\n"
    "    statut: realise",
    fix="Mettez `statut` à jour (le statut de la dernière entrée), ou corrigez le journal.",
)
def check(ctx: FicheContext):
    fiche = ctx.fiche
    found = status_entry(fiche)
    if fiche.statut is None or found is None or found[1].statut == fiche.statut:
        return  # sans `statut` écrit, le journal seul fait foi : rien à comparer
    entry = found[1]
    yield ctx.at(
        ("statut",),
        f"statut « {status(fiche.statut)} », mais la dernière entrée du journal qui en donne un"
        f" ({month(entry.date)}) dit « {status(entry.statut)} »",
        f"statut: {entry.statut}",
    )
