"""Les modèles instrumentés avant d'être compilés : ce que le bac à sable de Jinja ne voit pas.

Le bac à sable intercepte les appels, les attributs et quatre opérateurs ; il ne voit ni un tour
de boucle, ni le texte fixe qu'une boucle répète, ni `~`, ni une comparaison. L'arbre du modèle
est donc retouché, une fois, entre l'analyse et la compilation (`instrument`) :

- au début de chaque corps qui peut se répéter (le modèle, une boucle, une macro, un bloc,
  un `call`), un compte de 1 pas et de la taille de son texte fixe ; le filtre d'une boucle
  (`for x in xs if …`) compte un pas par élément écarté ;
- `a ~ b` devient un appel qui borne la taille du texte avant de le fabriquer ;
- chaque côté d'une comparaison ou d'un test (`in`, `==`…) compte sa taille, que Python
  parcourt.

Les filtres ajoutés (`CHARGE`, `CONCAT`, `MEASURE`) reçoivent le contexte : Jinja ne les
évalue jamais à la compilation. Le rendu des modèles livrés ne change pas d'un octet
(`tests/golden/`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.visitor import NodeTransformer

CHARGE = "essplan.compte"
CONCAT = "essplan.concatene"
MEASURE = "essplan.mesure"

_REPEATED = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Block)


def instrument(template: nodes.Template) -> nodes.Template:
    """Le modèle, avec ses comptes ; l'environnement des nœuds ajoutés est celui du modèle."""
    bodies: list[Any] = [template, *template.find_all(_REPEATED)]
    costs = [_fixed_text(node) for node in bodies]  # avant d'ajouter quoi que ce soit
    for node, cost in zip(bodies, costs, strict=True):
        line = node.lineno or 1
        charge = _charge(nodes.Const(None, lineno=line), cost)
        node.body.insert(0, nodes.ExprStmt(charge, lineno=line))
        if isinstance(node, nodes.For) and node.test is not None:
            node.test = nodes.And(
                _charge(nodes.Const(True, lineno=line), 0), node.test, lineno=line
            )
    _Rewriter().visit(template)
    if template.environment is not None:  # l'analyseur de Jinja le pose toujours
        template.set_environment(template.environment)
    return template


def _fixed_text(node: nodes.Node) -> int:
    """Les caractères de texte fixe d'un corps, et de ses chaînes littérales."""
    data = sum(len(item.data) for item in node.find_all(nodes.TemplateData))
    literals = sum(
        len(item.value) for item in node.find_all(nodes.Const) if isinstance(item.value, str)
    )
    return data + literals


def _filter(name: str, value: nodes.Expr, *args: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(value, name, list(args), [], None, None, lineno=value.lineno)


def _charge(value: nodes.Expr, characters: int) -> nodes.Filter:
    return _filter(CHARGE, value, nodes.Const(characters, lineno=value.lineno))


class _Rewriter(NodeTransformer):
    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        parts = [self.visit(part) for part in node.nodes]
        return _filter(CONCAT, nodes.Tuple(parts, "load", lineno=node.lineno))

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        node.expr = _filter(MEASURE, self.visit(node.expr))
        for operand in node.ops:
            operand.expr = _filter(MEASURE, self.visit(operand.expr))
        return node

    def visit_Test(self, node: nodes.Test) -> nodes.Node:
        node.node = _filter(MEASURE, self.visit(node.node))
        node.args = [_filter(MEASURE, self.visit(arg)) for arg in node.args]
        return node
