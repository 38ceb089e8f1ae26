"""La ligne de commande : des commandes minces au-dessus de la bibliothèque.

Chaque commande appelle une fonction qui rend des données (plans chargés, diagnostics) et
confie la mise en forme à un rapporteur. Les modules lourds (pydantic, jinja) ne sont
importés que par les commandes qui s'en servent : `essplan --version` reste instantané.

Codes de sortie : 0 tout va bien, 1 constats ou entrée invalide, 2 erreur d'usage ou de
configuration (ou erreur interne).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer

from . import __version__
from .cli_fr import (
    OPTIONS_METAVAR, SUBCOMMAND_METAVAR, FrenchCommand, FrenchGroup, french_param_hint,
    localise_click,
)

app = typer.Typer(
    name="essplan",
    help="Tenir à jour les plans d'action ESS des collectivités : valider, contrôler, chiffrer,"
    " publier.",
    cls=FrenchGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    subcommand_metavar=SUBCOMMAND_METAVAR,
    options_metavar=OPTIONS_METAVAR,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


class SchemaKind(str, Enum):
    plan = "plan"
    fiche = "fiche"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"essplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Affiche la version et quitte."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="En cas d'erreur interne, affiche la pile d'appels.")
    ] = False,
) -> None:
    """Tenir à jour les plans d'action ESS des collectivités."""
    _state["debug"] = debug


_state = {"debug": False}

PlansArgument = Annotated[
    Optional[list[str]],
    typer.Argument(
        metavar="[PLAN|CHEMIN]...",
        help="Identifiants de plans (clermont-2016) ou chemins ; par défaut, tous les plans du"
        " dépôt.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--output-format", envvar="ESSPLAN_OUTPUT_FORMAT",
                 help="Format de sortie : full, concise, json, github, gitlab (Code Quality),"
                 " sarif."),
]
# Le même `-o` pour toutes les commandes (voir `destination.py`) ; `--output-file` est le nom
# que lui donne ruff, admis aussi.
OutputOption = Annotated[
    Optional[str],
    typer.Option(
        "--output", "--output-file", "-o", metavar="FICHIER", show_default=False,
        help="Écrit dans ce fichier, atomiquement (son dossier doit exister) ; « - » : la sortie"
        " standard.",
    ),
]
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", metavar="AAAA-MM", show_default=False,
                 help="Mois de référence (2026-11, 11/2026 ou novembre 2026) ; par défaut, le mois"
                 " courant."),
]


@app.command(cls=FrenchCommand)
def validate(plans: PlansArgument = None, output_format: FormatOption = OutputFormat.full) -> None:
    """Vérifie le schéma et les références des plans (à lancer en CI à chaque push)."""
    from .validate import validate_outcomes

    targets, configs = _targets_and_configs(plans)
    results = validate_outcomes(targets, configs)  # en parallèle sur un gros dépôt
    worst = _report(results, output_format.value, None, False)
    raise typer.Exit(EXIT_FINDINGS if worst else EXIT_OK)


class SeverityChoice(click.ParamType):
    """Une sévérité, en français (erreur, avertissement, info) ; l'anglais reste admis."""

    name = "sévérité"

    def get_metavar(self, *args: Any, **kwargs: Any) -> str:
        return "[erreur|avertissement|info]"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from .diagnostics import Severity

        if isinstance(value, Severity):
            return value
        try:
            return Severity.from_word(str(value))
        except ValueError:
            self.fail(f"{value!r} n'est pas une sévérité : erreur, avertissement ou info", param, ctx)


def _split_codes(values: list[str] | None) -> list[str]:
    """`--select ESS1,ESS3 --select ESS401` → ["ESS1", "ESS3", "ESS401"]."""
    return [code.strip() for value in values or [] for code in value.split(",") if code.strip()]


@app.command(cls=FrenchCommand)
def lint(
    plans: PlansArgument = None,
    output_format: FormatOption = OutputFormat.full,
    output: OutputOption = None,
    fail_on: Annotated[Any, typer.Option(
        "--fail-on", click_type=SeverityChoice(), show_default="erreur",
        help="Sévérité à partir de laquelle le code de sortie vaut 1 : erreur, avertissement ou"
        " info.",
    )] = "erreur",
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Code de sortie 0 même s'il y a des constats.",
    )] = False,
    select: Annotated[Optional[list[str]], typer.Option(
        "--select", metavar="CODES", help="Codes ou préfixes à contrôler (remplace la configuration) : ESS1,ESS302.",
    )] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(
        "--ignore", metavar="CODES", help="Codes ou préfixes à ne pas contrôler (s'ajoute à la configuration).",
    )] = None,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Affiche le nombre de constats par règle au lieu des constats (formats"
        " full, concise ou json).",
    )] = False,
    date: DateOption = None,
) -> None:
    """Trouve ce qu'un plan laisse incomplet ou incohérent (règles ESS1xx à ESS5xx)."""
    from .lint import lint_outcomes
    from .reporters import STATISTICS_FORMATS

    if statistics and output_format.value not in STATISTICS_FORMATS:
        _usage_error(f"--statistics s'écrit en {', '.join(STATISTICS_FORMATS)}, pas en"
                     f" {output_format.value}")
    reference = _reference(date)
    _check_output(output)
    targets, configs = _targets_and_configs(plans, _split_codes(select), _split_codes(ignore))
    results = lint_outcomes(targets, configs, reference)  # en parallèle sur un gros dépôt
    worst = _report(results, output_format.value, output, statistics)
    raise typer.Exit(EXIT_FINDINGS if worst and worst >= fail_on and not exit_zero else EXIT_OK)


def _reference(date: str | None):
    """Le mois de `--date` ; une erreur d'usage qui parle de l'option sinon."""
    from .lint import reference_month
    from .months import MonthError

    try:
        return reference_month(date)
    except MonthError as error:
        hint = f" ; {error.suggestion}" if error.suggestion else ""
        _usage_error(f"--date : {error}{hint} (attendu : AAAA-MM, par exemple --date 2026-11)")


class RuleFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=FrenchCommand)
def rule(
    code: Annotated[Optional[str], typer.Argument(help="Code de la règle, par exemple ESS302.")] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Liste toutes les règles.")] = False,
    output_format: Annotated[RuleFormat, typer.Option("--output-format", help="text ou json.")] = RuleFormat.text,
) -> None:
    """Explique une règle : ce qu'elle trouve, pourquoi, un exemple, comment corriger."""
    from .diagnostics import CATALOGUE
    from .lint import all_rules as load_rules
    from .rule_docs import explain, listing

    load_rules()
    if all_rules or code is None:
        sys.stdout.write(listing(CATALOGUE.values(), output_format.value))
        raise typer.Exit(EXIT_OK)
    doc = CATALOGUE.get(code.upper())
    if doc is None:
        _usage_error(f"règle inconnue « {code} » ; la liste : essplan rule --all")
    sys.stdout.write(explain(doc, output_format.value))


def _targets_and_configs(plans: list[str] | None, select: list[str] | None = None,
                         ignore: list[str] | None = None):
    """Les plans visés et la configuration de leur dépôt (`config.configs_for`) ; erreur
    d'usage sinon (code 2)."""
    from .config import ConfigError, configs_for
    from .lint import all_rules
    from .repository import UsageError, resolve_targets

    try:
        targets = resolve_targets(plans or [])
        all_rules()  # la configuration nomme des codes de règles : il faut les connaître
        configs = configs_for([target.root for target in targets], select, ignore)
    except (UsageError, ConfigError) as error:
        _usage_error(str(error))
    return targets, configs


def _report(per_plan, output_format: str, output: str | None, statistics: bool):
    """Passe les diagnostics de chaque plan au rapporteur ; rend la sévérité la plus haute.

    `per_plan` donne des couples (plan chargé, diagnostics), un plan après l'autre : la sortie
    standard est écrite au fil de l'eau, un fichier (`-o`) d'un coup, atomiquement.
    """
    from collections import Counter

    from .diagnostics import Severity
    from .reporters import REPORTERS, statistics_json, summary_line
    from .reporters import statistics as statistics_table
    from .validate import Summary

    reporter = REPORTERS[output_format]()
    summary, per_rule, severities, worst = Summary(), Counter(), {}, 0
    chunks = [] if statistics else [reporter.start()]
    streaming = output is None or output == "-"
    for loaded, diagnostics in per_plan:
        summary.add(loaded, diagnostics)
        per_rule.update(d.code for d in diagnostics)
        severities.update((d.code, d.severity) for d in diagnostics)
        worst = max([worst, *(d.severity for d in diagnostics)])
        if not statistics:
            chunks.append(reporter.plan(diagnostics))
            if streaming:
                sys.stdout.write("".join(chunks))
                sys.stdout.flush()
                chunks = []
    line = summary_line(summary.plans, summary.fiches, summary.counts, len(summary.files))
    if statistics and output_format == "json":
        chunks.append(statistics_json(per_rule, severities))
    elif statistics:
        chunks.append(statistics_table(per_rule, severities) + line + "\n")
    else:
        chunks.append(reporter.end(line))
    _emit("".join(chunks), output)
    return Severity(worst) if worst else None


def _check_output(output: str | None) -> None:
    """Un `-o` impossible est refusé avant tout travail (voir `destination.py`)."""
    from .destination import DestinationError, check_destination

    if output is not None:
        try:
            check_destination(output)
        except DestinationError as error:
            _usage_error(str(error))


def _emit(text: str, output: str | None) -> None:
    from .destination import DestinationError, write_output

    try:
        write_output(text, output)
    except DestinationError as error:
        _usage_error(str(error))


@app.command(cls=FrenchCommand)
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="plan|fiche", help="plan (plan.yaml) ou fiche.")] = SchemaKind.plan,
) -> None:
    """Affiche le schéma JSON de plan.yaml ou d'une fiche, pour la validation dans l'éditeur."""
    from .schema import json_schema_text

    sys.stdout.write(json_schema_text(kind.value))


class BudgetFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class BudgetGrouping(str, Enum):
    axe = "axe"
    fiche = "fiche"
    section = "section"


@app.command(cls=FrenchCommand)
def budget(
    plans: PlansArgument = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", "-y", metavar="ANNEE", min=1900, max=2200,
        help="L'année à chiffrer ; sans elle, une matrice de toutes les années du plan.",
    )] = None,
    prorata: Annotated[bool, typer.Option(
        "--prorata", help="Compte les coûts annuels au prorata des mois où l'action court.",
    )] = False,
    by: Annotated[BudgetGrouping, typer.Option(
        "--by", show_default=False,
        help="Regroupe les fiches par axe (par défaut), fiche ou section (table et markdown).",
    )] = BudgetGrouping.axe,
    output_format: Annotated[BudgetFormat, typer.Option(
        "--output-format", show_default=False,
        help="Format de sortie : table (par défaut), csv, json, markdown.",
    )] = BudgetFormat.table,
    output: OutputOption = None,
) -> None:
    """Chiffre les plans année par année : coût des actions, non chiffrées, enveloppe."""
    from .budget import BudgetReport, compute_matrix, compute_year
    from .budget_formats import FORMATS
    from .validate import validate_plan

    _check_output(output)
    targets, configs = _targets_and_configs(plans)
    computed, rejected = [], False
    for target in targets:  # un plan après l'autre : seul son budget reste en mémoire
        loaded = validate_plan(target, configs[target.root].limits)
        if _reject_invalid(loaded):
            rejected = True
            continue
        computed.append(compute_matrix(loaded, prorata) if year is None
                        else compute_year(loaded, year, prorata))
    text = FORMATS[output_format.value](BudgetReport(year, prorata, tuple(computed)), by.value)
    _emit(text, output)
    raise typer.Exit(EXIT_FINDINGS if rejected else EXIT_OK)


def _reject_invalid(loaded, what: str = "budget non calculé") -> bool:
    """Un plan qui ne se valide pas n'a ni budget ni rapport : ses erreurs vont sur la sortie
    d'erreur."""
    from .diagnostics import Severity
    from .reporters import ConciseReporter

    errors = [d for d in loaded.diagnostics if d.severity >= Severity.ERROR]
    if loaded.plan is not None and not errors:
        return False
    sys.stderr.write(ConciseReporter().plan(errors))
    typer.echo(f"essplan : {loaded.id} : plan invalide, {what}"
               f" (détail : essplan validate {loaded.display})", err=True)
    return True


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command(cls=FrenchCommand)
def report(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Identifiant ou chemin du plan.")],
    template: Annotated[str, typer.Option(
        "--template", "-t", metavar="MODELE",
        help="annexe, deliberation, synthese, ou le chemin d'un modèle .md.j2 / .html.j2.",
    )] = "annexe",
    output_format: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", show_default=False,
        help="markdown ou html (par défaut : html, ou celui du nom du modèle donné par chemin).",
    )] = None,
    output: Annotated[Optional[str], typer.Option(
        "--output", "--output-file", "-o", metavar="FICHIER", show_default=False,
        help="Fichier produit, atomiquement (son dossier doit exister) ; « - » : la sortie"
        " standard. Par défaut : build/<plan>/<modèle>.<html|md> à la racine du dépôt.",
    )] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="AAAA-MM", show_default=False,
        help="Date de situation imprimée dans le document ; sans elle, aucune date n'y figure"
        " (sortie identique d'un jour à l'autre).",
    )] = None,
) -> None:
    """Produit l'annexe de la délibération, la délibération ou la synthèse d'un plan."""
    from .report import ReportError, UnknownTemplate, render_report
    from .validate import validate_plan

    month = _reference(date) if date else None
    _check_output(output)
    targets, configs = _targets_and_configs([plan])
    if len(targets) != 1:
        _usage_error(f"« {plan} » désigne {len(targets)} plans : un rapport porte sur un seul plan")
    target = targets[0]
    chosen = (output_format.value if output_format else
              "markdown" if template.endswith(".md.j2") else "html")
    config = configs[target.root]
    loaded = validate_plan(target, config.limits)
    if _reject_invalid(loaded, "rapport non produit"):
        raise typer.Exit(EXIT_FINDINGS)
    try:
        text = render_report(loaded, template, chosen, month, target.root, config)
    except UnknownTemplate as error:
        _usage_error(str(error))
    except ReportError as error:
        typer.echo(f"essplan : {error}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    destination = output or _default_report_path(target, template, chosen)
    _emit(text, destination)
    if destination != "-":
        typer.echo(f"Écrit : {destination}")


def _default_report_path(target, template: str, output_format: str) -> str:
    """`build/<plan>/<modèle>.<ext>` à la racine du dépôt : le seul dossier qu'essplan crée."""
    from .render import EXTENSIONS
    from .repository import shown

    name = Path(template).name.removesuffix(".j2").removesuffix(".md").removesuffix(".html")
    folder = target.root / "build" / target.folder.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from .french import os_error

        _usage_error(f"impossible de créer le dossier « {shown(folder, Path.cwd())} » :"
                     f" {os_error(error)}")
    return shown(folder / f"{name}.{EXTENSIONS[output_format]}", Path.cwd())


@app.command("import", cls=FrenchCommand)
def import_plan(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE.txt", show_default=False,
        help="Le texte de la délibération (pdftotext délibération.pdf) ; « - » : l'entrée standard.",
    )],
    plan: Annotated[str, typer.Option(
        "--plan", metavar="PLAN_ID", show_default=False,
        help="Identifiant du plan créé : minuscules sans accent, chiffres et tirets (clermont-2016).",
    )],
    into: Annotated[Optional[Path], typer.Option(
        "--into", metavar="DOSSIER", show_default=False,
        help="Le dossier des plans ; par défaut, plans/ du dépôt courant.",
    )] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplace un dossier de plan existant.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="N'écrit rien : affiche les fichiers qui seraient écrits et leur contenu.",
    )] = False,
) -> None:
    """Importe le texte d'une délibération (pdftotext) en dossier de plan, puis le contrôle.

    SOURCE.txt est le texte extrait du PDF, en UTF-8 ; « - » le lit sur l'entrée standard.
    """
    from .config import ConfigError
    from .importer import ImportFailure, format_run, run_import
    from .repository import UsageError

    try:
        run = run_import(source, plan, into, sys.stdin, force=force, dry_run=dry_run)
    except (UsageError, ConfigError) as error:
        _usage_error(str(error))
    except ImportFailure as error:
        typer.echo(f"essplan : {error}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    sys.stdout.write(format_run(run))
    # Le plan est écrit, mais une erreur (de validation, ou de lint au niveau « erreur ») dit
    # qu'il n'est pas encore utilisable : code 1, comme `essplan lint`.
    raise typer.Exit(EXIT_FINDINGS if any(d.severity >= 3 for d in run.diagnostics) else EXIT_OK)


def _usage_error(message: str) -> None:
    typer.echo(f"essplan : {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _resolve_annotations(typer_app: typer.Typer) -> None:
    """Évalue une fois les annotations des commandes (des textes, à cause de `from __future__
    import annotations`) : typer les évaluerait quatre fois par commande à chaque lancement,
    soit 6 ms, la moitié de ce que coûte `essplan --version` une fois les modules importés
    (benchmarks/results.md). En cas d'échec, typer refait l'évaluation et dit pourquoi."""
    from typing import get_type_hints

    infos = [*typer_app.registered_commands, typer_app.registered_callback]
    for info in infos:
        callback = getattr(info, "callback", None)
        annotations = getattr(callback, "__annotations__", None) or {}
        if any(isinstance(a, str) for a in annotations.values()):
            try:
                callback.__annotations__ = get_type_hints(callback, include_extras=True)
            except Exception:  # noqa: BLE001 — typer refera l'évaluation et signalera l'erreur
                pass
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _resolve_annotations(group.typer_instance)


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : toute exception imprévue devient « erreur interne », code 2."""
    args = sys.argv[1:] if argv is None else argv
    localise_click()
    _resolve_annotations(app)
    _interrupt_on_sigterm()
    try:
        result = app(args=args, prog_name="essplan", standalone_mode=False)
    except click.ClickException as error:
        if isinstance(error, click.BadParameter):
            french_param_hint(error)
        error.show()
        return error.exit_code
    except (click.Abort, KeyboardInterrupt):
        result = EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 — la garde de dernier recours
        return _internal_error(error, args)
    if result == EXIT_INTERRUPTED:  # typer rend 130, sans un mot, sur Ctrl-C
        typer.echo("essplan : interrompu ; aucun fichier n'a été laissé à moitié écrit", err=True)
    return result if isinstance(result, int) else EXIT_OK


def _interrupt_on_sigterm() -> None:
    """SIGTERM (CI annulée, `kill`) interrompt comme Ctrl-C : les écritures en cours se défont
    proprement (fichier temporaire supprimé, ancien fichier intact) au lieu d'un arrêt net."""
    import signal
    import threading

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _internal_error(error: Exception, args: list[str]) -> int:
    if _state["debug"] or "--debug" in args:
        import traceback

        traceback.print_exception(error)
    typer.echo(
        f"essplan : erreur interne ({type(error).__name__} : {error})\n"
        f"  commande : essplan {' '.join(args)}\n"
        f"  version : {__version__}\n"
        "  Ce n'est pas une erreur de votre plan : merci de signaler ce problème aux"
        " mainteneurs d'essplan avec la commande ci-dessus (relancez avec --debug pour"
        " obtenir la pile d'appels).",
        err=True,
    )
    return EXIT_USAGE


def run() -> None:
    sys.exit(main())
