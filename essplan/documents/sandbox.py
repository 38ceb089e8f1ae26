"""Le bac à sable des modèles : `ImmutableSandboxedEnvironment` de Jinja, resserré et borné.

Un modèle du dépôt de plans (`templates/*.j2`) ou donné par `--template` est une entrée non
fiable : il ne doit ni exécuter de code, ni lire un fichier, ni épuiser la machine. Le bac à
sable de Jinja refuse déjà les attributs en `_` (`cycler.__init__.__globals__`) et les méthodes
qui modifient une liste ou un dictionnaire. Celui d'essplan ajoute :

- **ce qu'un modèle peut lire** (`readable`) : des types de Python, seulement une liste
  d'attributs connus (`str.format`, `int.to_bytes`, `str.translate` n'en sont pas) ; des
  modèles pydantic, leurs champs et ce qu'essplan leur ajoute, jamais `model_*` de pydantic
  (`model_construct`, `parse_file`…) ; jamais une classe ni un module ; rien d'un objet d'une
  autre bibliothèque (un `Path` ne se lit pas) ;
- **ce qu'un modèle peut coûter** (`limits.Meter`) : chaque appel, opérateur, filtre, tour de
  boucle et texte fabriqué est compté ; `*`, `**`, `+`, `%`, `range` et les méthodes de texte
  qui allongent (`center`, `replace`, `join`) sont vérifiés avant de fabriquer leur résultat.
  Les opérateurs unaires ne sont pas interceptés : `-x` n'allonge rien.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, Environment, Template, nodes, pass_context
from jinja2.runtime import Context, Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from .filter_bounds import bounded_filters, check_percent, replaced_size
from .instrument import CHARGE, CONCAT, MEASURE, instrument
from .limits import Meter, RenderLimits, bounded_range

_TEXT = frozenset(
    {
        "capitalize", "casefold", "center", "count", "endswith", "find", "index", "isalnum",
        "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
        "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip",
        "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust",
        "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
        "swapcase", "title", "upper", "zfill", "striptags", "unescape",
    }
)  # fmt: skip
_NUMBER = frozenset({"real", "imag", "numerator", "denominator", "is_integer"})
# Ce qu'un modèle peut lire des types de Python ; tout autre attribut lui est refusé.
_BUILTIN_ATTRIBUTES: tuple[tuple[type | tuple[type, ...], frozenset[str]], ...] = (
    (str, _TEXT),
    ((bool, int, float), _NUMBER),
    (Decimal, frozenset({"real", "imag", "is_zero", "is_signed", "is_finite", "adjusted"})),
    (
        dt.date,
        frozenset(
            {"year", "month", "day", "hour", "minute", "second", "weekday", "isoweekday"}
            | {"isoformat", "strftime"}
        ),
    ),
    ((list, tuple), frozenset({"count", "index"})),
    (dict, frozenset({"get", "items", "keys", "values"})),
    (
        (set, frozenset),
        frozenset({"isdisjoint", "issubset", "issuperset", "union", "intersection"})
        | frozenset({"difference", "symmetric_difference"}),
    ),
    (range, frozenset({"start", "stop", "step", "count", "index"})),
)
# Les objets dont un modèle lit tout ce qui ne commence pas par `_` : ceux d'essplan (le plan,
# ses vues, le budget, la frise) et ceux que Jinja lui donne (`loop`, `namespace`, une macro).
_OWN_MODULES = ("essplan.", "jinja2.")
# Sauf ce qui rend et compte : aucun chemin n'y mène aujourd'hui, et si un jour un attribut
# public y menait, un modèle n'en lirait rien (ni son chargeur, ni son compteur).
_CLOSED = (Environment, Template, BaseLoader, Context, Meter)


def readable(obj: Any, attribute: str, value: Any) -> bool:
    """Un modèle peut-il lire `obj.attribute` (qui vaut `value`) ?"""
    if isinstance(value, (type, types.ModuleType)):
        return False
    kind: Any = type(obj)  # un type est hachable ; le vérificateur ne le sait pas
    return _type_allows(kind, attribute)


def _refused(obj: Any, attribute: object) -> bool:
    """Un attribut que le type de `obj` porte et refuse : refusé sans être lu (une propriété,
    un descripteur de pydantic ne s'exécutent pas pour rien)."""
    kind: Any = type(obj)  # un type est hachable ; le vérificateur ne le sait pas
    return isinstance(attribute, str) and _type_refuses(kind, attribute)


@lru_cache(maxsize=4096)
def _type_refuses(kind: Any, attribute: str) -> bool:
    """`_refused`, qui ne dépend que du type : calculé une fois par attribut."""
    return hasattr(kind, attribute) and not _type_allows(kind, attribute)


@lru_cache(maxsize=4096)
def _type_allows(kind: Any, attribute: str) -> bool:
    """La règle ne dépend que du type de l'objet : elle se calcule une fois par attribut."""
    if issubclass(kind, _CLOSED):
        return False
    if issubclass(kind, BaseModel):
        return _model_attribute(kind, attribute)
    for kinds, names in _BUILTIN_ATTRIBUTES:
        if issubclass(kind, kinds):
            return attribute in names
    return kind.__module__.startswith(_OWN_MODULES)


def _model_attribute(model: type[BaseModel], attribute: str) -> bool:
    """Un champ du modèle, ou ce qu'une classe d'essplan y ajoute ; rien de pydantic."""
    if attribute.startswith("model_"):
        return False
    if attribute in model.model_fields:
        return True
    return any(
        attribute in vars(klass)
        for klass in model.__mro__
        if klass.__module__.startswith("essplan.")
    )


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """L'environnement des modèles : le bac à sable resserré (`readable`) et compté
    (`self.meter`, un par rendu : un environnement sert à un seul document)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(
        self,
        limits: RenderLimits,
        escape: Callable[[Any], Any] | None,
        filters: dict[str, Callable],
        **options: Any,
    ) -> None:
        self.meter = Meter(limits)
        self.limits = limits
        self.template_files: dict[str, str] = {}  # nom du modèle → son fichier (`loader.py`)
        self.template_budget = limits.templates_bytes  # octets de modèles encore permis
        self._safe_for_type: dict[tuple[type, str], bool] = {}  # `is_safe_attribute`
        super().__init__(finalize=_finalizer(self.meter, escape), **options)
        self.globals["range"] = bounded_range(self.meter, limits)
        del self.globals["lipsum"]  # des paragraphes de latin, autant qu'on en demande
        self.filters.update(filters)
        self.filters = bounded_filters(self.filters, self.meter)
        self.filters.update(_instrument_filters(self.meter))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Ce que Jinja vérifie (`_`, attributs internes, méthodes qui modifient) ne dépend que
        # du type de l'objet et du nom : vérifié une fois par couple, puis retenu (un document
        # lit des centaines de milliers d'attributs, d'une poignée de types).
        kind = type(obj)
        known = self._safe_for_type.get((kind, attr))
        if known is None:
            known = super().is_safe_attribute(obj, attr, value)
            self._safe_for_type[kind, attr] = known
        return known and readable(obj, attr, value)

    def wrap_str_format(self, value: Any) -> None:
        """Jinja 3.1.5 et suivants rendent un `str.format` enveloppé avant de vérifier
        l'attribut ; ici `format` n'est jamais lisible (`readable`)."""
        return None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if _refused(obj, attribute):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if not hasattr(type(obj), "__getitem__") and _refused(obj, argument):
            return self.unsafe_undefined(obj, argument)
        result = super().getitem(obj, argument)
        if isinstance(argument, slice):  # une tranche copie ce qu'elle prend
            self.meter.touch(result)
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        # Un appel de macro coûte une dizaine d'appels de fonction (cadre, arguments, sortie).
        self.meter.step((10 if isinstance(obj, Macro) else 1) + len(args) + len(kwargs))
        args = _checked_method(self.meter, obj, args, kwargs)
        result = super().call(context, obj, *args, **kwargs)
        self.meter.touch(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(self.meter, operator, left, right)
        result = self.binop_table[operator](left, right)
        self.meter.check_integer(result)
        return result

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init=False
    ) -> str:
        return super()._generate(instrument(source), name, filename, defer_init=defer_init)


def _finalizer(meter: Meter, escape: Callable[[Any], Any] | None) -> Callable:
    """Chaque valeur écrite par `{{ … }}` (dans le document, une macro ou un `set`) est comptée
    avant d'être écrite ; `escape` : l'échappement du format (Markdown), s'il y en a un."""

    @pass_context
    def finalize(context: Context, value: Any) -> Any:
        meter.step()
        meter.build(meter.written(value))
        return escape(value) if escape is not None else value

    return finalize


def _instrument_filters(meter: Meter) -> dict[str, Callable]:
    """Les filtres qu'`instrument` ajoute aux modèles (voir `instrument.py`)."""

    @pass_context
    def charge(context: Context, value: Any, characters: int) -> Any:
        meter.step()
        meter.build(characters)
        return value

    @pass_context
    def concat(context: Context, values: tuple) -> str:
        meter.step()
        size = sum(meter.written(value) for value in values)
        escaped = context.eval_ctx.autoescape
        if escaped and any(hasattr(value, "__html__") for value in values):
            size *= 6  # « & » devient « &amp; » : au plus six fois plus long
        meter.build(size)
        return markup_join(values) if escaped else str_join(values)

    @pass_context
    def measure(context: Context, value: Any) -> Any:
        meter.step()
        meter.touch(value)
        return value

    return {CHARGE: charge, CONCAT: concat, MEASURE: measure}


_SEQUENCES = (str, bytes, list, tuple)


def _check_binop(meter: Meter, operator: str, left: Any, right: Any) -> None:
    """Ce que fabriquerait `left operator right`, borné avant de le fabriquer."""
    if operator == "*":
        _check_product(meter, left, right)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1:
            meter.check_bits(left.bit_length() * right)
    elif operator == "+" and isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        _made(meter, left, len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_percent(meter, left, right)


def _check_product(meter: Meter, left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        meter.check_bits(left.bit_length() + right.bit_length())
        return
    sequence, times = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(sequence, _SEQUENCES) and isinstance(times, int):
        _made(meter, sequence, len(sequence) * max(times, 0))


def _made(meter: Meter, kind: object, size: int) -> None:
    """Un texte ou une liste de `size` caractères ou éléments va être fabriqué."""
    if isinstance(kind, (str, bytes)):
        meter.build(size)
    else:
        meter.check_value(size)
        meter.step(size)


def _checked_method(meter: Meter, method: Any, args: tuple, kwargs: dict) -> tuple:
    """Les méthodes de texte qui allongent, bornées avant l'appel ; `join` reçoit une liste,
    comptée, pour que la taille du texte se connaisse d'avance."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    first = args[0] if args else None
    if isinstance(owner, dt.date) and name == "strftime" and isinstance(first, str):
        meter.build(32 * len(first))  # « %A » écrit au plus une trentaine de caractères
    if not isinstance(owner, str):
        return args
    if name in ("center", "ljust", "rjust", "zfill") and isinstance(first, int):
        meter.build(max(len(owner), first))
    elif name == "replace" and len(args) >= 2:
        count = {"count": args[2] if len(args) > 2 else kwargs.get("count")}
        meter.build(replaced_size(owner, args[0], args[1], count))
    elif name == "join" and first is not None:
        items = list(first)
        meter.step(len(items))
        meter.build(sum(meter.written(item) for item in items) + len(owner) * len(items))
        return (items, *args[1:])
    return args
