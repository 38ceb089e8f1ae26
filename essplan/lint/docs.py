"""La documentation des codes, pour `essplan rule` : explication d'un code, liste de tous.

Le texte vit avec chaque code (le catalogue de `diagnostics.py`, les modules de `rules/`) ;
ce module ne fait que le mettre en forme.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

from ..diagnostics import CodeDoc


def as_dict(doc: CodeDoc) -> dict:
    return {
        "code": doc.code,
        "nom": doc.name,
        "intitule": doc.label,
        "severite": doc.severity.label,
        "resume": doc.summary,
        "pourquoi": doc.why,
        "exemple_en_defaut": doc.bad,
        "exemple_correct": doc.good,
        "correction": doc.fix,
    }


def explain(doc: CodeDoc, output_format: str = "text") -> str:
    if output_format == "json":
        return json.dumps(as_dict(doc), ensure_ascii=False, indent=2) + "\n"
    sections = [
        f"{doc.code} {doc.name} — {doc.label} ({doc.severity.label} par défaut)",
        _section("Ce qu'elle trouve", doc.summary),
        _section("Pourquoi c'est important", doc.why),
        _section("Exemple qui la déclenche", doc.bad, code=True),
        _section("Exemple correct", doc.good, code=True),
        _section("Comment corriger", doc.fix),
    ]
    return "\n\n".join(sections) + "\n"


def _section(title: str, body: str, code: bool = False) -> str:
    if code:
        return title + "\n" + textwrap.indent(body, "    ")
    # Espaces insécables dans les guillemets : textwrap ne coupe qu'aux espaces ordinaires.
    body = body.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return title + "\n" + textwrap.fill(body, width=88, initial_indent="  ", subsequent_indent="  ")


def listing(docs: Iterable[CodeDoc], output_format: str = "text") -> str:
    docs = sorted(docs, key=lambda doc: doc.code)
    if output_format == "json":
        return json.dumps([as_dict(doc) for doc in docs], ensure_ascii=False, indent=2) + "\n"
    width = max(len(doc.name) for doc in docs)
    lines = [
        f"{doc.code}  {doc.name:<{width}}  {doc.severity.label:<13}  {doc.summary}" for doc in docs
    ]
    return "\n".join(lines) + "\n"
