"""La ligne de commande : l'application typer, ses commandes inscrites une à une, et le point
d'entrée (`main`), qui met click en français, transforme SIGTERM en interruption propre et fait
de toute exception imprévue une « erreur interne » (code 2).

Codes de sortie : 0 tout va bien, 1 constats ou entrée invalide, 2 erreur d'usage ou de
configuration (ou erreur interne).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import click
import typer

from .. import __version__
from . import budget, check, collect, export, importing, init, report, status
from .common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from .french import (
    GROUP_SETTINGS,
    FrenchCommand,
    FrenchGroup,
    french_param_hint,
    localise_click,
)

# Les commandes, dans l'ordre de l'aide, qui est celui du travail : créer, contrôler, chiffrer,
# suivre, publier, échanger, importer, puis la documentation.
HELP_ORDER = (
    "init",
    "new",
    "validate",
    "lint",
    "budget",
    "status",
    "report",
    "export",
    "collect",
    "import",
    "rule",
    "schema",
)
# Chaque commande : une fonction d'un module de `cli/`, ou un groupe typer (`new`).
COMMANDS: dict[str, Any] = {
    "init": init.init,
    "new": init.new,
    "validate": check.validate,
    "lint": check.lint,
    "budget": budget.budget,
    "status": status.status,
    "report": report.report,
    "export": export.export,
    "collect": collect.collect,
    "import": importing.import_plan,
    "rule": check.rule,
    "schema": check.schema,
}


class EssplanGroup(FrenchGroup):
    """Le groupe racine : l'aide liste les commandes dans l'ordre du travail (`HELP_ORDER`),
    groupes compris (typer les inscrit après les commandes)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: HELP_ORDER.index(n) if n in HELP_ORDER else len(names))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"essplan {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="En cas d'erreur interne, affiche la pile d'appels.")
    ] = False,
) -> None:
    """Tenir à jour les plans d'action ESS des collectivités."""
    if isinstance(ctx.obj, dict):  # les réglages de cette exécution (voir `main`)
        ctx.obj["debug"] = debug


def build_app() -> typer.Typer:
    application = typer.Typer(
        name="essplan",
        help="Tenir à jour les plans d'action ESS des collectivités : valider, contrôler,"
        " chiffrer, publier.",
        cls=EssplanGroup,
        **GROUP_SETTINGS,
    )
    application.callback()(root)
    for name in HELP_ORDER:
        command = COMMANDS.get(name)
        if isinstance(command, typer.Typer):
            application.add_typer(command, name=name)
        elif command is not None:
            application.command(name, cls=FrenchCommand)(command)
    return application


app = build_app()


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
    settings: dict[str, Any] = {"debug": False}
    try:
        result = app(args=args, prog_name="essplan", standalone_mode=False, obj=settings)
    except click.ClickException as error:
        if isinstance(error, click.BadParameter):
            french_param_hint(error)
        error.show()
        if not args:  # `essplan` seul : l'aide, sur la sortie d'erreur
            _how_to_start()
        return error.exit_code
    except (click.Abort, KeyboardInterrupt):
        result = EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 — la garde de dernier recours
        return _internal_error(error, args, settings["debug"])
    if result == EXIT_INTERRUPTED:  # typer rend 130, sans un mot, sur Ctrl-C
        typer.echo("essplan : interrompu ; aucun fichier n'a été laissé à moitié écrit", err=True)
    return result if isinstance(result, int) else EXIT_OK


def _how_to_start() -> None:
    """`essplan` seul, hors d'un dépôt de plans : après l'aide, comment commencer."""
    from ..repository import START, find_root
    from .common import cwd

    if find_root(cwd()) is None:
        typer.echo(
            f"\nPas de dépôt de plans ici (aucun dossier plans/). Pour commencer :\n  {START}",
            err=True,
        )


def _interrupt_on_sigterm() -> None:
    """SIGTERM (CI annulée, `kill`) interrompt comme Ctrl-C : les écritures en cours se défont
    proprement (fichier temporaire supprimé, ancien fichier intact) au lieu d'un arrêt net."""
    import signal
    import threading

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _internal_error(error: Exception, args: list[str], debug: bool) -> int:
    if debug:
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
