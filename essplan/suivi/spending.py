"""Le prévu face au dépensé : ce que `essplan budget` compte pour une fiche ou un plan une année,
ce que `depenses` dit avoir été mandaté, et ce qu'une action coûte sur toute sa durée.

Le prévu d'une année se compte comme le budget le compte (`budget.compute.place`, en années
entières : un coût annuel en entier chaque année où l'action court, mensuel douze fois,
ponctuel l'année du début, une fourchette à sa borne haute) ; le coût sur toute la durée, au
prorata des mois courus ; une fiche non chiffrée, au montant ambigu ou non
datée n'a pas de prévu : elle est citée à part, jamais comptée zéro.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..budget.compute import action_end, compute_year, place
from ..validation.loader import LoadedPlan

ZERO = Decimal(0)


def counted_in(fiche, year: int, period, prorata: bool = False) -> Decimal | None:
    """Le coût compté pour la fiche l'année dite ; 0 si elle ne court pas cette année-là ; None
    si le budget ne sait pas le dire (coût inconnu ou ambigu, action non datée)."""
    outcome = place(fiche, year, period, prorata)
    if outcome is None:
        return ZERO
    kind, line = outcome
    return line.montant if kind == "fiche" else None  # type: ignore[union-attr]


def cost_over_duration(fiche, period) -> Decimal | None:
    """Ce que l'action coûte du début à la fin, au prorata des mois courus (`--prorata` du
    budget : 1 000 € par mois pendant quinze mois font 15 000 €, pas deux années pleines) ;
    None si le coût, le début ou la fin n'est pas connu : une fin supposée (celle de la
    période) donnerait un chiffre qu'on ne peut pas affirmer."""
    cost = fiche.cout
    if cost is None or not cost.known or fiche.debut is None or not fiche.debut.known:
        return None
    start = fiche.debut.index
    end, assumed = action_end(fiche, period, start)
    if end is None or assumed or end < start:
        return None
    total = ZERO
    for year in range(start // 12, end // 12 + 1):
        counted = counted_in(fiche, year, period, prorata=True)
        if counted is None:
            return None
        total += counted
    return total


def spent(fiche, year: int) -> Decimal | None:
    """Ce qui a été dépensé l'année dite ; None si `depenses` ne la cite pas."""
    return (fiche.depenses or {}).get(year)


@dataclass(frozen=True, slots=True)
class YearSpending:
    """Une année d'un plan : le prévu (compté par le budget), le dépensé, l'écart."""

    annee: int
    prevu: Decimal
    depense: Decimal
    non_chiffrees: tuple[str, ...]  # ids des fiches qui courent sans prévu comptable
    # Rien de compté n'est pas zéro (« — » du budget) : aucune fiche chiffrée cette année-là,
    # ou aucune fiche dont `depenses` cite l'année. Un plan qui n'écrit aucune dépense ne dit
    # pas qu'il n'a rien dépensé.
    prevu_connu: bool = True
    depense_connue: bool = True

    @property
    def ecart(self) -> Decimal:
        """Dépensé moins prévu : positif, on a dépensé plus que prévu."""
        return self.depense - self.prevu


def plan_years(loaded: LoadedPlan, last_year: int) -> list[int]:
    """Les années du plan (celles du budget) et celles où une dépense est écrite, jusqu'à
    `last_year` compris."""
    plan_period = loaded.plan.periode
    years = set(range(plan_period.debut.annee, plan_period.fin.annee + 1)) if plan_period else set()
    for item in loaded.fiches:
        years.update(item.fiche.depenses or ())
    return sorted(year for year in years if year <= last_year)


def year_spending(loaded: LoadedPlan, year: int, fiche_ids: set[str] | None = None) -> YearSpending:
    """Le prévu et le dépensé d'un plan (ou des fiches `fiche_ids`) pour une année."""
    budget = compute_year(loaded, year)
    wanted = (lambda fiche_id: True) if fiche_ids is None else fiche_ids.__contains__
    unknown = (*budget.non_chiffrees, *budget.a_preciser, *budget.non_datees)
    planned = [line.montant for line in budget.fiches if wanted(line.id)]
    written = [
        amount
        for item in loaded.fiches
        if wanted(item.fiche.id) and (amount := spent(item.fiche, year)) is not None
    ]
    return YearSpending(
        year,
        sum(planned, ZERO),
        sum(written, ZERO),
        tuple(ref.id for ref in unknown if wanted(ref.id)),
        prevu_connu=bool(planned),
        depense_connue=bool(written),
    )
