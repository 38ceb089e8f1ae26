"""Réécrire une fiche avec ses modifications, sans toucher au reste du fichier.

Chaque fichier est relu par ruamel.yaml en aller-retour (commentaires, ordre des clés,
guillemets gardés), avec le réglage d'indentation, parmi les formes courantes, qui le réécrit
tel quel. Une clé nouvelle prend sa place dans l'ordre du format ; un indicateur écrit en texte
devient `{libelle, valeurs}`. La marque d'ordre d'octets et les fins de ligne CRLF sont gardées.

Quand aucun réglage ne rend le fichier octet pour octet (des espaces en trop après « : », une
indentation inhabituelle), mais que la réécriture garde ses lignes une à une, les lignes que la
modification ne touche pas sont reprises du fichier lui-même : le résultat doit alors se lire
exactement comme la réécriture de ruamel.yaml, sinon `ApplyError`, et rien n'est écrit.
"""

from __future__ import annotations

import io
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..model.fiche import FICHE_KEYS, Indicateur
from .changes import Change, FileChanges

_INDENTS = ((2, 2), (2, 0), (4, 4), (4, 2), (4, 0), (2, 4), (3, 3), (3, 0))  # mapping, offset
_ORDERS: dict[str, tuple[str, ...]] = {
    "": FICHE_KEYS,
    "suivi": ("date", "texte", "statut", "avancement"),
    "indicateurs": tuple(Indicateur.model_fields),
}


class ApplyError(Exception):
    """Une fiche que la fusion ne peut pas réécrire : le message dit laquelle et pourquoi."""


def edited(file: FileChanges) -> bytes:
    """Les octets de la fiche, une fois ses modifications faites."""
    text = file.path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    crlf = "\r\n" in text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    yaml, base = _settings(text, file.display)
    data = yaml.load(text)
    for change in file.changes:
        _apply(data, change)
    new = _dump(yaml, data)
    if base != text:
        new = _patched(text, base, new, file.display)
    return (bom + (new.replace("\n", "\r\n") if crlf else new)).encode("utf-8")


def _yaml(mapping: int, offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # jamais de ligne repliée
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _settings(text: str, display: str) -> tuple[YAML, str]:
    """Le réglage qui réécrit `text` tel quel, sinon celui dont la réécriture (rendue aussi)
    garde ses lignes une à une en en changeant le moins ; `ApplyError` s'il n'y en a pas."""
    lines = text.splitlines()
    candidates: list[tuple[int, int, YAML, str]] = []
    for mapping, offset in _INDENTS:
        yaml = _yaml(mapping, offset)
        try:
            base = _dump(yaml, yaml.load(text))
        except YAMLError:  # ce que libyaml lit et ruamel.yaml non : on ne devine pas
            raise _unfaithful(display) from None
        if base == text:
            return yaml, base
        if len(base.splitlines()) == len(lines):
            changed = sum(a != b for a, b in zip(base.splitlines(), lines, strict=True))
            candidates.append((changed, len(candidates), yaml, base))
    if not candidates:
        raise _unfaithful(display)
    _, _, yaml, base = min(candidates, key=lambda c: c[:2])
    return yaml, base


def _patched(text: str, base: str, new: str, display: str) -> str:
    """Les lignes de `new` que la modification a écrites, les autres reprises de `text` (dont
    `base` est la réécriture, ligne pour ligne)."""
    original, before, after = text.splitlines(True), base.splitlines(True), new.splitlines(True)
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        lines += original[i1:i2] if tag == "equal" else after[j1:j2]
    result = "".join(lines)
    try:
        same = _meaning(result) == _meaning(new)
    except pyyaml.YAMLError:
        same = False
    if not same:
        raise _unfaithful(display)
    return result


def _meaning(text: str) -> Any:
    return pyyaml.load(text, Loader=pyyaml.CSafeLoader)


def _unfaithful(display: str) -> ApplyError:
    return ApplyError(
        f"{display} : essplan collect ne sait pas réécrire ce fichier sans changer d'autres lignes"
        " (une mise en forme que ruamel.yaml ne reproduit pas) ; rien n'est écrit : reportez"
        " ces valeurs à la main"
    )


def _apply(data: Any, change: Change) -> None:
    node, parent = data, ""
    path = change.path
    for depth, part in enumerate(path[:-1]):
        node = _child(node, part, parent, inserting=change.insert and depth == len(path) - 2)
        parent = part if isinstance(part, str) else parent
    last = path[-1]
    value = _yaml_value(change.new)
    if change.insert:
        node.insert(last, value)
    elif isinstance(last, int):
        _place(node, last, value, None)
    else:
        _place(node, last, value, _ORDERS.get(parent if isinstance(node, CommentedMap) else ""))


def _child(node: Any, part: str | int, parent: str, inserting: bool) -> Any:
    if isinstance(node, CommentedSeq):
        assert isinstance(part, int)
        if isinstance(node[part], str):  # un indicateur écrit en texte : son libellé d'abord
            node[part] = CommentedMap([("libelle", node[part])])
        return node[part]
    if part not in node:
        assert isinstance(part, str)
        _place(node, part, CommentedSeq() if inserting else CommentedMap(), _ORDERS.get(parent))
    return node[part]


def _place(node: CommentedMap, key: str | int, value: Any, order: tuple[str, ...] | None) -> None:
    """Une valeur à sa clé : changée sur place, ou insérée à sa place (l'ordre du format pour
    un nom, l'ordre des années pour une année)."""
    if key in node:
        node[key] = value
        return
    keys = list(node)
    if isinstance(key, int):
        position = sum(1 for known in keys if isinstance(known, int) and known < key)
    elif order is not None and key in order:
        rank = order.index(key)
        before = [i for i, known in enumerate(keys) if known in order and order.index(known) < rank]
        position = before[-1] + 1 if before else 0
    else:
        position = len(keys)
    node.insert(position, key, value)


def _yaml_value(value: object) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return CommentedMap([(key, _yaml_value(item)) for key, item in value.items()])
    return value
