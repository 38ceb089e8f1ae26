"""Une erreur pendant le rendu : à qui la faute, où, et ce qu'elle dit en français.

Toute exception levée en lisant, compilant ou rendant un modèle de l'utilisateur (celui du
dossier `templates/` du dépôt, ou donné par `--template`) est la faute de ce modèle : code 1,
avec le fichier et la ligne du modèle, et un message en français (`jinja_messages` pour ceux de
Jinja, `PYTHON` ici pour ceux de Python : `{{ 1/0 }}`, `{{ "a" + 1 }}`). Une exception dans un
modèle livré, rendu sur un plan valide, est une erreur d'essplan : elle remonte telle quelle et
devient « erreur interne ». Une borne dépassée (`LimitError`) est toujours la faute de l'entrée.
"""

from __future__ import annotations

import decimal
import traceback
from pathlib import Path

from jinja2 import TemplateNotFound, TemplatesNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateError

from .environment import PACKAGED, TemplateValueError
from .jinja_messages import translate
from .limits import LimitError
from .loader import TemplateRefused
from .translation import M, Message, kind, quoted

_PACKAGED = PACKAGED.resolve()
_OWN_WORDING = (LimitError, TemplateValueError)  # des messages déjà en français

# Les messages de Python qu'un modèle provoque le plus souvent ; les autres sont dits par leur
# classe (`BY_CLASS`).
PYTHON: tuple[Message, ...] = (
    M(
        r"unsupported operand type\(s\) for (?P<op>\S+): (?P<left>'[^']*') and (?P<right>'[^']*')",
        "opération « {op} » impossible entre {left} et {right}",
        "unsupported operand type(s) for +: 'int' and 'str'",
        op=str,
        left=kind,
        right=kind,
    ),
    M(
        r'can only concatenate (?P<left>\w+) \(not "(?P<right>\w+)"\) to \w+',
        "« + » impossible entre {left} et {right}",
        'can only concatenate str (not "int") to str',
        left=kind,
        right=kind,
    ),
    M(
        r"(?P<op>'[^']*') not supported between instances of (?P<left>'[^']*') and"
        r" (?P<right>'[^']*')",
        "comparaison {op} impossible entre {left} et {right}",
        "'<' not supported between instances of 'int' and 'str'",
        left=kind,
        right=kind,
    ),
    M(
        r"(?P<what>'[^']*') object is not (?P<how>iterable|callable|subscriptable)",
        "{what} {how}",
        "'int' object is not iterable",
        what=kind,
        how=lambda how: {
            "iterable": "ne se parcourt pas (ce n'est pas une liste)",
            "callable": "ne s'appelle pas",
            "subscriptable": "ne prend pas d'indice",
        }[how],
    ),
    M(
        r"can't multiply sequence by non-int of type (?P<what>'[^']*')",
        "un texte ou une liste se répète un nombre entier de fois, pas {what}",
        "can't multiply sequence by non-int of type 'float'",
        what=kind,
    ),
    M(
        r"object of type (?P<what>'[^']*') has no len\(\)",
        "{what} n'a pas de longueur",
        "object of type 'int' has no len()",
        what=kind,
    ),
    M(
        r"unhashable type: (?P<what>'[^']*')",
        "{what} ne peut pas servir de clé",
        "unhashable type: 'list'",
        what=kind,
    ),
    M(
        r"(?P<function>\S+)\(\) (?:takes|got|missing) .*",
        "{function} : arguments incorrects (nombre ou noms)",
        "center() takes at most 2 arguments (3 given)",
    ),
    M(
        r"Exceeds the limit \((?P<digits>\d+) digits\) for integer string conversion.*",
        "nombre trop long pour être écrit (plus de {digits} chiffres)",
        "Exceeds the limit (4300 digits) for integer string conversion; use"
        " sys.set_int_max_str_digits() to increase the limit",
        digits=str,
    ),
    M(
        r"invalid literal for int\(\) with base \d+: (?P<value>.+)",
        "{value} n'est pas un nombre entier",
        "invalid literal for int() with base 10: 'x'",
    ),
    M(
        r"could not convert string to float: (?P<value>.+)",
        "{value} n'est pas un nombre",
        "could not convert string to float: 'x'",
    ),
    M(
        r"(?:list|tuple|string|range object) index out of range",
        "indice hors de la liste",
        "list index out of range",
    ),
)
BY_CLASS: tuple[tuple[type[BaseException], str], ...] = (
    (ZeroDivisionError, "division par zéro"),
    (decimal.InvalidOperation, "opération impossible sur un montant"),
    (OverflowError, "nombre trop grand"),
    (decimal.Overflow, "nombre trop grand"),
    (RecursionError, "récursion sans fin : un modèle qui s'étend ou s'inclut lui-même, une"
     " macro qui s'appelle sans fin, ou des expressions imbriquées trop loin"),
    (MemoryError, "mémoire épuisée par le modèle"),
    (KeyError, "clé absente"),
    (IndexError, "indice hors de la liste"),
    (TypeError, "valeur d'un type inattendu"),
    (ValueError, "valeur impossible"),
    (UnicodeError, "texte impossible à coder"),
    (SyntaxError, "construction que Jinja ne sait pas compiler (un argument nommé deux fois ?)"),
    (AttributeError, "attribut absent"),
)  # fmt: skip


def template_fault(error: BaseException, name: str, files: dict[str, str]) -> str | None:
    """Le message d'une erreur dont le modèle de l'utilisateur est la cause ; None si elle
    vient d'un modèle livré. `name` : le modèle rendu ; `files` : le fichier de chaque modèle
    chargé (`BoundedSandbox.template_files`)."""
    where, line = _location(error, files)
    if not (isinstance(error, LimitError) or _is_user(where) or _is_user(files.get(name))):
        return None
    place = where or files.get(name) or name
    return f"{place}:{line} : {explain(error)}" if line else f"{place} : {explain(error)}"


def _is_user(filename: str | None) -> bool:
    return filename is not None and not Path(filename).resolve().is_relative_to(_PACKAGED)


def _location(error: BaseException, files: dict[str, str]) -> tuple[str | None, int | None]:
    """Le fichier et la ligne du modèle : ceux de l'erreur de syntaxe, sinon le dernier cadre
    de la pile qui est un modèle (Jinja récrit la pile avec le fichier et la ligne des modèles)."""
    if isinstance(error, TemplateRefused):
        return error.filename, error.lineno
    if isinstance(error, TemplateSyntaxError):
        # Le lexeur de Jinja range parfois le fichier à la place du nom (« Missing end of
        # comment tag ») : l'un ou l'autre, ramené au fichier.
        named = error.filename or error.name
        return files.get(named or "", named), error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            return frame.filename, frame.lineno
    return None, None


def explain(error: BaseException) -> str:
    """Ce que dit l'erreur, en français."""
    if isinstance(error, _OWN_WORDING):
        return str(error)
    if isinstance(error, TemplateRefused):
        return error.reason
    if isinstance(error, TemplateSyntaxError):
        return f"erreur de syntaxe dans le modèle : {jinja(error)}"
    if isinstance(error, SecurityError):
        return jinja(error)
    if isinstance(error, UndefinedError):
        return f"variable inconnue dans le modèle ({jinja(error)})"
    if isinstance(error, TemplatesNotFound):
        return f"modèle introuvable : {jinja(error)}"
    if isinstance(error, TemplateNotFound):
        return (
            f"modèle introuvable {quoted(repr(error.name))} (ni dans templates/ du dépôt, ni"
            " parmi les modèles d'essplan)"
        )
    if isinstance(error, TemplateError):
        return f"modèle fautif : {jinja(error)}"
    return f"erreur pendant le rendu : {python(error)}"


def jinja(error: TemplateError) -> str:
    text = error.message or ""
    return translate(text) or f"erreur du modèle ({type(error).__name__})"


def python(error: BaseException) -> str:
    """Une erreur de Python (`{{ 1/0 }}`) en français : son message s'il est dans `PYTHON`,
    sinon ce que dit sa classe ; jamais le texte anglais."""
    text = str(error) if not isinstance(error, KeyError) else ""
    french = translate(text)  # Jinja lève aussi des TypeError (« no items for cycling given »)
    if french is not None:
        return french
    for message in PYTHON:
        french = message.translate(text)
        if french is not None:
            return french
    if isinstance(error, KeyError) and error.args:
        return f"clé absente {quoted(repr(error.args[0]))}"
    for klass, french in BY_CLASS:
        if isinstance(error, klass):
            return french
    return f"erreur inattendue ({type(error).__name__})"
