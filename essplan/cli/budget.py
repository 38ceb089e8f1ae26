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
    check_output,
    emit,
    reject_invalid,
    targets_and_configs,
    year_option,
)


class BudgetFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


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
BudgetFormatOption = Annotated[
    BudgetFormat,
    typer.Option(
        "--output-format",
        show_default=False,
        help="Format de sortie : table (par défaut), csv, json, markdown.",
    ),
]


def budget(
    plans: PlansArgument = None,
    year: YearOption = None,
    prorata: ProrataOption = False,
    by: ByOption = BudgetGrouping.axe,
    output_format: BudgetFormatOption = BudgetFormat.table,
    output: OutputOption = None,
) -> None:
    """Chiffre les plans année par année : coût des actions, non chiffrées, enveloppe."""
    from ..budget import FORMATS, BudgetReport, compute_matrix, compute_year
    from ..validation.validate import validate_plan

    check_output(output)
    targets, configs = targets_and_configs(plans)
    computed, rejected = [], False
    for target in targets:  # un plan après l'autre : seul son budget reste en mémoire
        loaded = validate_plan(target, configs[target.root].limits)
        if reject_invalid(loaded, "budget non calculé"):
            rejected = True
            continue
        computed.append(
            compute_matrix(loaded, prorata) if year is None else compute_year(loaded, year, prorata)
        )
    text = FORMATS[output_format.value](BudgetReport(year, prorata, tuple(computed)), by.value)
    emit(text, output)
    raise typer.Exit(EXIT_FINDINGS if rejected else EXIT_OK)
