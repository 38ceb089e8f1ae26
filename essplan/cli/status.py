"""La commande `status` : le tableau de bord du suivi à une date (voir `essplan/suivi/`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ..suivi.formats import StatusStream

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    DateOption,
    OutputOption,
    PlansArgument,
    TableFormat,
    TableFormatOption,
    check_output,
    emit,
    jobs,
    reference,
    reject_invalid,
    targets_and_configs,
)


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
    rejected = _write(writer, dashboards(targets, configs, month, jobs()), output)
    raise typer.Exit(EXIT_FINDINGS if rejected else EXIT_OK)


def _write(writer: StatusStream, outcomes: Iterable[Any], output: str | None) -> bool:
    """Écrit chaque tableau de bord ; un plan invalide est dit sur la sortie d'erreur. Rend
    vrai s'il y en a eu un.

    La sortie standard reçoit chaque plan dès qu'il est calculé ; un fichier (`-o`) s'écrit
    d'un coup, atomiquement."""
    from ..suivi.dashboard import InvalidPlan

    streaming = output is None or output == "-"
    chunks, rejected = [writer.start()], False
    for outcome in outcomes:
        if isinstance(outcome, InvalidPlan):
            rejected = reject_invalid(outcome, "tableau de bord non calculé") or rejected
            continue
        chunks.append(writer.plan(outcome))
        if streaming:
            sys.stdout.write("".join(chunks))
            sys.stdout.flush()
            chunks = []
    chunks.append(writer.end())
    emit("".join(chunks), output)
    return rejected
