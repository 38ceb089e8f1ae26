"""La commande `report` : l'annexe de la délibération, la délibération, la synthèse ou le bilan
annuel d'un plan (voir `essplan/documents/`).

`--year` est l'année du bilan : obligatoire avec `-t bilan`, refusée avec les trois autres
modèles livrés (ils ne portent sur aucune année : l'ignorer laisserait croire qu'une annexe
« de 2022 » a été produite), transmise à un modèle donné par son chemin. `--date` n'a pas de
sens pour un bilan, arrêté en décembre de son année : refusée aussi. La synthèse lit les statuts
à `--date`, sinon au mois courant.

`-f pdf` rend le document HTML, puis le met en page par WeasyPrint (`documents/pdf.py`) ;
`--pdf-variant` ne s'emploie qu'avec lui. Un PDF n'est pas envoyé à un terminal ; WeasyPrint
absent, ou ses bibliothèques, est une erreur d'usage qui dit quoi installer, avant tout travail.
"""

from __future__ import annotations

import sys
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
    pdf = "pdf"


class PdfVariant(StrEnum):
    a2b = "pdf/a-2b"
    a3b = "pdf/a-3b"


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
        help="markdown, html ou pdf (par défaut : html, ou celui du nom du modèle donné par"
        " chemin).",
    ),
]
ReportOutputOption = Annotated[
    str | None,
    output_option(
        "Fichier produit, atomiquement (son dossier doit exister) ; « - » : la sortie"
        " standard. Par défaut : build/<plan>/<modèle>.<html|md|pdf> à la racine du dépôt."
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

PdfVariantOption = Annotated[
    PdfVariant | None,
    typer.Option(
        "--pdf-variant",
        metavar="VARIANTE",
        show_default=False,
        help="Avec -f pdf : pdf/a-2b ou pdf/a-3b, le PDF/A des archives (ISO 19005).",
    ),
]


def report(
    plan: PlanArgument,
    template: TemplateOption = "annexe",
    output_format: FormatOption = None,
    output: ReportOutputOption = None,
    date: SituationOption = None,
    year: BilanYearOption = None,
    pdf_variant: PdfVariantOption = None,
) -> None:
    """Produit l'annexe de la délibération, la délibération, la synthèse ou le bilan annuel d'un
    plan."""
    from ..documents.report import output_format_for

    _check_year(template, year, date)
    chosen = output_format_for(template, output_format.value if output_format else None, output)
    _check_pdf(template, chosen, pdf_variant, output)
    month = reference(date) if date else None
    check_output(output)
    targets, configs = targets_and_configs([plan])
    if len(targets) != 1:
        usage_error(f"« {plan} » désigne {len(targets)} plans : un rapport porte sur un seul plan")
    target = targets[0]
    dates = (month, month or reference(None), year)
    rendered = "html" if chosen == "pdf" else chosen
    text = _render(target, configs[target.root], template, rendered, dates)
    content = _pdf(text, template, pdf_variant) if chosen == "pdf" else text
    destination = output or _default_destination(target, template, chosen)
    emit(content, destination)
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


def _check_pdf(template: str, chosen: str, variant: PdfVariant | None, output: str | None) -> None:
    """Ce que `-f pdf` demande, vérifié avant tout travail (voir en tête)."""
    from ..documents.pdf import PdfUnavailable, engine

    if chosen != "pdf":
        if variant is not None:
            usage_error(f"--pdf-variant ne s'emploie qu'avec -f pdf (le format est ici {chosen})")
        return
    if template.endswith(".md.j2"):
        usage_error(
            f"-f pdf met en page un modèle HTML : « {template} » est un modèle Markdown (.md.j2)"
        )
    if output == "-" and sys.stdout.isatty():
        usage_error(
            "un PDF ne s'affiche pas dans un terminal : écrivez-le dans un fichier"
            " (-o annexe.pdf), ou redirigez la sortie standard (-o - > annexe.pdf)"
        )
    try:
        engine()
    except PdfUnavailable as error:
        usage_error(str(error))


def _pdf(html: str, template: str, variant: PdfVariant | None) -> bytes:
    """Le PDF du document ; une adresse qu'il demandait (un modèle à soi) est refusée et dite,
    un document que WeasyPrint ne peut pas mettre en page est la faute du modèle (code 1)."""
    from ..documents.pdf import PdfLayoutError, render_pdf
    from ..french import citation, shortened

    try:
        document = render_pdf(html, variant.value if variant else None)
    except PdfLayoutError as error:
        typer.echo(f"essplan : modèle « {template} » : {error} ; simplifiez-le", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    if document.refused:
        shown = [f"« {citation(' '.join(url.split()))} »" for url in document.refused[:3]]
        typer.echo(
            "essplan : attention : le PDF ne charge rien hors du document (sauf les adresses"
            f" data:) ; non chargé : {shortened(shown, len(document.refused))}",
            err=True,
        )
    return document.data


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
