"""La commande `status` : le tableau de bord du suivi à une date (voir `essplan/suivi/`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    DateOption,
    OutputOption,
    PlansArgument,
    TableFormat,
    TableFormatOption,
    check_output,
    jobs,
    reference,
    targets_and_configs,
)
from .streaming import write_stream


class StatusGrouping(StrEnum):
    axe = "axe"
    pilote = "pilote"
    statut = "statut"


ByOption = Annotated[
    StatusGrouping,
    typer.Option(
        "--by",
        show_default=False,
        help="Regroupe les actions par axe (par défaut) ou par statut, ou ce qui est à relancer"
        " par pilote (table et markdown).",
    ),
]


def status(
    plans: PlansArgument = None,
    date: DateOption = None,
    by: ByOption = StatusGrouping.axe,
    output_format: TableFormatOption = TableFormat.table,
    output: OutputOption = None,
) -> None:
    """Le tableau de bord du suivi : statuts, retards, échéances, indicateurs, dépenses.

    Code de sortie 0 même s'il y a des actions en retard : le tableau informe, une CI peut
    l'imprimer chaque trimestre sans échouer (pour échouer : essplan lint, règles ESS205, ESS601
    et ESS602) ; 1 si un plan est invalide ; 2 si une option, la date ou un plan est faux.
    """
    from ..suivi.dashboard import dashboards
    from ..suivi.formats import stream

    month = reference(date)
    check_output(output)
    targets, configs = targets_and_configs(plans)
    writer = stream(output_format.value, month, by.value)
    rejected = write_stream(writer, dashboards(targets, configs, month, jobs()), output, WHAT)
    raise typer.Exit(EXIT_FINDINGS if rejected else EXIT_OK)


WHAT = "tableau de bord non calculé"
