"""La ligne de commande : des commandes minces au-dessus de la bibliothèque.

Chaque commande appelle une fonction qui rend des données (plans chargés, diagnostics) et
confie la mise en forme à un rapporteur. Les modules lourds (pydantic, jinja, rich) ne sont
importés que par les commandes qui s'en servent : `essplan --version` reste instantané.

Codes de sortie : 0 tout va bien, 1 erreurs trouvées ou entrée invalide, 2 erreur d'usage ou
erreur interne.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .cli_fr import localise_click

localise_click()

app = typer.Typer(
    name="essplan",
    help="Tenir à jour les plans d'action ESS des collectivités : valider, contrôler, chiffrer,"
    " publier.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    json = "json"
    github = "github"


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
                 help="Format de sortie : full, concise, json, github."),
]


@app.command()
def validate(plans: PlansArgument = None, output_format: FormatOption = OutputFormat.full) -> None:
    """Vérifie le schéma et les références des plans (à lancer en CI à chaque push)."""
    from .repository import UsageError, resolve_targets
    from .reporters import REPORTERS, summary_line
    from .validate import Summary, validate as validate_plans

    try:
        targets = resolve_targets(plans or [])
    except UsageError as error:
        _usage_error(str(error))
    reporter = REPORTERS[output_format.value]()
    summary = Summary()
    out = sys.stdout
    out.write(reporter.start())
    for loaded in validate_plans(targets):
        summary.add(loaded, loaded.diagnostics)
        out.write(reporter.plan(loaded.diagnostics))
        out.flush()
    out.write(reporter.end(summary_line(summary.plans, summary.fiches, summary.counts, len(summary.files))))
    raise typer.Exit(EXIT_FINDINGS if summary.counts else EXIT_OK)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="plan (plan.yaml) ou fiche.")] = SchemaKind.plan,
) -> None:
    """Affiche le schéma JSON de plan.yaml ou d'une fiche, pour la validation dans l'éditeur."""
    from .schema import json_schema_text

    sys.stdout.write(json_schema_text(kind.value))


def _usage_error(message: str) -> None:
    typer.echo(f"essplan : {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : toute exception imprévue devient « erreur interne », code 2."""
    import click

    args = sys.argv[1:] if argv is None else argv
    try:
        result = app(args=args, prog_name="essplan", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        typer.echo("essplan : interrompu", err=True)
        return 130
    except KeyboardInterrupt:
        typer.echo("essplan : interrompu", err=True)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 — la garde de dernier recours
        return _internal_error(error, args)
    return result if isinstance(result, int) else EXIT_OK


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
