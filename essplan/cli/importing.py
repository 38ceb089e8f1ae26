"""La commande `import` : du texte d'une délibération à un dossier de plan (voir
`essplan/importer/`), et son compte rendu."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import EXIT_FINDINGS, EXIT_OK, PlanIdOption, cwd, reference, usage_error

SourceArgument = Annotated[
    str,
    typer.Argument(
        metavar="SOURCE",
        show_default=False,
        help="La délibération : texte (.txt), Word (.docx), OpenDocument (.odt) ou PDF à couche"
        " texte, reconnu à son contenu ; « - » : l'entrée standard.",
    ),
]
IntoOption = Annotated[
    Path | None,
    typer.Option(
        "--into",
        metavar="DOSSIER",
        show_default=False,
        help="Le dossier des plans ; par défaut, plans/ du dépôt courant.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplace un dossier de plan existant.")]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help="N'écrit rien : affiche les fichiers qui seraient écrits et leur contenu.",
    ),
]


def import_plan(
    source: SourceArgument,
    plan: PlanIdOption,
    into: IntoOption = None,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Importe une délibération (texte, Word, OpenDocument ou PDF) en dossier de plan, puis le
    contrôle.

    SOURCE est un texte en UTF-8 (pdftotext délibération.pdf), un document Word (.docx) ou
    OpenDocument (.odt), ou un PDF qui a une couche texte ; son genre se lit dans son contenu.
    « - » le lit sur l'entrée standard.
    """
    from ..config import ConfigError, configs_for
    from ..diagnostics import Severity
    from ..importer.deliberation import ImportFailure
    from ..importer.writing import import_target, run_import
    from ..lint.catalogue import catalogue
    from ..repository import UsageError

    try:
        target = import_target(plan, into, cwd())
        config = configs_for([target.root], catalogue())[target.root]
        run = run_import(
            source, target, sys.stdin, config, reference(None), cwd(), force, dry_run, _notice
        )
    except (UsageError, ConfigError) as error:
        usage_error(str(error))
    except ImportFailure as error:
        typer.echo(f"essplan : {error}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    sys.stdout.write(format_run(run))
    # Le plan est écrit, mais une erreur (de validation, ou de lint au niveau « erreur ») dit
    # qu'il n'est pas encore utilisable : code 1, comme `essplan lint`.
    failed = any(d.severity >= Severity.ERROR for d in run.diagnostics)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _notice(note: str) -> None:
    """La reprise d'un import arrêté net, dite sur la sortie d'erreur dès qu'elle est faite."""
    typer.echo(f"essplan : {note}", err=True)


def format_run(run: Any) -> str:
    """Le compte rendu : fichiers, reprises à relire, constats de validate et lint."""
    from ..output.reporters import ConciseReporter
    from ..output.summary import RunSummary
    from ..repository import shown

    here = cwd()
    lines = [
        "Fichiers qui seraient écrits (--dry-run : rien n'est écrit) :"
        if run.dry_run
        else "Fichiers écrits :"
    ]
    lines += [f"  {shown(path.absolute(), here)}" for path, _ in run.files]
    lines += [
        f"  {shown(path.absolute(), here)} (retiré : l'import n'a pas cette fiche)"
        for path in run.stale
    ]
    if run.dry_run:
        lines += _file_contents(run.files, here)
    lines += ["", *format_summary(run.layout, run.summary), ""]
    lines.append(
        f"Reprises de l'import, à relire ({len(run.recoveries)}) :"
        if run.recoveries
        else "Reprises de l'import : aucune"
    )
    lines += [
        f"  {'fiche ' + note.fiche if note.fiche else 'plan'} : {note.explanation}"
        for note in run.recoveries
    ]
    lines += ["", "Contrôle du plan importé (validate et lint) :"]
    summary = RunSummary()
    summary.add(run.fiche_files, run.diagnostics)
    text = "\n".join(lines) + "\n" + ConciseReporter().plan(run.diagnostics)
    return text + summary.line() + "\n"


SUMMARY_WIDTH = 100  # la largeur des lignes du résumé, pour une lecture sans défilement


def format_summary(layout: str, summary: list[Any]) -> list[str]:
    """Ce que l'import a compris : la mise en page, puis par fiche les rubriques trouvées et
    celles restées vides (« les 13 rubriques trouvées » quand aucune ne l'est), alignées,
    repliées entre deux rubriques à `SUMMARY_WIDTH` caractères. Des fiches qui se suivent avec
    les mêmes rubriques partagent une entrée (« fiches 1 à 10 ») : dix lignes pareilles ne
    disent rien de plus qu'une, et un gros plan garde un résumé lisible."""
    from ..importer.summary import SUMMARY_FIELDS

    plural = "s" if len(summary) > 1 else ""
    lines = [
        f"Mise en page reconnue : {layout}",
        f"Rubriques lues, par fiche ({len(summary)} fiche{plural}) :",
    ]
    groups = _alike_runs(summary)
    names = [_run_name(run) for run in groups]
    width = max(map(len, names), default=0)
    for run, name in zip(groups, names, strict=True):
        head, fiche = f"  {name:<{width}}  ", run[0]
        if not fiche.empty:
            lines.append(f"{head}les {len(SUMMARY_FIELDS)} rubriques trouvées")
            continue
        lines += _wrapped(f"{head}trouvées : ", fiche.found or ["aucune"])
        lines += _wrapped(f"{' ' * len(head)}vides    : ", fiche.empty)
    return lines


def _alike_runs(summary: list[Any]) -> list[list[Any]]:
    """Les fiches en suites de fiches voisines aux mêmes rubriques trouvées et vides."""
    runs: list[list[Any]] = []
    for fiche in summary:
        if runs and (runs[-1][0].found, runs[-1][0].empty) == (fiche.found, fiche.empty):
            runs[-1].append(fiche)
        else:
            runs.append([fiche])
    return runs


def _run_name(run: list[Any]) -> str:
    if len(run) == 1:
        return f"fiche {run[0].id}"
    joint = "et" if len(run) == 2 else "à"
    return f"fiches {run[0].id} {joint} {run[-1].id}"


def _wrapped(start: str, names: list[str]) -> list[str]:
    """`start` suivi des noms séparés par des virgules, repliés entre deux noms et alignés."""
    lines, current = [], start
    for index, name in enumerate(names):
        piece = name + ("," if index < len(names) - 1 else "")
        if len(current) + len(piece) > SUMMARY_WIDTH and current != start:
            lines.append(current.rstrip())
            current = " " * len(start)
        current += piece + " "
    return [*lines, current.rstrip()]


def _file_contents(files: list[tuple[Path, str]], here: Path) -> list[str]:
    from ..repository import shown

    lines = []
    for path, text in files:
        lines.append("")
        if path.suffix == ".yaml":
            lines.append(f"--- {shown(path.absolute(), here)}")
            lines.append(text.rstrip("\n"))
        else:
            lines.append(
                f"--- {shown(path.absolute(), here)} : copie de la source"
                f" ({text.count(chr(10)) + 1} lignes)"
            )
    return lines
