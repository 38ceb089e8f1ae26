"""Les messages de click et de typer (aide, erreurs d'usage) en français.

click traduit ses messages par gettext (`_()` et `ngettext()` importés dans chacun de ses
modules), mais ne livre pas de catalogue français. Plutôt que de compiler un fichier .mo, on
remplace ces deux fonctions, dans les modules de click et de typer seulement, par une table.
La table couvre tous les messages des versions admises (un test relit le code de click et de
typer installés et vérifie qu'aucun ne manque).

Trois messages de click et de typer ne passent pas par gettext, et sont refaits ici :
- la suggestion d'une commande inconnue (typer l'écrit en anglais, click 8.2 n'en fait pas) :
  `FrenchGroup.resolve_command` ;
- la mention de la variable d'environnement dans une erreur de valeur (« (env var: …) ») :
  `french_param_hint`, qui ne la cite que si la valeur vient de cette variable ;
- les métavariables de l'aide (« COMMAND [ARGS]... ») : `SUBCOMMAND_METAVAR`.
"""

from __future__ import annotations

import difflib
import re

import click
from typer.core import TyperCommand, TyperGroup

# click écrit « Options: » (le titre, puis deux-points) : une espace insécable à la fin du
# titre donne la typographie française, « Options : ».
_BEFORE_COLON = "\u00a0"

FRENCH = {
    # Aide et utilisation
    "Usage:": "Utilisation :",
    "Options": "Options" + _BEFORE_COLON,
    "Commands": "Commandes" + _BEFORE_COLON,
    "Arguments": "Arguments" + _BEFORE_COLON,
    "Positional arguments": "Arguments" + _BEFORE_COLON,
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Essayez « {command_path} {help_option} » pour l'aide.",
    "default: {default}": "par défaut\u00a0: {default}",
    "[default: {}]": "[par défaut\u00a0: {}]",
    "env var: {var}": "variable d'environnement\u00a0: {var}",
    "[env var: {}]": "[variable d'environnement\u00a0: {}]",
    "required": "obligatoire",
    "[required]": "[obligatoire]",
    "(deprecated)": "(obsolète)",
    "(deprecated) ": "(obsolète) ",
    "deprecated": "obsolète",
    "(dynamic)": "(dynamique)",
    "{text} {deprecated_message}": "{text} {deprecated_message}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Avertissement : la commande {name!r} est obsolète.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Avertissement : {param_type} {name!r} est obsolète.{extra_message}",
    "Choice({choices})": "Choix({choices})",
    "d": "j",
    # Erreurs d'usage
    "Error": "Erreur",
    "Error: {message}": "Erreur : {message}",
    "Error: {e.message}": "Erreur : {e.message}",
    "Aborted!": "Interrompu.",
    "Aborted.": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such option: {name}": "Option inconnue : {name!r}.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire l'une de : {possibilities} ?)",
    "(Possible options: {possibilities})": "(options possibles : {possibilities})",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option {name!r} demande {nargs} valeurs.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "Got unexpected extra argument ({args})": "Argument en trop : {args}",
    "Got unexpected extra arguments ({args})": "Arguments en trop : {args}",
    "Takes {nargs} values but 1 was given.": "Demande {nargs} valeurs, une seule est donnée.",
    "Takes {nargs} values but {len} were given.": "Demande {nargs} valeurs, {len} sont données.",
    "{len_type} values are required, but {len_value} was given.": "{len_type} valeurs sont demandées, {len_value} est donnée.",
    "{len_type} values are required, but {len_value} were given.": "{len_type} valeurs sont demandées, {len_value} sont données.",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Invalid start character for option ({option})": "Caractère initial invalide pour une option ({option})",
    # Types de valeurs
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ne fait pas partie de : {choices}.",
    "Choose from:\n\t{choices}": "Valeurs possibles :\n\t{choices}",
    "{value!r} is not a valid boolean.": "{value!r} n'est pas un booléen valide.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} n'est pas un booléen valide. Valeurs reconnues : {states}",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "{value!r} does not match the format {format}.": "{value!r} ne correspond pas au format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} ne correspond à aucun des formats {formats}.",
    # Fichiers et chemins
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} illisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} non modifiable.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} non exécutable.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir {filename!r} : {message}",
    "Unknown standard stream '{name}'": "Flux standard inconnu : '{name}'",
    "Windows error: {error}": "Erreur Windows : {error}",
    "unknown error": "erreur inconnue",
    # Invites (essplan n'en pose pas, mais la table est complète)
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The value you entered was invalid.": "Erreur : la valeur saisie est invalide.",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirme l'action sans la demander.",
    "{editor}: Editing failed": "{editor} : l'édition a échoué",
    "{editor}: Editing failed: {e}": "{editor} : l'édition a échoué : {e}",
    "Unknown color {colour!r}": "Couleur inconnue : {colour!r}",
    # Complétion et erreurs de programmation (jamais vues d'un utilisateur d'essplan)
    "Couldn't detect Bash version, shell completion is not supported.": "Version de Bash inconnue : la complétion n'est pas disponible.",
    "Shell completion is not supported for Bash versions older than 4.4.": "La complétion demande Bash 4.4 ou plus récent.",
    "Name '{name}' defined twice": "Nom '{name}' défini deux fois",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "Un argument prend exactement une déclaration, {length} données : {decls}.",
    "Could not determine name for option with declarations {decls!r}": "Nom introuvable pour l'option déclarée {decls!r}",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "L'option booléenne {decl!r} ne peut pas employer le même drapeau pour oui et non.",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument"
    " instead? Did you mean to pass '--{name}'?": "Aucune option déclarée, mais un nom est donné ({name}) : un argument, ou '--{name}' ?",
}

# click insère le nom d'un type dans ses messages après traduction (« 'abc' n'est pas un
# {number_type} valide ») : ce sont les noms eux-mêmes qu'il faut franciser.
TYPE_NAMES = {
    "IntParamType": "entier",
    "IntRange": "entier",
    "FloatParamType": "nombre",
    "FloatRange": "nombre",
    "BoolParamType": "booléen",
    "StringParamType": "texte",
    "DateTime": "date",
}

SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."
OPTIONS_METAVAR = "[OPTIONS]"


def _gettext(message: str) -> str:
    return FRENCH.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def french_spacing(text: str) -> str:
    """Espaces insécables devant « ; : ? ! » et à l'intérieur des guillemets : le retour à la
    ligne de l'aide ne laisse jamais une ponctuation seule en début de ligne."""
    return _BEFORE_PUNCTUATION.sub("\u00a0\\1", text).replace("« ", "«\u00a0")


_BEFORE_PUNCTUATION = re.compile(r" ([;:?!»])")


class FrenchFormatter(click.HelpFormatter):
    def write_text(self, text: str) -> None:
        super().write_text(french_spacing(text))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl(
            [(term, french_spacing(help_text)) for term, help_text in rows], col_max, col_spacing
        )


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


class FrenchCommand(TyperCommand):
    context_class = FrenchContext


class FrenchGroup(TyperGroup):
    """Le groupe de commandes d'essplan : une commande inconnue est signalée en français, avec
    la commande la plus proche, quelle que soit la version de click ou de typer ; l'aide suit
    la typographie française (`FrenchFormatter`)."""

    context_class = FrenchContext

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            matches = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            hint = (
                f" Vouliez-vous dire {' ou '.join(repr(m) for m in matches)} ?" if matches else ""
            )
            ctx.fail(f"Commande inconnue : {name!r}.{hint}")
        # Celle de click, pas celle de typer : typer ajoute une suggestion en anglais.
        return click.Group.resolve_command(self, ctx, args)


_ENGLISH_ENVVAR = re.compile(r" \(env var: .*\)$")


def french_param_hint(error: click.BadParameter) -> None:
    """Le nom de l'option dans une erreur de valeur, avec sa variable d'environnement quand la
    valeur en vient (« '--output-format' (lu dans ESSPLAN_OUTPUT_FORMAT) »)."""
    param, ctx = error.param, error.ctx
    if error.param_hint is not None or param is None or ctx is None:
        return
    hint = _ENGLISH_ENVVAR.sub("", param.get_error_hint(ctx))
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is click.core.ParameterSource.ENVIRONMENT and param.envvar:
        variables = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar)
        hint += f" (valeur lue dans la variable d'environnement {' ou '.join(variables)})"
    error.param_hint = hint


def localise_click() -> None:
    """Met click et typer en français ; sans effet la deuxième fois."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types
    import typer.core

    for class_name, french_name in TYPE_NAMES.items():
        kind = getattr(click.types, class_name, None)
        if kind is not None:
            kind.name = french_name
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
        typer.core,
    ):
        for name, translated in (("_", _gettext), ("ngettext", _ngettext)):
            if hasattr(module, name):
                setattr(module, name, translated)


# Les réglages d'un groupe de commandes typer d'essplan (la racine, `new`) : pas de complétion
# ni de couleurs, l'aide sans argument, les noms français de l'aide.
GROUP_SETTINGS: dict = {
    "add_completion": False,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "subcommand_metavar": SUBCOMMAND_METAVAR,
    "options_metavar": OPTIONS_METAVAR,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
