"""Ce que les commandes partagent : les options communes, les plans visés et leur
configuration, la règle des `-o`, la date de contrôle, les codes de sortie.

C'est ici, et nulle part ailleurs dans essplan, qu'on lit le dossier courant, l'environnement
(`ESSPLAN_JOBS`) et la date du jour ; la bibliothèque les reçoit en arguments.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Collection, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from ..config import Config
    from ..model.months import Month
    from ..repository import PlanTarget

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# `ESSPLAN_JOBS` : 1 pour un seul processus, N pour N processus ; absent (ou 0) : automatique.
JOBS_VARIABLE = "ESSPLAN_JOBS"
MAX_JOBS = 1024

PlansArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PLAN|CHEMIN]...",
        help="Identifiants de plans (clermont-2016) ou chemins ; par défaut, tous les plans du"
        " dépôt.",
        show_default=False,
    ),
]

# Le plan que crée `import` ou `init`.
PlanIdOption = Annotated[
    str,
    typer.Option(
        "--plan",
        metavar="PLAN_ID",
        show_default=False,
        help="Identifiant du plan créé : minuscules sans accent, chiffres et tirets"
        " (clermont-2016).",
    ),
]


# Le même `-o` pour toutes les commandes (voir `destination.py`) ; `--output-file` est le nom
# que lui donne ruff, admis aussi. Seule l'aide change, selon ce que la commande écrit par défaut.
def output_option(help: str) -> Any:
    return typer.Option(
        "--output", "--output-file", "-o", metavar="FICHIER", show_default=False, help=help
    )


# Le même `--year` pour `budget` et `report` : les années qu'essplan compte, erreur d'usage
# (code 2, en français) au-delà ; seule l'aide change.
def year_option(help: str) -> Any:
    from ..model.years import FIRST_YEAR, LAST_YEAR

    return typer.Option(
        "--year",
        "-y",
        metavar="ANNEE",
        min=FIRST_YEAR,
        max=LAST_YEAR,
        show_default=False,
        help=help,
    )


OutputOption = Annotated[
    str | None,
    output_option(
        "Écrit dans ce fichier, atomiquement (son dossier doit exister) ; « - » : la sortie"
        " standard."
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="AAAA-MM",
        show_default=False,
        help="Mois de référence (2026-11, 11/2026 ou novembre 2026) ; par défaut, le mois courant.",
    ),
]


class TableFormat(StrEnum):
    """Les formats des commandes qui rendent des tableaux (`budget`, `status`)."""

    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


TableFormatOption = Annotated[
    TableFormat,
    typer.Option(
        "--output-format",
        show_default=False,
        help="Format de sortie : table (par défaut), csv, json, markdown.",
    ),
]


def usage_error(message: str) -> NoReturn:
    typer.echo(f"essplan : {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def cwd() -> Path:
    return Path.cwd()


def jobs() -> int | None:
    """Le nombre de processus demandé par `ESSPLAN_JOBS` (None : automatique) ; une autre valeur
    est une erreur d'usage (code 2).

    Les chiffres sont ceux de 0 à 9, en quatre au plus : `str.isdigit` est vrai pour « ² », que
    `int` refuse, et `int` refuse aussi plus de 4 300 chiffres."""
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    if not setting:
        return None
    if not re.fullmatch(r"[0-9]{1,4}", setting) or int(setting) > MAX_JOBS:
        usage_error(
            f"{JOBS_VARIABLE}=« {setting[:40]} » : un nombre de processus de 1 à {MAX_JOBS},"
            " écrit en chiffres de 0 à 9 (0 ou vide : automatique)"
        )
    return int(setting) or None


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Relit chaque fichier sans consulter ni écrire le cache (.essplan_cache/).",
    ),
]
# La clé secrète qui signe le cache (`validation/cache.py`) : `ESSPLAN_CACHE_KEY`, ou un
# fichier du dossier de cache de l'utilisateur, jamais dans le dépôt.
CACHE_KEY_VARIABLE = "ESSPLAN_CACHE_KEY"


def cache_key(no_cache: bool) -> bytes | None:
    """La clé du cache ; None (sans cache, sans erreur) avec `--no-cache` ou si la clé ne peut
    être ni lue ni créée (dossier personnel en lecture seule, par exemple)."""
    if no_cache:
        return None
    setting = os.environ.get(CACHE_KEY_VARIABLE, "")
    if setting:
        return setting.encode("utf-8", "surrogateescape")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "essplan" / "cache-key"
    try:
        return _stored_key(path)
    except (OSError, ValueError):
        return None


def _stored_key(path: Path) -> bytes:
    """La clé de `path`, créée (64 chiffres hexadécimaux, lisible du seul utilisateur) si elle
    n'existe pas ; deux exécutions qui la créent ensemble lisent la même."""
    import secrets

    from ..reading.files import Refused, read_bounded

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "w") as stream:
                stream.write(secrets.token_hex(32))
    try:
        key = read_bounded(path, 1024).strip()
    except Refused as error:
        raise ValueError(str(error)) from None
    if len(key) < 32:
        raise ValueError("clé trop courte")  # une clé en cours d'écriture : pas de cache
    return key


class _KnownCodes(Collection[str]):
    """Les codes connus (`lint.catalogue`), calculés à la première question : sans
    configuration ni option qui nomme un code, `validate` n'importe pas le linter."""

    def __init__(self) -> None:
        self._codes: Collection[str] | None = None

    def _known(self) -> Collection[str]:
        if self._codes is None:
            from ..lint.catalogue import catalogue

            self._codes = catalogue()
        return self._codes

    def __contains__(self, code: object) -> bool:
        return code in self._known()

    def __iter__(self) -> Iterator[str]:
        return iter(self._known())

    def __len__(self) -> int:
        return len(self._known())


def targets_and_configs(
    plans: list[str] | None, select: list[str] | None = None, ignore: list[str] | None = None
) -> tuple[list[PlanTarget], dict[Path, Config]]:
    """Les plans visés et la configuration de leur dépôt (`config.configs_for`) ; erreur
    d'usage sinon (code 2)."""
    from ..config import ConfigError, configs_for
    from ..repository import UsageError, resolve_targets

    try:
        targets = resolve_targets(plans or [], cwd())
        configs = configs_for([target.root for target in targets], _KnownCodes(), select, ignore)
    except (UsageError, ConfigError) as error:
        usage_error(str(error))
    return targets, configs


def reference(date: str | None) -> Month:
    """Le mois de `--date`, par défaut le mois courant ; une erreur d'usage qui parle de
    l'option, pour un texte qui n'est pas un mois ou une année qu'essplan ne compte pas."""
    from ..model.months import Month, MonthError, YearOutOfRange, exact_month

    if date is None:
        today = dt.date.today()
        return Month(today.strftime("%Y-%m"), today.year, today.month)
    try:
        return exact_month(date)
    except YearOutOfRange as error:
        usage_error(f"--date : {error}")
    except MonthError as error:
        hint = f" ; {error.suggestion}" if error.suggestion else ""
        usage_error(f"--date : {error}{hint} (attendu : AAAA-MM, par exemple --date 2026-11)")


def check_output(output: str | None) -> None:
    """Un `-o` impossible est refusé avant tout travail (voir `destination.py`)."""
    from ..destination import DestinationError, check_destination

    if output is not None:
        try:
            check_destination(output, cwd())
        except DestinationError as error:
            usage_error(str(error))


def emit(content: str | bytes, output: str | None) -> None:
    from ..destination import DestinationError, write_output

    try:
        write_output(content, output, cwd())
    except DestinationError as error:
        usage_error(str(error))


def reject_invalid(loaded: Any, what: str) -> bool:
    """Un plan inutilisable (`LoadedPlan.usable`) n'a ni budget ni rapport : ses erreurs vont sur
    la sortie d'erreur, format concis."""
    from ..output.reporters import ConciseReporter

    if loaded.usable:
        return False
    sys.stderr.write(ConciseReporter().plan(loaded.blocking_errors()))
    typer.echo(
        f"essplan : {loaded.id} : plan invalide, {what}"
        f" (détail : essplan validate {loaded.display})",
        err=True,
    )
    return True
