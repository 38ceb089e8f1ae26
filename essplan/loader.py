"""Charger un plan : plan.yaml et ses fiches, en modèles, avec l'origine de chaque valeur.

`load_plan(dossier)` lit tout ce qui peut l'être et rend un `LoadedPlan` : les modèles
valides, et un diagnostic positionné (fichier, ligne, colonne, chemin de clé) pour chaque
problème. Les erreurs de pydantic sont traduites ici en messages français.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, format_key_path
from .months import strip_accents
from .yamlfile import Limits, YamlDocument, is_within, read_yaml

PLAN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FICHE_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class LoadedFiche:
    fiche: Any  # models.Fiche
    document: YamlDocument


@dataclass(slots=True)
class LoadedPlan:
    """Un plan tel qu'il a pu être lu : `plan` est None si plan.yaml est invalide."""

    id: str
    folder: Path
    display: str  # le dossier tel qu'on l'affiche (relatif au dossier courant)
    plan: Any = None  # models.Plan
    document: YamlDocument | None = None
    fiches: list[LoadedFiche] = field(default_factory=list)
    fiche_files: int = 0  # fichiers de fiches trouvés, valides ou non
    # Fiches présentes mais invalides : leurs ids connus, et le nombre de fichiers illisibles.
    # Un lien vers elles n'est pas « cassé » : l'erreur est déjà signalée dans leur fichier.
    invalid_ids: set[str] = field(default_factory=set)
    unreadable_fiches: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _order: list[LoadedFiche] | None = None  # `in_plan_order`, triées une fois

    @property
    def plan_file(self) -> str:
        return f"{self.display}/plan.yaml"

    def in_plan_order(self) -> list[LoadedFiche]:
        """Les fiches dans l'ordre du plan : ordre des axes, puis identifiants (2.9 avant 2.10).

        Le linter, le budget et les rapports la demandent plusieurs fois : triée une fois."""
        if self._order is None or len(self._order) != len(self.fiches):
            rank = {str(axe.code): index for index, axe in enumerate(self.plan.axes)} if self.plan else {}
            self._order = sorted(self.fiches, key=lambda item: (
                rank.get(str(item.fiche.axe), len(rank)), natural_key(item.fiche.id)))
        return list(self._order)


def load_plan(folder: Path, display: str, limits: Limits = Limits(), root: Path | None = None) -> LoadedPlan:
    from . import models

    loaded = LoadedPlan(folder.name, folder, display)
    problems = loaded.diagnostics
    if not PLAN_ID.fullmatch(folder.name):
        problems.append(Diagnostic(
            "ESS010",
            f"nom de dossier de plan invalide « {folder.name} » : lettres minuscules sans"
            " accent, chiffres et tirets (par exemple « clermont-2016 »)",
            loaded.plan_file,
        ))
    plan_path = folder / "plan.yaml"
    if not plan_path.exists() and not plan_path.is_symlink():
        problems.append(Diagnostic(
            "ESS010",
            "plan.yaml manquant : chaque dossier de plans/ contient un plan.yaml"
            " (collectivite, titre, axes)",
            loaded.plan_file,
        ))
    else:
        loaded.document, loaded.plan = _load_model(
            plan_path, loaded.plan_file, models.Plan, limits, root or folder, problems
        )
    for path in _fiche_files(folder, display, problems):
        loaded.fiche_files += 1
        shown = f"{display}/fiches/{path.name}"
        document, fiche = _load_model(path, shown, models.Fiche, limits, root or folder, problems)
        if fiche is not None:
            loaded.fiches.append(LoadedFiche(fiche, document))
        elif document is not None and isinstance(document.data, dict):
            loaded.invalid_ids.add(str(document.data.get("id")))
        else:
            loaded.unreadable_fiches += 1
    return loaded


def _fiche_files(folder: Path, display: str, problems: list[Diagnostic]) -> list[Path]:
    fiches = folder / "fiches"
    if not fiches.exists():
        return []
    if not fiches.is_dir():
        problems.append(Diagnostic(
            "ESS009", "« fiches » doit être un dossier (un fichier YAML par fiche)",
            f"{display}/fiches",
        ))
        return []
    try:
        entries = sorted(fiches.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as error:
        from .french import os_error

        problems.append(Diagnostic("ESS009", f"dossier illisible : {os_error(error)}", f"{display}/fiches"))
        return []
    return [p for p in entries if p.suffix in FICHE_SUFFIXES and not p.name.startswith(".")]


def natural_key(text: str) -> tuple:
    """« 2.10 » après « 2.9 », « 10 » après « 9 ».

    Un groupe de chiffres se compare par sa longueur puis ses chiffres (sans zéros de tête) :
    c'est l'ordre des nombres, sans convertir en `int` (« ² » ou 5 000 chiffres le feraient
    échouer)."""
    return tuple((len(part.lstrip("0")), part.lstrip("0")) if index % 2 else part
                 for index, part in enumerate(_DIGITS.split(text)))


_DIGITS = re.compile(r"([0-9]+)")


def _load_model(path: Path, display: str, model: type, limits: Limits, root: Path,
                problems: list[Diagnostic]) -> tuple[YamlDocument | None, Any]:
    if path.is_symlink() and not is_within(path, root):
        problems.append(Diagnostic(
            "ESS009",
            "lien symbolique vers un fichier hors du dépôt : refusé (un dépôt de plans doit"
            " se suffire à lui-même)",
            display,
        ))
        return None, None
    document, read_problems = read_yaml(path, display, limits)
    problems.extend(read_problems)
    if document is None:
        return None, None
    return document, build_model(model, document, problems)


def build_model(model: type, document: YamlDocument, problems: list[Diagnostic]) -> Any:
    """Valide `document.data` avec `model` ; chaque erreur devient un diagnostic positionné."""
    from pydantic import ValidationError

    data = document.data
    if not isinstance(data, dict):
        problems.append(Diagnostic(
            "ESS004", _root_message(data, model), document.file, *document.position(()),
        ))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        seen: set[str] = set()
        for item in error.errors(include_url=False):
            diagnostic = _translate(item, document, model)
            if diagnostic.path not in seen:  # une seule erreur par valeur (unions)
                seen.add(diagnostic.path)
                problems.append(diagnostic)
        return None


def _root_message(data: Any, model: type) -> str:
    what = "un plan" if model.__name__ == "Plan" else "une fiche"
    if data is None:
        return f"fichier vide : il doit décrire {what} sous la forme « clé: valeur »"
    kind = "une liste" if isinstance(data, list) else f"une valeur seule (« {data} »)"
    return f"le fichier contient {kind} ; il doit décrire {what} sous la forme « clé: valeur »"


# ------------------------------------------------------------ erreurs pydantic → français

_TYPE_NAMES = {
    str: "un texte", int: "un nombre", float: "un nombre", bool: "un booléen (oui/non)",
    list: "une liste", dict: "un dictionnaire", type(None): "une valeur vide",
}


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return "une date" if hasattr(value, "isoformat") else type(value).__name__


def _data_path(loc: tuple, data: Any) -> tuple:
    """La partie de `loc` qui existe dans les données (pydantic y ajoute des noms de types)."""
    path = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            break
        path.append(part)
    return tuple(path)


def _translate(item: dict, document: YamlDocument, model: type) -> Diagnostic:
    loc = tuple(item["loc"])
    kind = item["type"]
    path = _data_path(loc, document.data)
    value = item.get("input")
    shown = format_key_path(path) or "(racine)"

    if kind == "missing":
        key = loc[-1]
        parent = format_key_path(path)
        where = f" dans « {parent} »" if parent else ""
        line, column = document.position(path)
        return Diagnostic("ESS005", f"clé obligatoire « {key} » absente{where}",
                          document.file, line, column, format_key_path(loc))
    if kind == "extra_forbidden":
        key = loc[-1]
        line, column = document.position(path, key=True)
        allowed = _allowed_keys(model, loc[:-1])
        guess = _closest(str(key), allowed)
        return Diagnostic(
            "ESS003", f"clé inconnue « {key} »", document.file, line, column, shown,
            suggestion=f"vouliez-vous dire « {guess} » ?" if guess else
            ("clés admises : " + ", ".join(allowed) if allowed else None),
        )
    line, column = document.position(path)
    return Diagnostic("ESS004", _value_message(kind, item, value), document.file, line, column,
                      shown, suggestion=_value_suggestion(kind, item, value))


def _value_suggestion(kind: str, item: dict, value: Any) -> str | None:
    """La lecture la plus proche d'un mois, la valeur admise la plus proche d'une énumération."""
    ctx = item.get("ctx") or {}
    if kind == "value_error":
        return getattr(ctx.get("error"), "suggestion", None)
    if kind == "literal_error" and isinstance(value, str):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        guess = _closest(value, allowed)
        return f"vouliez-vous dire « {guess} » ?" if guess else None
    return None


def _value_message(kind: str, item: dict, value: Any) -> str:
    ctx = item.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind == "string_type":
        if isinstance(value, (int, float, bool)) or hasattr(value, "isoformat"):
            return f"attendu : un texte, trouvé {_describe(value)} ; écrivez la valeur entre guillemets (\"{value}\")"
        return f"attendu : un texte, trouvé {_describe(value)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "")
        return f"valeur « {value} » non admise ; valeurs possibles : {expected.replace(' or ', ', ')}"
    if kind in ("list_type", "too_short") and isinstance(value, list):
        return "la liste ne doit pas être vide"
    if kind == "list_type":
        return f"attendu : une liste (une ligne « - » par élément), trouvé {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"attendu : un dictionnaire (« clé: valeur »), trouvé {_describe(value)}"
    if kind.startswith(("int_", "float_")) or kind in ("int_type", "float_type"):
        return f"attendu : un nombre entier, trouvé « {value} »"
    if kind in ("greater_than_equal", "greater_than"):
        return f"« {value} » : la valeur doit être au moins {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"« {value} » : la valeur doit être au plus {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("date"):
        return f"attendu : une date AAAA-MM-JJ (par exemple 2016-10-14), trouvé « {value} »"
    if kind in ("string_too_short",):
        return "ne doit pas être vide"
    return f"valeur invalide « {value} » ({item['msg']})"


def _allowed_keys(model: type, loc: tuple) -> list[str]:
    """Les clés admises à l'endroit `loc` (pour suggérer la plus proche)."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field_info = current.model_fields.get(part) if isinstance(current, type) else None
        current = _model_in(field_info.annotation) if field_info else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """Le modèle pydantic contenu dans une annotation (list[Axe], Cout | None, Annotated…)."""
    from pydantic import BaseModel
    from typing import get_args

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
