"""Les filtres des modèles, comptés : chaque filtre de Jinja et d'essplan passe par `bounded`.

Un filtre coûte un pas, plus la taille de ce qu'il reçoit et de ce qu'il rend (`Meter.touch`).
Ceux qui écrivent leur valeur en texte (`STRINGIFYING`) comptent la taille écrite de la valeur
(une liste qui se répète elle-même s'écrirait en milliards de caractères) ; ceux qui peuvent
fabriquer bien plus qu'ils ne reçoivent (`center(10**9)`, `replace('', long)`, `batch(10**9,
'x')`) sont vérifiés avant l'appel, sur la taille qu'ils produiraient.

`tests/test_template_bounds.py::test_every_filter_is_classified` échoue si Jinja ajoute un
filtre qu'aucune liste ne range.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from jinja2.filters import make_attrgetter

from .limits import LimitError, Meter

# Les filtres qui écrivent leur valeur en texte (`str(valeur)`).
STRINGIFYING = frozenset(
    {
        "capitalize", "center", "e", "escape", "forceescape", "format", "indent", "join",
        "lower", "pprint", "replace", "safe", "string", "striptags", "title", "tojson", "trim",
        "truncate", "upper", "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr",
        "montant", "mois", "liste", "date_longue", "cellule", "statut", "heure", "valeur",
        "chaine_css",
    }
)  # fmt: skip
# Les autres : ils parcourent leur valeur (au plus sa longueur) ou la lisent.
PLAIN = frozenset(
    {
        "abs", "attr", "batch", "count", "d", "default", "dictsort", "filesizeformat",
        "first", "float", "groupby", "int", "items", "last", "length", "list", "map", "max",
        "min", "random", "reject", "rejectattr", "reverse", "round", "select", "selectattr",
        "slice", "sort", "sum", "unique",
    }
)  # fmt: skip
_PPRINT_LIMIT = (
    10_000  # pprint indente chaque niveau : une aide au débogage, pour de petites valeurs
)


def bounded_filters(filters: dict[str, Callable], meter: Meter) -> dict[str, Callable]:
    return {name: bounded(name, function, meter) for name, function in filters.items()}


def bounded(name: str, function: Callable, meter: Meter) -> Callable:
    """`function`, qui compte ce qu'elle reçoit et ce qu'elle rend."""
    signature = inspect.signature(function)
    # Un filtre `pass_context` (ou `pass_eval_context`, `pass_environment`) reçoit d'abord cela.
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    precheck = PRECHECKS.get(name)
    stringifies = name in STRINGIFYING

    @wraps(function)
    def counted(*args: Any, **kwargs: Any) -> Any:
        meter.step()
        if len(args) > skip:
            if stringifies:
                meter.build(meter.written(args[skip]))
            else:
                meter.touch(args[skip])
        if precheck is not None:
            call = signature.bind(*args, **kwargs)
            precheck(meter, call.arguments)
            args, kwargs = call.args, call.kwargs
        result = function(*args, **kwargs)
        meter.touch(result)
        return result

    return counted


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) else default


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _center(meter: Meter, arguments: dict) -> None:
    meter.build(_int(arguments.get("width"), 80))


def _indent(meter: Meter, arguments: dict) -> None:
    text, width = _text(arguments.get("s")), arguments.get("width", 4)
    margin = len(width) if isinstance(width, str) else _int(width, 4)
    meter.build(len(text) + (text.count("\n") + 1) * max(margin, 0))


def _wordwrap(meter: Meter, arguments: dict) -> None:
    text, wrap = _text(arguments.get("s")), _text(arguments.get("wrapstring")) or "\n"
    meter.build(len(text) * (1 + len(wrap)))


def _urlize(meter: Meter, arguments: dict) -> None:
    extra = len(_text(arguments.get("target"))) + len(_text(arguments.get("rel")))
    meter.build(len(_text(arguments.get("value"))) * (4 + extra))


def _replace(meter: Meter, arguments: dict) -> None:
    text = _text(arguments.get("s"))
    meter.build(replaced_size(text, arguments.get("old"), arguments.get("new"), arguments))


def replaced_size(text: str, old: object, new: object, arguments: dict) -> int:
    """La taille de `text.replace(old, new, count)`, calculée sans la fabriquer."""
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    found = len(text) + 1 if old == "" else text.count(old)
    count = arguments.get("count")
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _join(meter: Meter, arguments: dict) -> None:
    """Les éléments sont rassemblés d'abord (et comptés), pour connaître la taille du texte."""
    items = list(arguments.get("value", ()))
    meter.step(len(items))
    attribute = arguments.pop("attribute", None)
    if attribute is not None:
        getter = make_attrgetter(arguments["eval_ctx"].environment, attribute)
        items = [getter(item) for item in items]
    arguments["value"] = items
    glue = len(_text(arguments.get("d")))
    meter.build(sum(meter.written(item) for item in items) + glue * len(items))


def _counted(key: str) -> Callable[[Meter, dict], None]:
    def check(meter: Meter, arguments: dict) -> None:
        if _int(arguments.get(key)) > meter.limits.range:
            raise LimitError(f"{key} trop grand : au plus {meter.limits.range} par paquet")

    return check


def _sum(meter: Meter, arguments: dict) -> None:
    start = arguments.get("start", 0)
    if not isinstance(start, (int, float, Decimal)):
        raise LimitError("sum additionne des nombres : start doit être un nombre")


def _tojson(meter: Meter, arguments: dict) -> None:
    if arguments.get("indent") is not None:
        raise LimitError("tojson : l'option indent n'est pas permise dans un modèle")


def _pprint(meter: Meter, arguments: dict) -> None:
    if meter.written(arguments.get("value")) > _PPRINT_LIMIT:
        raise LimitError(f"pprint : valeur trop grande (au plus {_PPRINT_LIMIT} caractères)")


def _format(meter: Meter, arguments: dict) -> None:
    values = arguments.get("kwargs") or arguments.get("args", ())
    check_percent(meter, arguments.get("value"), values)


# Un nom d'attribut HTML : ce que Jinja 3.1.3 et suivants exigent de `xmlattr` (CVE-2024-22195),
# vérifié ici aussi pour les versions antérieures que pyproject.toml admet.
_ATTRIBUTE_NAME = re.compile(r"[^\s/>=]+")


def _xmlattr(meter: Meter, arguments: dict) -> None:
    for key in arguments.get("d", {}) or {}:
        if not isinstance(key, str) or not _ATTRIBUTE_NAME.fullmatch(key):
            raise ValueError(f"Invalid character in attribute name: {key!r}")  # traduit


# Une conversion de `texte % valeurs` : `%(nom)-08.3f`. La largeur et la précision sont lues.
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?.?")


def check_percent(meter: Meter, template: object, values: object) -> None:
    """`texte % valeurs` (l'opérateur et le filtre `format`) : la taille du texte produit,
    bornée avant qu'il soit fabriqué. Une largeur `*` (lue dans les valeurs) est refusée."""
    if not isinstance(template, str):
        return
    size = len(template) + meter.written(values)
    for width, precision in _CONVERSION.findall(template):
        if "*" in (width, precision):
            raise LimitError("une largeur « * » n'est pas permise dans « % » : écrivez-la")
        size += int(width or 0) + int(precision or 0)
        meter.check_value(size)
    meter.build(size)


PRECHECKS: dict[str, Callable[[Meter, dict], None]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "urlize": _urlize,
    "replace": _replace,
    "join": _join,
    "batch": _counted("linecount"),
    "slice": _counted("slices"),
    "sum": _sum,
    "tojson": _tojson,
    "pprint": _pprint,
    "format": _format,
    "xmlattr": _xmlattr,
}
