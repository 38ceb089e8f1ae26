"""Les commandes qui créent : `init` (un dépôt de plans) et `new` (`new fiche`, `new plan`).

Rien n'est jamais remplacé : si un fichier à écrire existe déjà, la commande les liste tous et
n'écrit rien (code 1, comme `import` sans `--force`) ; une erreur d'usage (identifiant de plan
invalide, axe inconnu, période illisible) a le code 2. Les fichiers sont écrits tout ou rien
(`scaffold/writing.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_FINDINGS, PlanIdOption, cwd, targets_and_configs, usage_error
from .french import GROUP_SETTINGS, FrenchCommand, FrenchGroup

CollectiviteOption = Annotated[
    str,
    typer.Option(
        "--collectivite",
        metavar="TEXTE",
        show_default=False,
        help="La collectivité qui porte le plan, telle qu'elle se nomme (« Grand Poitiers »).",
    ),
]
PeriodeOption = Annotated[
    str | None,
    typer.Option(
        "--periode",
        metavar="AAAA-AAAA",
        show_default=False,
        help="Les années que couvre le plan (2025-2030) ; sinon, à écrire dans plan.yaml.",
    ),
]


PlanArgument = Annotated[
    str, typer.Argument(metavar="PLAN", show_default=False, help="Le plan (identifiant ou chemin).")
]
AxeOption = Annotated[
    str,
    typer.Option(
        "--axe",
        metavar="CODE",
        show_default=False,
        help="Le code de l'axe de la fiche, l'un des axes de plan.yaml (2, A).",
    ),
]
TitreOption = Annotated[
    str | None,
    typer.Option("--titre", metavar="TEXTE", show_default=False, help="L'action, en une phrase."),
]
NewPlanArgument = Annotated[
    str,
    typer.Argument(
        metavar="PLAN_ID",
        show_default=False,
        help="L'identifiant du plan, nom de son dossier : minuscules sans accent, chiffres et"
        " tirets.",
    ),
]
KnownCollectiviteOption = Annotated[
    str | None,
    typer.Option(
        "--collectivite",
        metavar="TEXTE",
        show_default=False,
        help="La collectivité ; par défaut, celle des plans du dépôt.",
    ),
]


def init(
    collectivite: CollectiviteOption,
    plan: PlanIdOption,
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DOSSIER]",
            show_default=False,
            help="Le dossier du dépôt, créé s'il n'existe pas ; par défaut, le dossier courant.",
        ),
    ] = None,
    periode: PeriodeOption = None,
) -> None:
    """Crée un dépôt de plans : le premier plan, la configuration, la CI, l'éditeur."""
    from ..repository import UsageError
    from ..scaffold.repository import repository_files

    root = (cwd() / folder) if folder is not None else cwd()
    try:
        files = repository_files(collectivite, plan, periode)
    except UsageError as error:
        usage_error(str(error))
    from ..scaffold.writing import existing

    if not existing(root, files):  # des fichiers déjà là : `_write` les liste, c'est plus précis
        _refuse_inside_a_repository(root, plan)
    _write(root, files, "init")
    typer.echo(f"Dépôt de plans créé dans {_shown(root)} :")
    typer.echo("".join(f"  {name}\n" for name in files if not name.endswith("/.gitkeep")), nl=False)
    typer.echo(
        "Ensuite :\n"
        f'  essplan new fiche {plan} --axe 1 --titre "…"   une fiche-action\n'
        "  essplan validate   vérifier le plan\n"
        "  essplan lint       ce qui manque encore\n"
        '  git init && git add . && git commit -m "Plan ESS"   puis la CI vérifie chaque push'
    )


def _plans_in(folder: Path) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir() if (p / "plan.yaml").is_file())
    except OSError:  # pas un dossier, illisible : il ne contient pas de plan qu'on verrait
        return []


def _refuse_inside_a_repository(root: Path, plan: str) -> None:
    """`init` crée un dépôt : pas dans un dépôt qui a déjà des plans (c'est `new plan`), ni dans
    le dossier `plans/` d'un dépôt (le plan neuf y serait un dossier de plan sans plan.yaml).
    Code 1, rien n'est écrit, comme pour des fichiers déjà là."""
    here = _plans_in(root / "plans")
    enclosing = next((f for f in (root, *root.parents) if f.name == "plans" and _plans_in(f)), None)
    if not here and enclosing is None:
        return
    if here:
        reason = f"est déjà un dépôt de plans (plans/ : {', '.join(here[:5])})"
        hint = f" ; pour y ajouter un plan : essplan new plan {plan}"
    else:
        from ..repository import readable

        where = "est" if enclosing == root else f"est dans {readable(str(enclosing))},"
        reason = f"{where} le dossier des plans d'un dépôt"
        hint = " ; créez le dépôt ailleurs"
    typer.echo(f"essplan : {_shown(root)} {reason} : init n'écrit rien{hint}", err=True)
    raise typer.Exit(EXIT_FINDINGS)


def _shown(path: Path) -> str:
    from ..repository import shown

    return shown(path, cwd())


def _write(folder: Path, files: dict[str, str], command: str) -> None:
    """Écrit tout ou rien ; des fichiers déjà là : listés, rien n'est écrit, code 1."""
    from ..french import os_error
    from ..scaffold.writing import existing, write_all

    present = existing(folder, files)
    try:
        if not present:
            write_all(folder, files)
    except FileExistsError:
        present = existing(folder, files)
    except OSError as error:
        typer.echo(f"essplan : {_shown(folder)} : {os_error(error)} ; rien n'a été écrit", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    if present:
        listing = "".join(f"  {_shown(folder / name)}\n" for name in present)
        typer.echo(
            f"essplan : {command} n'écrit rien, ces fichiers existent déjà :\n{listing}"
            f"essplan ne remplace jamais un fichier ; déplacez-les ou choisissez un autre"
            " dossier.",
            err=True,
        )
        raise typer.Exit(EXIT_FINDINGS)


new = typer.Typer(
    help="Ajoute une fiche à un plan (new fiche), ou un plan au dépôt (new plan).",
    cls=FrenchGroup,
    **GROUP_SETTINGS,
)


@new.command("fiche", cls=FrenchCommand)
def new_fiche(plan: PlanArgument, axe: AxeOption, titre: TitreOption = None) -> None:
    """Écrit la fiche suivante d'un axe (2.5 après 2.4), chaque clé remplie ou commentée."""
    from ..french import os_error
    from ..repository import UsageError
    from ..scaffold.fiche import new_fiche as plan_fiche
    from ..scaffold.writing import write_new

    targets, configs = targets_and_configs([plan])
    if len(targets) != 1:
        usage_error(f"« {plan} » désigne {len(targets)} plans : donnez-en un seul")
    target = targets[0]
    try:
        fiche = plan_fiche(target, configs[target.root], axe, titre)
        write_new(fiche.path, fiche.text)
    except UsageError as error:
        usage_error(str(error))
    except OSError as error:  # FileExistsError compris : une fiche apparue entre-temps
        typer.echo(
            f"essplan : {_shown(fiche.path)} : {os_error(error)} ; rien n'a été écrit", err=True
        )
        raise typer.Exit(EXIT_FINDINGS) from None
    typer.echo(f"Fiche {fiche.id} écrite : {_shown(fiche.path)}")
    typer.echo(f"Ensuite : remplissez-la, puis essplan lint {target.folder.name}")


@new.command("plan", cls=FrenchCommand)
def new_plan(
    plan: NewPlanArgument,
    collectivite: KnownCollectiviteOption = None,
    periode: PeriodeOption = None,
) -> None:
    """Ajoute un plan au dépôt : plans/PLAN_ID/plan.yaml et son dossier de fiches."""
    from ..repository import START, UsageError, find_root
    from ..scaffold.repository import known_collectivite, plan_files

    root = find_root(cwd())
    if root is None:
        usage_error(
            f"pas de dépôt de plans ici (aucun dossier plans/) ; pour en créer un : {START}"
        )
    try:
        name = collectivite or known_collectivite(root)
        if name is None:
            raise UsageError("--collectivite : aucun plan du dépôt ne la donne ; écrivez-la")
        files = plan_files(name, plan, periode)
    except UsageError as error:
        usage_error(str(error))
    folder = root / "plans" / plan
    if os.path.lexists(folder):
        typer.echo(
            f"essplan : new plan n'écrit rien, le plan existe déjà : {_shown(folder)}", err=True
        )
        raise typer.Exit(EXIT_FINDINGS)
    _write(folder, files, "new plan")
    typer.echo(f"Plan {plan} créé : {_shown(folder / 'plan.yaml')}")
    typer.echo(f"Ensuite : essplan new fiche {plan} --axe 1")
