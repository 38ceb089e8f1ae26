"""Traduire un message anglais en français : une expression régulière sur l'anglais, le texte
français, et la conversion des valeurs reprises (un nom entre guillemets, un jeton, un type).
Les tables sont dans `jinja_messages` (Jinja) et `faults` (Python).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Les jetons tels que Jinja les décrit (`lexer.describe_token`).
TOKENS = {
    "begin of comment": "« {# »",
    "end of comment": "« #} »",
    "comment": "un commentaire",
    "begin of statement block": "« {% »",
    "end of statement block": "« %} »",
    "begin of print statement": "« {{ »",
    "end of print statement": "« }} »",
    "begin of line statement": "un début de ligne d'instruction",
    "end of line statement": "une fin de ligne d'instruction",
    "template data / text": "du texte",
    "end of template": "la fin du modèle",
    "integer": "un nombre entier",
    "float": "un nombre décimal",
    "string": "un texte entre guillemets",
    "name": "un nom",
    "operator": "un opérateur",
}
# Les types de Python tels qu'un message les nomme.
TYPES = {
    "None": "rien (none)",
    "NoneType": "rien (none)",
    "bool": "un booléen",
    "int": "un nombre entier",
    "float": "un nombre décimal",
    "Decimal": "un montant",
    "str": "un texte",
    "Markup": "un texte",
    "list": "une liste",
    "tuple": "une liste",
    "dict": "un dictionnaire",
    "set": "un ensemble",
    "range": "une suite de nombres (range)",
    "date": "une date",
    "Month": "un mois",
    "StrictUndefined": "une variable inconnue",
    "Namespace": "un namespace",
}


def unquoted(text: str) -> str:
    """`'endfor'` → `endfor` : le texte qu'un repr() de Python a mis entre guillemets."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def quoted(text: str) -> str:
    """`'endfor'` → « endfor » ; un jeton décrit (`'end of print statement'`) en français."""
    inner = unquoted(text)
    return TOKENS.get(inner) or f"« {inner} »"


def alternatives(text: str) -> str:
    """`'endfor' or 'else'` → « endfor » ou « else »."""
    return " ou ".join(quoted(part) for part in text.split(" or "))


def kind(text: str) -> str:
    """Un type (`'dict object'`, `essplan.model.plan.Plan object`, `int`) en français."""
    name = unquoted(text).removesuffix(" object")
    name = name.rpartition(".")[2]
    return TYPES.get(name) or f"un objet « {name} »"


def position(text: str) -> str:
    """`line 3 in 'macros.j2'` → « ligne 3 de « macros.j2 » »."""
    found = re.fullmatch(r"line (\d+)(?: in (.+))?", text)
    if found is None:
        return quoted(text)
    return f"ligne {found[1]}" + (f" de {quoted(found[2])}" if found[2] else "")


@dataclass(frozen=True)
class Message:
    english: re.Pattern[str]
    french: str
    example: str
    convert: dict[str, Callable[[str], str]] = field(default_factory=dict)

    def translate(self, text: str) -> str | None:
        found = self.english.fullmatch(text)
        if found is None:
            return None
        values = {
            key: self.convert.get(key, quoted)(value) if value is not None else ""
            for key, value in found.groupdict().items()
        }
        return self.french.format(**values)


def M(english: str, french: str, example: str, **convert: Callable[[str], str]) -> Message:
    return Message(re.compile(english, re.DOTALL), french, example, convert)
