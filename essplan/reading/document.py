"""Un document YAML lu : ses valeurs, la position de chaque clé et de chaque valeur, ses
suppressions (`# essplan: ignore[…]`), et les bornes de lecture.

Rien ici ne lit de fichier : `builder.py` construit un `YamlDocument`, la validation et le
linter le consultent (`locate` : la ligne, la colonne et le chemin de clé d'un constat).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import format_key_path

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bornes de lecture ; réglables dans `essplan.toml` (section `[limits]`)."""

    max_file_bytes: int = 5 * 1024 * 1024
    max_aliases: int = 100
    max_values: int = 100_000  # valeurs après expansion des alias
    max_depth: int = 50


@dataclass(frozen=True, slots=True)
class Suppression:
    """`# essplan: ignore[ESS302]` (cette ligne ou la suivante) ou `file-ignore[…]` (le fichier)."""

    line: int
    column: int
    codes: tuple[str, ...]
    whole_file: bool


_SUPPRESSION = re.compile(r"#\s*essplan:\s*(file-ignore|ignore)\b(?:\[([^\]]*)\])?")


def find_suppressions(text: str) -> list[Suppression]:
    if "essplan:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _SUPPRESSION.search(line)
        if match:
            codes = tuple(c.strip() for c in (match[2] or "").split(",") if c.strip())
            found.append(Suppression(number, match.start() + 1, codes, match[1] == "file-ignore"))
    return found


@dataclass(slots=True)
class YamlDocument:
    """Le contenu d'un fichier et la position (ligne, colonne, à partir de 1) de ses valeurs."""

    file: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)

    def locate(self, path: KeyPath) -> tuple[int, int, str]:
        """Où signaler un constat sur `path` : ligne, colonne (de la valeur, ou de son parent le
        plus proche) et chemin de clé lisible (« methode[2] »). La validation et le linter
        placent leurs constats par cette seule fonction."""
        line, column = self.position(path)
        return line, column, format_key_path(path, self.data)

    def position(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """La position connue la plus proche de `path` (on remonte vers la racine)."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


def is_within(path: Path, root: Path) -> bool:
    """Vrai si `path`, liens résolus, reste sous `root` (un lien ne doit pas sortir du dépôt)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except OSError:
        return False
