"""Les commandes qui contrôlent : `validate`, `lint`, et leur documentation, `rule` et
`schema`. Chacune appelle la bibliothèque, qui rend des données, et confie la mise en forme à
un rapporteur (`output/`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import click
import typer

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    DateOption,
    NoCacheOption,
    OutputOption,
    PlansArgument,
    cache_key,
    check_output,
    emit,
    jobs,
    reference,
    targets_and_configs,
    usage_error,
)


class OutputFormat(StrEnum):
    full = "full"
    concise = "concise"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--output-format",
        envvar="ESSPLAN_OUTPUT_FORMAT",
        help="Format de sortie : full, concise, json, github, gitlab (Code Quality), sarif.",
    ),
]


def validate(
    plans: PlansArgument = None,
    output_format: FormatOption = OutputFormat.full,
    no_cache: NoCacheOption = False,
) -> None:
    """Vérifie le schéma et les références des plans (à lancer en CI à chaque push)."""
    from ..validation.validate import validate_outcomes

    targets, configs = targets_and_configs(plans)
    # en parallèle sur un gros dépôt ; une fiche inchangée sort du cache
    results = validate_outcomes(targets, configs, jobs(), cache_key(no_cache))
    worst = report_run(results, output_format.value, None, False)
    raise typer.Exit(EXIT_FINDINGS if worst else EXIT_OK)


class SeverityChoice(click.ParamType):
    """Une sévérité, en français (erreur, avertissement, info) ; l'anglais reste admis."""

    name = "sévérité"

    def get_metavar(self, *args: Any, **kwargs: Any) -> str:
        return "[erreur|avertissement|info]"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from ..diagnostics import Severity

        if isinstance(value, Severity):
            return value
        try:
            return Severity.from_word(str(value))
        except ValueError:
            self.fail(
                f"{value!r} n'est pas une sévérité : erreur, avertissement ou info", param, ctx
            )


def _split_codes(values: list[str] | None) -> list[str]:
    """`--select ESS1,ESS3 --select ESS401` → ["ESS1", "ESS3", "ESS401"]."""
    return [code.strip() for value in values or [] for code in value.split(",") if code.strip()]


FailOnOption = Annotated[
    Any,
    typer.Option(
        "--fail-on",
        click_type=SeverityChoice(),
        show_default="erreur",
        help="Sévérité à partir de laquelle le code de sortie vaut 1 : erreur, avertissement ou"
        " info.",
    ),
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Code de sortie 0 même s'il y a des constats.")
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        help="Codes ou préfixes à contrôler (remplace la configuration) : ESS1,ESS302.",
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODES",
        help="Codes ou préfixes à ne pas contrôler (s'ajoute à la configuration).",
    ),
]
StatisticsOption = Annotated[
    bool,
    typer.Option(
        "--statistics",
        help="Affiche le nombre de constats par règle au lieu des constats (formats"
        " full, concise ou json).",
    ),
]


def lint(
    plans: PlansArgument = None,
    output_format: FormatOption = OutputFormat.full,
    output: OutputOption = None,
    fail_on: FailOnOption = "erreur",
    exit_zero: ExitZeroOption = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    statistics: StatisticsOption = False,
    date: DateOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Trouve ce qu'un plan laisse incomplet ou incohérent (règles ESS1xx à ESS5xx)."""
    from ..lint.engine import lint_outcomes
    from ..output.summary import STATISTICS_FORMATS

    if statistics and output_format.value not in STATISTICS_FORMATS:
        usage_error(
            f"--statistics s'écrit en {', '.join(STATISTICS_FORMATS)}, pas en {output_format.value}"
        )
    month = reference(date)
    check_output(output)
    targets, configs = targets_and_configs(plans, _split_codes(select), _split_codes(ignore))
    # en parallèle sur un gros dépôt ; une fiche inchangée sort du cache
    results = lint_outcomes(targets, configs, month, jobs(), cache_key(no_cache))
    worst = report_run(results, output_format.value, output, statistics)
    raise typer.Exit(EXIT_FINDINGS if worst and worst >= fail_on and not exit_zero else EXIT_OK)


def report_run(
    per_plan: Iterable[Any], output_format: str, output: str | None, statistics: bool
) -> Any:
    """Passe les diagnostics de chaque plan au rapporteur ; rend la sévérité la plus haute.

    `per_plan` donne des couples (plan, diagnostics), un plan après l'autre : la sortie standard
    est écrite au fil de l'eau, un fichier (`-o`) d'un coup, atomiquement.
    """
    from ..output.reporters import REPORTERS
    from ..output.summary import RunSummary

    # Seul SARIF cite le catalogue des règles : ailleurs, validate n'importe pas le linter.
    reporter = REPORTERS[output_format](_catalogue() if output_format == "sarif" else None)
    summary = RunSummary()
    chunks = [] if statistics else [reporter.start()]
    streaming = output is None or output == "-"
    for outcome, diagnostics in per_plan:
        summary.add(outcome.fiche_files, diagnostics)
        if not statistics:
            chunks.append(reporter.plan(diagnostics))
            if streaming:
                sys.stdout.write("".join(chunks))
                sys.stdout.flush()
                chunks = []
    chunks.append(summary.statistics(output_format) if statistics else reporter.end(summary.line()))
    emit("".join(chunks), output)
    return summary.worst


def _catalogue() -> Any:
    from ..lint.catalogue import catalogue

    return catalogue()


class RuleFormat(StrEnum):
    text = "text"
    json = "json"


def rule(
    code: Annotated[
        str | None, typer.Argument(help="Code de la règle, par exemple ESS302.")
    ] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Liste toutes les règles.")] = False,
    output_format: Annotated[
        RuleFormat, typer.Option("--output-format", help="text ou json.")
    ] = RuleFormat.text,
) -> None:
    """Explique une règle : ce qu'elle trouve, pourquoi, un exemple, comment corriger."""
    from ..lint.catalogue import catalogue
    from ..lint.docs import explain, listing

    codes = catalogue()
    if all_rules or code is None:
        sys.stdout.write(listing(codes.values(), output_format.value))
        raise typer.Exit(EXIT_OK)
    doc = codes.get(code.upper())
    if doc is None:
        usage_error(f"règle inconnue « {code} » ; la liste : essplan rule --all")
    sys.stdout.write(explain(doc, output_format.value))


class SchemaKind(StrEnum):
    plan = "plan"
    fiche = "fiche"
    export = "export"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="plan|fiche|export",
            help="plan (plan.yaml), fiche, ou export (la sortie de essplan export --format json).",
        ),
    ] = SchemaKind.plan,
) -> None:
    """Affiche le schéma JSON de plan.yaml, d'une fiche (pour la validation dans l'éditeur) ou
    de l'export JSON."""
    if kind is SchemaKind.export:
        from ..exchange.plan_json import export_schema_text

        sys.stdout.write(export_schema_text())
        return
    from ..model.schema import packaged_schema_text

    sys.stdout.write(packaged_schema_text(kind.value))
