"""La commande `budget` : ce que coûtent les plans, année par année (voir `essplan/budget/`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OutputOption,
    PlansArgument,
    TableFormat,
    TableFormatOption,
    check_output,
    jobs,
    targets_and_configs,
    year_option,
)
from .streaming import write_stream


class BudgetGrouping(StrEnum):
    axe = "axe"
    fiche = "fiche"
    section = "section"


YearOption = Annotated[
    int | None,
    year_option("L'année à chiffrer ; sans elle, une matrice de toutes les années du plan."),
]
ProrataOption = Annotated[
    bool,
    typer.Option(
        "--prorata", help="Compte les coûts annuels au prorata des mois où l'action court."
    ),
]
ByOption = Annotated[
    BudgetGrouping,
    typer.Option(
        "--by",
        show_default=False,
        help="Regroupe les fiches par axe (par défaut), fiche ou section (table et markdown).",
    ),
]


def budget(
    plans: PlansArgument = None,
    year: YearOption = None,
    prorata: ProrataOption = False,
    by: ByOption = BudgetGrouping.axe,
    output_format: TableFormatOption = TableFormat.table,
    output: OutputOption = None,
) -> None:
    """Chiffre les plans année par année : coût des actions, non chiffrées, enveloppe."""
    from ..budget.plans import budgets
    from ..budget.stream import stream

    check_output(output)
    targets, configs = targets_and_configs(plans)
    writer = stream(output_format.value, year, prorata, by.value)
    outcomes = budgets(targets, configs, year, prorata, jobs())
    # Un plan après l'autre, en parallèle sur un gros dépôt : seul le total général reste en
    # mémoire (et, en JSON, le texte des plans, écrit à la fin derrière les totaux).
    rejected = write_stream(writer, outcomes, output, "budget non calculé")
    raise typer.Exit(EXIT_FINDINGS if rejected else EXIT_OK)
