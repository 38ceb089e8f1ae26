"""Mettre en forme les diagnostics : un rapporteur par format de sortie (le résumé et les
comptes par règle sont dans `summary.py`).

- `full` : `chemin:ligne:col: CODE clé : message`, la ligne fautive et un caret, la suggestion ;
- `concise` : la première ligne seulement ;
- `json` : une liste d'objets (clés françaises), pour les outils ;
- `github` : annotations de GitHub Actions (`::error file=…,line=…::message`).

Les formats lisibles se terminent par une ligne de résumé. Un rapporteur reçoit les
diagnostics plan par plan (`plan`), puis le résumé (`end`) : la sortie se fait au fil de
l'eau, sans tout garder en mémoire.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from ..diagnostics import CodeDoc, Diagnostic, Excerpt, Severity


def header(d: Diagnostic) -> str:
    where = f"{d.path} : " if d.path else ""
    return f"{d.file}:{d.line}:{d.column}: {d.code} {where}{d.message}"


class Reporter:
    """`codes` : le catalogue des codes (`lint.catalogue`), pour SARIF. Un rapporteur n'ouvre
    aucun fichier : la ligne citée sous un message voyage avec le diagnostic (`excerpt`)."""

    def __init__(self, codes: Mapping[str, CodeDoc] | None = None) -> None:
        self.codes = codes or {}

    def start(self) -> str:
        return ""

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        raise NotImplementedError

    def end(self, summary: str) -> str:
        return summary + "\n"


class ConciseReporter(Reporter):
    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        return "".join(
            header(d) + (f" [aide : {d.suggestion}]" if d.suggestion else "") + "\n"
            for d in diagnostics
        )


class FullReporter(Reporter):
    """Comme ruff : l'en-tête, la ligne source avec un caret sous la colonne, l'aide."""

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        blocks = []
        for d in diagnostics:
            block = [header(d)]
            if d.excerpt is not None:
                block.extend(_snippet(d.excerpt, d.line))
            if d.suggestion:
                block.append(f"   = aide : {d.suggestion}")
            blocks.append("\n".join(block) + "\n\n")
        return "".join(blocks)


def _snippet(excerpt: Excerpt, line: int) -> list[str]:
    gutter = " " * len(str(line))
    return [
        f"{gutter} |",
        f"{line} | {excerpt.text}",
        f"{gutter} | {' ' * (excerpt.column - 1)}^",
    ]


class JsonReporter(Reporter):
    def __init__(self, codes: Mapping[str, CodeDoc] | None = None) -> None:
        super().__init__(codes)
        self.first = True

    def start(self) -> str:
        return "["

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        out = []
        for d in diagnostics:
            out.append(
                ("\n  " if self.first else ",\n  ") + json.dumps(as_dict(d), ensure_ascii=False)
            )
            self.first = False
        return "".join(out)

    def end(self, summary: str) -> str:
        return "]\n" if self.first else "\n]\n"


def as_dict(d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "nom": d.name,
        "severite": d.severity.label,
        "message": d.message,
        "fichier": d.file,
        "ligne": d.line,
        "colonne": d.column,
        "chemin": d.path,
        "suggestion": d.suggestion,
        "plan": d.plan,
    }


class GithubReporter(Reporter):
    """Annotations de GitHub Actions ; échappement de la syntaxe des commandes de workflow."""

    LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        out = []
        for d in diagnostics:
            message = f"{d.path} : {d.message}" if d.path else d.message
            if d.suggestion:
                message += f" ({d.suggestion})"
            props = ",".join(
                f"{key}={_escape_property(str(value))}"
                for key, value in (
                    ("file", d.file),
                    ("line", d.line),
                    ("col", d.column),
                    ("title", f"{d.code} {d.name}".strip()),
                )
            )
            out.append(f"::{self.LEVELS[d.severity]} {props}::{_escape_data(message)}\n")
        return "".join(out)

    def end(self, summary: str) -> str:
        return ""


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GitlabReporter(Reporter):
    """Rapport Code Quality de GitLab : une liste d'objets, empreintes stables.

    L'empreinte vient du code, du fichier et du chemin de clé, pas du numéro de ligne : un
    constat garde son identité quand on ajoute des lignes au-dessus.
    """

    SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}

    def __init__(self, codes: Mapping[str, CodeDoc] | None = None) -> None:
        super().__init__(codes)
        self.issues: list[dict] = []
        self.seen: dict[str, int] = {}

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        for d in diagnostics:
            self.issues.append(
                {
                    "description": f"{d.path} : {d.message}" if d.path else d.message,
                    "check_name": d.code,
                    "fingerprint": self.fingerprint(d),
                    "severity": self.SEVERITIES[d.severity],
                    "location": {"path": d.file, "lines": {"begin": d.line}},
                }
            )
        return ""

    def fingerprint(self, d: Diagnostic) -> str:
        import hashlib

        key = f"{d.code}\0{d.file}\0{d.path}"
        occurrence = self.seen.get(key, 0)
        self.seen[key] = occurrence + 1
        return hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()

    def end(self, summary: str) -> str:
        return json.dumps(self.issues, ensure_ascii=False, indent=2) + "\n"


class SarifReporter(Reporter):
    """SARIF 2.1.0, avec le catalogue des règles dans `tool.driver.rules`."""

    LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

    def __init__(self, codes: Mapping[str, CodeDoc] | None = None) -> None:
        super().__init__(codes)
        self.results: list[dict] = []

    def plan(self, diagnostics: Iterable[Diagnostic]) -> str:
        for d in diagnostics:
            self.results.append(
                {
                    "ruleId": d.code,
                    "level": self.LEVELS[d.severity],
                    "message": {"text": f"{d.path} : {d.message}" if d.path else d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": d.file},
                                "region": {"startLine": d.line, "startColumn": d.column},
                            }
                        }
                    ],
                }
            )
        return ""

    def end(self, summary: str) -> str:
        from .. import __version__

        catalogue = self.codes
        codes = sorted(catalogue)
        index = {code: position for position, code in enumerate(codes)}
        for result in self.results:
            result["ruleIndex"] = index[result["ruleId"]]
        rules = [
            {
                "id": code,
                "name": catalogue[code].name,
                "shortDescription": {"text": catalogue[code].summary},
                "fullDescription": {"text": catalogue[code].why},
                "help": {"text": catalogue[code].fix},
                "defaultConfiguration": {"level": self.LEVELS[catalogue[code].severity]},
            }
            for code in codes
        ]
        document = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "essplan", "version": __version__, "rules": rules}},
                    "results": self.results,
                }
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, type[Reporter]] = {
    "full": FullReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "sarif": SarifReporter,
}
