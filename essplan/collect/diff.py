"""Les modifications d'une fusion, lisibles : par fichier, une ligne par clé, l'ancienne valeur
et la nouvelle (« depenses[2023] : absent → 7 000 € »)."""

from __future__ import annotations

from decimal import Decimal

from .. import french
from .changes import MISSING, Change, FileChanges

_LISTS = ("suivi", "indicateurs")  # les clés dont les enfants sont des rangs de liste


def render(files: list[FileChanges], written: bool) -> str:
    if not files:
        return "Aucune modification : le plan porte déjà tout ce que dit le classeur.\n"
    lines = []
    for file in files:
        lines.append(f"{file.display} (fiche {file.fiche})")
        lines += [f"  {line}" for line in map(describe, file.changes)]
    count = sum(len(file.changes) for file in files)
    what = f"{count} modification{'s' if count > 1 else ''}"
    where = f"{len(files)} fichier{'s' if len(files) > 1 else ''}"
    if written:
        lines.append(f"{what} écrite{'s' if count > 1 else ''} dans {where}.")
    else:
        lines.append(f"{what} dans {where} ; rien n'est écrit (--write pour les écrire).")
    return "\n".join(lines) + "\n"


def describe(change: Change) -> str:
    key = key_path(change.path)
    if change.label:
        key += f" ({change.label})"
    if change.insert:
        return f"{key} : nouvelle entrée {_entry(change.new)}"
    return f"{key} : {shown(change.old, change.path)} → {shown(change.new, change.path)}"


def key_path(path: tuple[str | int, ...]) -> str:
    """("indicateurs", 0, "valeurs", 2023) → « indicateurs[1].valeurs[2023] » : les rangs de
    liste comptent à partir de 1, les années restent des années."""
    text = ""
    for previous, part in zip((None, *path), path, strict=False):
        if isinstance(part, str):
            text += f".{part}" if text else part
        else:
            text += f"[{part + 1}]" if previous in _LISTS else f"[{part}]"
    return text


def shown(value: object, path: tuple[str | int, ...]) -> str:
    if value is MISSING:
        return "absent"
    if path[-1] == "statut":
        return french.status(str(value))
    if path[-1] == "avancement":
        return f"{french.number(value)} %"  # type: ignore[arg-type]
    if path[0] == "depenses":
        return french.amount(value)  # type: ignore[arg-type]
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return french.number(value)
    return f"« {value} »"


def _entry(entry: object) -> str:
    assert isinstance(entry, dict)
    text = f"{entry['date']} « {entry['texte']} »"
    details = []
    if "statut" in entry:
        details.append(f"statut : {french.status(entry['statut'])}")
    if "avancement" in entry:
        details.append(f"avancement : {french.number(entry['avancement'])} %")
    return f"{text} ({', '.join(details)})" if details else text
