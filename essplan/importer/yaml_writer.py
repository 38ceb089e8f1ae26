"""Écrire un plan importé en YAML lisible par les personnes qui le relisent.

Les clés viennent dans l'ordre du format (l'ordre des dictionnaires reçus), les textes longs
en blocs : `>-` pour un paragraphe (écrit sur une seule ligne, que l'éditeur replie), `|-`
quand les retours à la ligne comptent. Les identifiants de fiches sont entre guillemets
(`id: "1.1"`, sans quoi YAML lirait le nombre 1.1), les listes de `liens` et les pouvoirs
tiennent sur une ligne. Un commentaire d'en-tête nomme la source et demande une relecture.

L'écriture passe par l'émetteur C de libyaml (`CSafeDumper`) : quatre fois plus rapide que
celui de PyYAML, écrit en Python (la représentation des valeurs en nœuds reste en Python) ; le
texte est le même, octet pour octet (les tests le vérifient) :
- libyaml écrit les éléments d'une liste au niveau de leur clé (`pilotes:` puis `- Nom` sans
  retrait), sans réglage pour faire autrement ; chaque liste ainsi placée reçoit une étiquette
  repère, que `_reindent` retire en décalant ses lignes de deux espaces ;
- un fichier qui contient un texte que les deux émetteurs n'écrivent pas de la même façon (un
  caractère hors du plan multilingue de base, comme un émoji, un saut de ligne Unicode, un
  texte qui finit par un retour à la ligne), ou le repère lui-même, est écrit par l'émetteur
  Python, comme tous quand libyaml manque.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import SequenceNode
from yaml.representer import SafeRepresenter

LONG_TEXT = 200  # au-delà, un paragraphe s'écrit en bloc ; un titre ou une puce reste sur sa ligne


class QuotedText(str):
    """Un texte toujours écrit entre guillemets doubles (identifiants de fiches)."""


class FlowList(list):
    """Une liste écrite sur une ligne : `liens: ["2.2"]`."""


class FlowMapping(dict):
    """Un dictionnaire écrit sur une ligne : `{de: …, a: …}`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # Les éléments d'une liste sont indentés sous leur clé, comme dans les plans livrés.
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        # Une même date écrite deux fois reste écrite deux fois : pas d'ancre « &id001 ».
        return True


def _text(dumper: SafeRepresenter, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else (">" if len(value) > LONG_TEXT else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted(dumper: SafeRepresenter, value: QuotedText) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _flow_list(dumper: SafeRepresenter, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _flow_mapping(dumper: SafeRepresenter, value: FlowMapping) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(QuotedText, _quoted)
_Dumper.add_representer(FlowList, _flow_list)
_Dumper.add_representer(FlowMapping, _flow_mapping)

# Ce que libyaml n'écrit pas comme PyYAML : hors du plan de base (libyaml met un émoji entre
# guillemets, en `\U…`), sauts de ligne Unicode, demi-codets ; un retour à la ligne final.
_UNLIKE = re.compile("[\U00010000-\U0010ffff\x85\u2028\u2029\ud800-\udfff]|\n\\Z")
_MARK = "!essplan-liste"  # l'étiquette repère d'une liste sous une clé (jamais écrite)
_MARKED = re.compile(f"( *(?:- )?)(.*): {re.escape(_MARK)}\\Z")


class _PythonNeeded(Exception):
    """Un texte que libyaml n'écrirait pas comme PyYAML : le fichier passe par Python."""


def _checked(
    representer: Callable[[Any, Any], yaml.ScalarNode],
) -> Callable[[Any, Any], yaml.ScalarNode]:
    def represent(dumper: Any, value: str) -> yaml.ScalarNode:
        if _UNLIKE.search(value) or _MARK in value:
            raise _PythonNeeded
        return representer(dumper, value)

    return represent


if yaml.__with_libyaml__:

    class _CDumper(yaml.CSafeDumper):
        def ignore_aliases(self, data) -> bool:
            return True

        def represent_mapping(self, tag, mapping, flow_style=None) -> yaml.MappingNode:
            node = super().represent_mapping(tag, mapping, flow_style)
            for _, value in node.value:
                if isinstance(value, SequenceNode) and value.value and not value.flow_style:
                    value.tag = _MARK
            return node

    _CDumper.add_representer(str, _checked(_text))
    _CDumper.add_representer(QuotedText, _checked(_quoted))
    _CDumper.add_representer(FlowList, _flow_list)
    _CDumper.add_representer(FlowMapping, _flow_mapping)


def _reindent(text: str) -> str:
    """Le texte de libyaml tel que l'écrit PyYAML : chaque liste marquée décalée de deux
    espaces sous sa clé, jusqu'à la première ligne moins en retrait que sa clé, ou autant
    et qui n'est pas un élément (« - »). Les lignes vides (dans un bloc `|`) restent vides."""
    lines: list[str] = []
    keys: list[int] = []  # keys : la colonne de la clé de chaque liste en cours
    for line in text.split("\n"):
        if line:
            indent = len(line) - len(line.lstrip(" "))
            while keys and (
                indent < keys[-1] or (indent == keys[-1] and line[indent : indent + 2] != "- ")
            ):
                keys.pop()
        shift = "  " * len(keys)
        marked = _MARKED.match(line)
        if marked:
            line = f"{marked[1]}{marked[2]}:"
            keys.append(len(marked[1]))
        lines.append(shift + line if line else line)
    return "\n".join(lines)


def header(source_name: str) -> str:
    return (
        f"# Importé par essplan depuis {source_name} : relisez les remarques avant"
        " d'adopter ce fichier.\n"
    )


def dump(data: dict, source_name: str) -> str:
    """Le fichier YAML : en-tête, puis `data` (UTF-8, sans repli des lignes longues)."""
    return header(source_name) + (_c_dump(data) or python_dump(data))


def python_dump(data: dict) -> str:
    """`data` par l'émetteur Python de PyYAML : la référence du texte écrit."""
    return _emit(data, _Dumper)


def _emit(data: dict, dumper: type) -> str:
    return yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


def _c_dump(data: dict) -> str | None:
    """`data` par libyaml, ou None : libyaml manque, ou un texte s'écrirait autrement."""
    if not yaml.__with_libyaml__:
        return None
    try:
        body = _emit(data, _CDumper)
    except _PythonNeeded:
        return None
    return _reindent(body)


def fiche_for_yaml(fiche: dict) -> dict:
    """Une fiche prête à écrire : id et liens entre guillemets, liens sur une ligne."""
    ready = dict(fiche)
    ready["id"] = QuotedText(fiche["id"])
    if "liens" in fiche:
        ready["liens"] = FlowList(QuotedText(target) for target in fiche["liens"])
    return ready


def plan_for_yaml(plan: dict) -> dict:
    """Le plan prêt à écrire : un pouvoir par ligne (« de » et « a » côte à côte)."""
    ready = dict(plan)
    deliberation = plan.get("deliberation")
    if deliberation and "pouvoirs" in deliberation:
        ready["deliberation"] = dict(deliberation)
        ready["deliberation"]["pouvoirs"] = [FlowMapping(p) for p in deliberation["pouvoirs"]]
    return ready


def in_format_order(data: dict, keys: tuple[str, ...]) -> dict:
    """`data` dans l'ordre du format ; une clé hors du format (il n'y en a pas) irait à la fin."""
    return {
        **{key: data[key] for key in keys if key in data},
        **{key: value for key, value in data.items() if key not in keys},
    }
