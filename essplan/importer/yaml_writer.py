"""Écrire un plan importé en YAML lisible par les personnes qui le relisent.

Les clés viennent dans l'ordre du format (l'ordre des dictionnaires reçus), les textes longs
en blocs : `>-` pour un paragraphe (écrit sur une seule ligne, que l'éditeur replie), `|-`
quand les retours à la ligne comptent. Les identifiants de fiches sont entre guillemets
(`id: "1.1"`, sans quoi YAML lirait le nombre 1.1), les listes de `liens` et les pouvoirs
tiennent sur une ligne. Un commentaire d'en-tête nomme la source et demande une relecture.
"""

from __future__ import annotations

import yaml

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


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else (">" if len(value) > LONG_TEXT else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted(dumper: yaml.SafeDumper, value: QuotedText) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _flow_list(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _flow_mapping(dumper: yaml.SafeDumper, value: FlowMapping) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(QuotedText, _quoted)
_Dumper.add_representer(FlowList, _flow_list)
_Dumper.add_representer(FlowMapping, _flow_mapping)


def header(source_name: str) -> str:
    return (
        f"# Importé par essplan depuis {source_name} : relisez les remarques avant"
        " d'adopter ce fichier.\n"
    )


def dump(data: dict, source_name: str) -> str:
    """Le fichier YAML : en-tête, puis `data` (UTF-8, sans repli des lignes longues)."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    return header(source_name) + body


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
