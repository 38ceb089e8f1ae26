"""ESS605 missing-indicator-value : un indicateur sans valeur pour une année où son action a
couru, dans un plan suivi."""

from ...budget.compute import period_of
from ...diagnostics import Severity
from ...french import citation, join
from ...suivi.state import abandoned_since, status_at, years_run
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS605",
    name="missing-indicator-value",
    label="valeur d'indicateur manquante",
    severity=Severity.INFO,
    summary="Dans un plan qui porte des données de suivi (une fiche au moins avec `suivi`,"
    " `depenses` ou des `valeurs` d'indicateur), un indicateur n'a pas de valeur pour une année"
    " civile achevée (avant l'année de `--date`) où son action a couru : de son début à sa fin"
    " (fin inconnue : celle de la période du plan), et pour une action abandonnée, jusqu'à"
    " l'année de l'entrée du journal qui l'a abandonnée.",
    why="Le bilan annuel compare chaque indicateur à sa cible : une année sans valeur est un"
    " trou dans la courbe que le conseil regardera. Une info plutôt qu'un avertissement : la"
    " valeur d'une année se mesure souvent des mois après sa fin (données de l'Insee, des"
    " partenaires), et un plan qui n'est pas encore suivi n'est pas signalé du tout.",
    bad="debut: 2021-01\nfin: 2023-12\nindicateurs:\n  - libelle: Communes membres\n"
    "    valeurs: {2021: 6}        # contrôle en 2023",
    good="debut: 2021-01\nfin: 2023-12\nindicateurs:\n  - libelle: Communes membres\n"
    "    valeurs: {2021: 6, 2022: 12}",
    fix="Ajoutez la valeur de chaque année à `valeurs` ; si elle manque pour de bon, écrivez-le"
    " en texte (« non mesuré ») : le constat se tait et le texte est montré tel quel.",
)
def check(ctx: FicheContext):
    fiche, reference = ctx.fiche, ctx.plan_context.reference
    if reference is None or not fiche.indicateurs or not ctx.plan_context.carries_follow_up:
        return
    years = _years_to_measure(fiche, reference, period_of(ctx.plan))
    raw = ctx.item.document.data.get("indicateurs")
    for index, indicateur in enumerate(fiche.indicateurs):
        missing = [year for year in years if year not in indicateur.valeurs]
        if not missing:
            continue
        written = raw[index] if isinstance(raw, list) and index < len(raw) else None
        path = ("indicateurs", index) + (("valeurs",) if _has_values(written) else ())
        word = "l'année" if len(missing) == 1 else "les années"
        yield ctx.at(
            path,
            f"indicateur « {citation(indicateur.libelle)} » : pas de valeur pour {word}"
            f" {_spans(missing)}, où l'action a couru",
            f"ajoutez valeurs: {{{missing[0]}: …}}",
        )


def _years_to_measure(fiche, reference, period) -> range:
    """Les années achevées à la date où l'action a couru ; une action abandonnée, jusqu'à
    l'année de son abandon (abandonnée sans date dite : aucune, voir `abandoned_since`)."""
    run = years_run(fiche, period)
    last = min(run.stop, reference.annee)
    if status_at(fiche, reference) == "abandonne":
        since = abandoned_since(fiche, reference)
        last = min(last, since.index // 12 + 1) if since is not None else run.start
    return range(run.start, max(last, run.start))


def _has_values(written: object) -> bool:
    return isinstance(written, dict) and "valeurs" in written


def _spans(years: list[int]) -> str:
    """« 2019 à 2021 et 2023 » : les années consécutives en une suite (un message court, même
    pour une action de trente ans)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    shown: list[str] = []
    for first, last in runs:
        shown += (
            [f"{first} à {last}"] if last > first + 1 else list(map(str, range(first, last + 1)))
        )
    return join(shown)
