"""La commande `collect` : la collecte annuelle du suivi auprès des pilotes (voir
`essplan/collect/`). Sans `--merge`, elle écrit le classeur à remplir ; avec `--merge`, elle le
relit et montre ce qu'il changerait ; avec `--write` en plus, elle l'écrit dans le plan."""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OutputOption,
    check_output,
    cwd,
    reference,
    reject_invalid,
    targets_and_configs,
    usage_error,
    year_option,
)

PlanArgument = Annotated[
    str,
    typer.Argument(
        metavar="PLAN|CHEMIN",
        show_default=False,
        help="Le plan (identifiant, comme clermont-2016, ou chemin de son dossier).",
    ),
]
YearOption = Annotated[
    int | None,
    year_option("L'année collectée (nécessaire pour écrire le classeur ; avec --merge, vérifiée)."),
]
MergeOption = Annotated[
    str | None,
    typer.Option(
        "--merge",
        metavar="CLASSEUR",
        show_default=False,
        help="Relit ce classeur rempli et affiche ce qu'il changerait dans le plan.",
    ),
]
WriteOption = Annotated[
    bool,
    typer.Option("--write", help="Avec --merge : écrit les modifications dans les fiches."),
]


def collect(
    plan: PlanArgument,
    year: YearOption = None,
    output: OutputOption = None,
    merge: MergeOption = None,
    write: WriteOption = False,
) -> None:
    """Collecte le suivi d'une année : un classeur xlsx pour les pilotes, puis sa fusion."""
    if merge is None:
        _write_workbook(plan, year, output, write)
    if output is not None:
        usage_error("-o ne va pas avec --merge : la fusion écrit dans les fiches (--write)")
    _merge(plan, merge, year, write)


def _one_plan(plan: str):
    targets, configs = targets_and_configs([plan])
    if len(targets) != 1:
        usage_error(f"« {plan} » désigne {len(targets)} plans : collect travaille sur un seul")
    return targets[0], configs[targets[0].root]


def _write_workbook(plan: str, year: int | None, output: str | None, write: bool) -> NoReturn:
    from .. import atomic
    from ..collect.workbook import collect_workbook
    from ..validation.validate import validate_plan

    if write:
        usage_error("--write ne va qu'avec --merge CLASSEUR")
    if year is None:
        usage_error("--year ANNEE manque : l'année à collecter (par exemple --year 2023)")
    if (output is None or output == "-") and sys.stdout.isatty():
        usage_error(
            "un classeur xlsx ne s'affiche pas dans un terminal : donnez -o FICHIER"
            f" (par exemple -o collecte-{year}.xlsx)"
        )
    check_output(output)
    target, config = _one_plan(plan)
    loaded = validate_plan(target, config.limits)
    if reject_invalid(loaded, "classeur non écrit"):
        raise typer.Exit(EXIT_FINDINGS)
    data = collect_workbook(loaded, year)
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        raise typer.Exit(EXIT_OK)
    _save(atomic, output, data)
    typer.echo(f"Classeur de collecte {year} écrit : {output} ({len(loaded.fiches)} fiches)")
    raise typer.Exit(EXIT_OK)


def _save(atomic, output: str, data: bytes) -> None:
    from ..french import os_error

    try:
        atomic.write_atomic(cwd() / output, data)
    except OSError as error:
        usage_error(f"impossible d'écrire « {output} » : {os_error(error)}")


def _merge(plan: str, workbook: str, year: int | None, write: bool) -> None:
    from ..collect.diff import render
    from ..collect.merge import merge_workbook
    from ..collect.rewrite import ApplyError
    from ..french import os_error
    from ..locking import PlansBusy

    target, config = _one_plan(plan)
    data = _read_workbook(workbook, config.limits.max_file_bytes)
    try:
        merged = merge_workbook(
            target, data, workbook, reference(None), config.limits, cwd(), write, year
        )
    except (ApplyError, PlansBusy) as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"impossible d'écrire dans {target.display} : {os_error(error)} ; rien n'est écrit")
    if merged.loaded is not None and reject_invalid(merged.loaded, "rien n'est fusionné"):
        raise typer.Exit(EXIT_FINDINGS)
    if merged.problems:
        for problem in merged.problems:
            typer.echo(f"{workbook} : {problem}", err=True)
        count = len(merged.problems)
        _fail(f"{count} erreur{'s' if count > 1 else ''} dans {workbook} : rien n'est écrit")
    if merged.invalid:
        from ..output.reporters import ConciseReporter

        sys.stderr.write(ConciseReporter().plan(merged.invalid))
        _fail("le plan ne serait plus valide avec ces valeurs : rien n'est écrit")
    typer.echo(render(merged.files, merged.written), nl=False)
    raise typer.Exit(EXIT_OK)


def _read_workbook(workbook: str, limit: int) -> bytes:
    from ..reading.files import Refused, read_bounded

    try:
        return read_bounded(cwd() / workbook, limit)
    except Refused as error:
        usage_error(f"impossible de lire « {workbook} » : {error}")


def _fail(message: str):
    typer.echo(f"essplan : {message}", err=True)
    raise typer.Exit(EXIT_FINDINGS)
