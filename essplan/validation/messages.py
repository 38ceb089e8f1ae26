"""Les erreurs de pydantic en français, chacune un diagnostic positionné : fichier, ligne,
colonne, chemin de clé, et la suggestion (la clé ou la valeur admise la plus proche, la
lecture la plus proche d'un mois).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..diagnostics import Diagnostic, format_key_path
from ..french import citation
from ..model.month_words import strip_accents
from ..reading.document import YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)


def build_model(
    model: type[ModelT], document: YamlDocument, problems: list[Diagnostic]
) -> ModelT | None:
    """Valide `document.data` avec `model` ; chaque erreur devient un diagnostic positionné."""
    data = document.data
    if not isinstance(data, dict):
        problems.append(
            Diagnostic(
                "ESS004",
                _root_message(data, model),
                document.file,
                *document.position(()),
            )
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        seen: set[str] = set()
        for item in _relevant(error.errors(include_url=False), data):
            diagnostic = _translate(item, document, model)
            if diagnostic.path not in seen:  # une seule erreur par valeur (unions)
                seen.add(diagnostic.path)
                problems.append(diagnostic)
        return None


def _relevant(errors: list[ErrorDetails], data: Any) -> list[ErrorDetails]:
    """Les erreurs à dire. D'une union (`financement` : un texte ou une liste de financeurs),
    pydantic rend l'erreur de chaque forme ; une erreur plus profonde montre la forme choisie
    (une liste dont un élément est fautif) : l'erreur de type au niveau de la valeur (« attendu :
    un texte ») ne dit alors rien d'utile."""
    paths = [_data_path(tuple(item["loc"]), data) for item in errors]
    deeper = {path[:depth] for path in paths for depth in range(len(path))}
    return [
        item
        for item, path in zip(errors, paths, strict=True)
        if not (item["type"].endswith("_type") and path in deeper)
    ]


def _root_message(data: Any, model: type[BaseModel]) -> str:
    what = "un plan" if model.__name__ == "Plan" else "une fiche"
    if data is None:
        return f"fichier vide : il doit décrire {what} sous la forme « clé: valeur »"
    kind = "une liste" if isinstance(data, list) else f"une valeur seule (« {citation(data)} »)"
    return f"le fichier contient {kind} ; il doit décrire {what} sous la forme « clé: valeur »"


# ------------------------------------------------------------ erreurs pydantic → français

_TYPE_NAMES = {
    str: "un texte",
    int: "un nombre",
    float: "un nombre",
    bool: "un booléen (oui/non)",
    list: "une liste",
    dict: "un dictionnaire",
    type(None): "une valeur vide",
}


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return "une date" if hasattr(value, "isoformat") else type(value).__name__


def _data_path(loc: tuple, data: Any) -> tuple:
    """La partie de `loc` qui existe dans les données (pydantic y ajoute des noms de types)."""
    path = []
    for rank, part in enumerate(loc):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and rank < len(loc) - 1:
            continue  # le nom d'une forme d'union (« str », « Financeur ») : pas une clé
        else:
            break
        path.append(part)
    return tuple(path)


def _translate(item: ErrorDetails, document: YamlDocument, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(item["loc"])
    kind = item["type"]
    path = _data_path(loc, document.data)
    if kind == "missing":
        return _missing(loc, path, document)
    if kind == "extra_forbidden":
        return _unknown_key(loc, path, document, model)
    value = item.get("input")
    # Une clé refusée (l'année 1800 de `depenses`) se montre à la clé, pas à sa valeur.
    line, column = document.position(path, key=loc[-1:] == ("[key]",))
    return Diagnostic(
        "ESS004",
        _value_message(kind, item, value),
        document.file,
        line,
        column,
        format_key_path(path, document.data) or "(racine)",
        suggestion=_value_suggestion(kind, item, value),
    )


def _missing(loc: tuple, path: tuple, document: YamlDocument) -> Diagnostic:
    """ESS005, à la position du dictionnaire où la clé manque."""
    parent = format_key_path(path, document.data)
    where = f" dans « {parent} »" if parent else ""
    line, column = document.position(path)
    return Diagnostic(
        "ESS005",
        f"clé obligatoire « {loc[-1]} » absente{where}",
        document.file,
        line,
        column,
        format_key_path(loc, document.data),
    )


def _unknown_key(
    loc: tuple, path: tuple, document: YamlDocument, model: type[BaseModel]
) -> Diagnostic:
    """ESS003, à la position de la clé, avec la clé admise la plus proche."""
    key = loc[-1]
    line, column = document.position(path, key=True)
    allowed = _allowed_keys(model, loc[:-1])
    guess = _closest(str(key), allowed)
    suggestion = (
        f"vouliez-vous dire « {guess} » ?"
        if guess
        else ("clés admises : " + ", ".join(allowed) if allowed else None)
    )
    return Diagnostic(
        "ESS003",
        f"clé inconnue « {citation(key)} »",
        document.file,
        line,
        column,
        format_key_path(path, document.data) or "(racine)",
        suggestion=suggestion,
    )


def _value_suggestion(kind: str, item: ErrorDetails, value: Any) -> str | None:
    """La lecture la plus proche d'un mois, la valeur admise la plus proche d'une énumération."""
    ctx = item.get("ctx") or {}
    if kind == "value_error":
        return getattr(ctx.get("error"), "suggestion", None)
    if kind == "literal_error" and isinstance(value, str):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        guess = _closest(value, allowed)
        return f"vouliez-vous dire « {guess} » ?" if guess else None
    return None


def _value_message(kind: str, item: ErrorDetails, value: Any) -> str:
    ctx = item.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind == "string_type":
        if isinstance(value, (int, float, bool)) or hasattr(value, "isoformat"):
            return (
                f"attendu : un texte, trouvé {_describe(value)} ; écrivez la valeur entre"
                f' guillemets ("{citation(value)}")'
            )
        return f"attendu : un texte, trouvé {_describe(value)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "")
        return (
            f"valeur « {citation(value)} » non admise ; valeurs possibles :"
            f" {expected.replace(' or ', ', ')}"
        )
    if kind in ("list_type", "too_short") and isinstance(value, list):
        return "la liste ne doit pas être vide"
    if kind == "list_type":
        return f"attendu : une liste (une ligne « - » par élément), trouvé {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"attendu : un dictionnaire (« clé: valeur »), trouvé {_describe(value)}"
    if kind.startswith(("int_", "float_")) or kind in ("int_type", "float_type"):
        return f"attendu : un nombre entier, trouvé « {citation(value)} »"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"« {citation(value)} » : la valeur doit être au moins {ctx.get('ge', ctx.get('gt'))}"
        )
    if kind in ("less_than_equal", "less_than"):
        return f"« {citation(value)} » : la valeur doit être au plus {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("date"):
        return (
            f"attendu : une date AAAA-MM-JJ (par exemple 2016-10-14), trouvé « {citation(value)} »"
        )
    if kind in ("string_too_short",):
        return "ne doit pas être vide"
    # Un cas que la table ne connaît pas : le message de pydantic est en anglais, on ne le
    # montre pas ; la valeur et sa place suffisent à la retrouver.
    return f"valeur invalide « {citation(value)} »"


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Les clés admises à l'endroit `loc` (pour suggérer la plus proche)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None or part not in current.model_fields:
            continue  # un rang, une clé d'année, ou le nom d'une forme d'union
        field_info = current.model_fields.get(part)
        current = _model_in(field_info.annotation) if field_info else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Le modèle pydantic contenu dans une annotation (list[Axe], Cout | None, Annotated…)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _closest(key: str, allowed: list[str]) -> str | None:
    simplified = {strip_accents(k).lower().replace("-", "_"): k for k in allowed}
    wanted = strip_accents(key).lower().replace("-", "_").replace(" ", "_")
    if wanted in simplified:
        return simplified[wanted]
    match = difflib.get_close_matches(wanted, list(simplified), n=1, cutoff=0.6)
    return simplified[match[0]] if match else None
