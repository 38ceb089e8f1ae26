"""Les modèles des fichiers que crée essplan (`files/`, livrés avec le paquet), remplis.

Un modèle contient des marques `<<nom>>` ; `fill` les remplace toutes et refuse un modèle qui
en garderait une. Un texte donné sur la ligne de commande (collectivité, titre) est vérifié
(`check_text`) puis écrit en chaîne YAML entre guillemets (`yaml_text`) : ni un « : » ni un
« # » ne peut changer le sens du fichier.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from ..repository import UsageError

_MARK = re.compile(r"<<([a-z_-]+)>>")
MAX_TEXT = 300  # un nom de collectivité ou un titre d'action tient en une ligne


def template(name: str) -> str:
    return resources.files(__package__).joinpath("files", name).read_text(encoding="utf-8")


def fill(name: str, values: dict[str, str]) -> str:
    """Le modèle `name` avec ses marques remplacées par `values`."""

    def value(found: re.Match[str]) -> str:
        return values[found[1]]

    return _MARK.sub(value, template(name))


def check_text(option: str, text: str) -> str:
    """Un texte d'une ligne, non vide ; `UsageError` sinon (l'option est nommée)."""
    stripped = text.strip()
    if not stripped:
        raise UsageError(f"{option} : le texte est vide")
    if not stripped.isprintable():
        raise UsageError(
            f"{option} : le texte doit tenir sur une ligne, sans caractère de contrôle"
        )
    if len(stripped) > MAX_TEXT:
        raise UsageError(f"{option} : {len(stripped)} caractères, {MAX_TEXT} au plus")
    return stripped


def yaml_text(text: str) -> str:
    """Une chaîne YAML entre guillemets doubles (la syntaxe de JSON, que YAML lit)."""
    return json.dumps(text, ensure_ascii=False)
