"""La commande `report` : l'annexe de la délibération, la délibération, la synthèse ou le bilan
annuel d'un plan (voir `essplan/documents/`).

`--year` est l'année du bilan : obligatoire avec `-t bilan`, refusée avec les trois autres
modèles livrés (ils ne portent sur aucune année : l'ignorer laisserait croire qu'une annexe
« de 2022 » a été produite), transmise à un modèle donné par son chemin. `--date` n'a pas de
sens pour un bilan, arrêté en décembre de son année : refusée aussi. La synthèse lit les statuts
à `--date`, sinon au mois courant.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from .common import (
    EXIT_FINDINGS,
    check_output,
    cwd,
    emit,
    output_option,
    reference,
    reject_invalid,
    targets_and_configs,
    usage_error,
    year_option,
)


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


PlanArgument = Annotated[str, typer.Argument(metavar="PLAN", help="Identifiant ou chemin du plan.")]
TemplateOption = Annotated[
    str,
    typer.Option(
        "--template",
        "-t",
        metavar="MODELE",
        help="annexe, deliberation, synthese, bilan (avec --year), ou le chemin d'un modèle"
        " .md.j2 / .html.j2.",
    ),
]
FormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        show_default=False,
        help="markdown ou html (par défaut : html, ou celui du nom du modèle donné par chemin).",
    ),
]
ReportOutputOption = Annotated[
    str | None,
    output_option(
        "Fichier produit, atomiquement (son dossier doit exister) ; « - » : la sortie"
        " standard. Par défaut : build/<plan>/<modèle>.<html|md> à la racine du dépôt."
    ),
]
SituationOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="AAAA-MM",
        show_default=False,
        help="Date de situation imprimée dans le document, et date des statuts de la synthèse"
        " (par défaut, le mois courant) ; sans elle, aucune date n'y figure.",
    ),
]
BilanYearOption = Annotated[
    int | None,
    year_option("L'année du bilan : obligatoire avec -t bilan, arrêté en décembre de cette année."),
]


def report(
    plan: PlanArgument,
    template: TemplateOption = "annexe",
    output_format: FormatOption = None,
    output: ReportOutputOption = None,
    date: SituationOption = None,
    year: BilanYearOption = None,
) -> None:
    """Produit l'annexe de la délibération, la délibération, la synthèse ou le bilan annuel d'un
    plan."""
    from ..documents.report import output_format_for

    _check_year(template, year, date)
    month = reference(date) if date else None
    check_output(output)
    targets, configs = targets_and_configs([plan])
    if len(targets) != 1:
        usage_error(f"« {plan} » désigne {len(targets)} plans : un rapport porte sur un seul plan")
    target = targets[0]
    chosen = output_format_for(template, output_format.value if output_format else None)
    dates = (month, month or reference(None), year)
    text = _render(target, configs[target.root], template, chosen, dates)
    destination = output or _default_destination(target, template, chosen)
    emit(text, destination)
    if destination != "-":
        typer.echo(f"Écrit : {destination}")


def _check_year(template: str, year: int | None, date: str | None) -> None:
    """`--year` avec le bilan, et seulement avec lui parmi les modèles livrés (voir en tête)."""
    from ..documents.report import NEEDS_YEAR, TEMPLATES

    if template == NEEDS_YEAR and year is None:
        usage_error("le bilan porte sur une année : --year est obligatoire (-t bilan --year 2022)")
    if template == NEEDS_YEAR and date is not None:
        usage_error(
            "--date ne s'emploie pas avec -t bilan : le bilan est arrêté en décembre de --year"
        )
    if year is not None and template in TEMPLATES and template != NEEDS_YEAR:
        usage_error(
            f"--year ne s'emploie qu'avec -t bilan : le modèle « {template} » ne porte"
            " sur aucune année"
        )


def _render(target: Any, config: Any, template: str, output_format: str, dates: tuple) -> str:
    """Le document d'un plan valide ; code 1 pour un plan invalide ou un modèle fautif, 2 pour
    un modèle inconnu. `dates` : la date de situation (ou None), la date de contrôle, l'année."""
    from ..documents.report import ReportError, UnknownTemplate, render_report
    from ..validation.validate import validate_plan

    loaded = validate_plan(target, config.limits)
    if reject_invalid(loaded, "rapport non produit"):
        raise typer.Exit(EXIT_FINDINGS)
    try:
        month, check, year = dates
        return render_report(
            loaded, template, output_format, month, target.root, config, year=year, check=check
        )
    except UnknownTemplate as error:
        usage_error(str(error))
    except ReportError as error:
        typer.echo(f"essplan : {error}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None


def _default_destination(target: Any, template: str, output_format: str) -> str:
    """`build/<plan>/<modèle>.<ext>` : le seul dossier qu'essplan crée pour écrire."""
    from ..destination import DestinationError, check_outside_plans
    from ..documents.report import default_output
    from ..french import os_error
    from ..repository import shown

    path = default_output(target.root, target.folder.name, template, output_format)
    try:
        # build/ en lien vers un plan : refusé avant de créer un dossier dans le plan
        check_outside_plans(str(path), cwd())
    except DestinationError as error:
        usage_error(str(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        usage_error(
            f"impossible de créer le dossier « {shown(path.parent, cwd())} » : {os_error(error)}"
        )
    return shown(path, cwd())
