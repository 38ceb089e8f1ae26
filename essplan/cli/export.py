"""La commande `export` : les plans en classeur, en CSV à la française, en données JSON, ou
leur adoption au format national SCDL « Délibérations » (voir `essplan/exchange/`).

Plusieurs plans vont dans un seul fichier : une colonne « Plan » en tête de chaque feuille
(xlsx, csv), un plan par élément de `plans` (json), une ligne par plan (SCDL). Un plan invalide
et rien n'est écrit (code 1) : un export qui en omettrait un sans bruit tromperait qui le lit.
Le classeur est binaire : il demande `-o FICHIER`, ou `-o -` vers un tube, jamais vers un
terminal.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from .common import (
    EXIT_FINDINGS,
    OutputOption,
    PlansArgument,
    check_output,
    emit,
    reject_invalid,
    targets_and_configs,
    usage_error,
)


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    scdl = "scdl-deliberations"


ExportFormatOption = Annotated[
    ExportFormat,
    typer.Option(
        "--format",
        "-f",
        show_default=False,
        help="xlsx (par défaut : le classeur, six feuilles), csv (les fiches), json (le plan"
        " en données), scdl-deliberations (l'adoption, format national SCDL).",
    ),
]


def export(
    plans: PlansArgument = None,
    export_format: ExportFormatOption = ExportFormat.xlsx,
    output: OutputOption = None,
) -> None:
    """Exporte les plans : classeur, CSV, JSON, ou ligne SCDL « Délibérations »."""
    check_output(output)
    if export_format is ExportFormat.xlsx:
        _check_binary_output(output)
    loaded = _load(plans)
    emit(_render(export_format, loaded), output)


def _check_binary_output(output: str | None) -> None:
    if output is None:
        usage_error(
            "le classeur xlsx s'écrit dans un fichier : ajoutez -o FICHIER.xlsx (ou -o - vers"
            " un tube)"
        )
    if output == "-" and sys.stdout.isatty():
        usage_error(
            "le classeur xlsx est un fichier binaire, illisible dans un terminal : écrivez-le"
            " avec -o FICHIER.xlsx, ou redirigez la sortie (-o - > FICHIER.xlsx)"
        )


def _load(plans: list[str] | None) -> list:
    from ..validation.validate import validate_plan

    targets, configs = targets_and_configs(plans)
    loaded = [validate_plan(target, configs[target.root].limits) for target in targets]
    rejected = [item for item in loaded if reject_invalid(item, "rien n'est exporté")]
    if rejected:
        raise typer.Exit(EXIT_FINDINGS)
    return loaded


def _render(export_format: ExportFormat, loaded: list) -> str | bytes:
    from ..exchange.csv_dialect import table_csv
    from ..exchange.plan_json import export_text
    from ..exchange.scdl import ScdlError, scdl_csv
    from ..exchange.tables import fiches_table, workbook_tables

    if export_format is ExportFormat.xlsx:
        from ..exchange.xlsx import workbook_bytes

        return workbook_bytes(workbook_tables(loaded))
    if export_format is ExportFormat.csv:
        return table_csv(fiches_table(loaded))
    if export_format is ExportFormat.json:
        return export_text(loaded)
    try:
        return scdl_csv(loaded)
    except ScdlError as error:
        for problem in error.problems:
            typer.echo(f"essplan : {problem}", err=True)
        typer.echo(
            "essplan : export SCDL impossible, rien n'est écrit ; ces clés se renseignent"
            " dans plan.yaml (docs/FORMAT.md, « Version 1.1 »)",
            err=True,
        )
        raise typer.Exit(EXIT_FINDINGS) from None
