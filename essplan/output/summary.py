"""Le bilan d'une exécution de validate ou lint : les comptes (plans, fiches, constats par
sévérité et par règle, la sévérité la plus haute), la ligne de résumé, et `--statistics` dans
le format demandé (texte ou JSON).

Un seul bilan pour toutes les commandes : `validate`, `lint` et `import` comptent ici.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity

# `--statistics` : les formats d'annotations (github, gitlab, sarif) n'ont pas de forme pour des
# comptes ; la ligne de commande les refuse.
STATISTICS_FORMATS = ("full", "concise", "json")


@dataclass(slots=True)
class RunSummary:
    plans: int = 0
    fiches: int = 0
    counts: dict[Severity, int] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    per_rule: Counter[str] = field(default_factory=Counter)
    severities: dict[str, Severity] = field(default_factory=dict)  # la sévérité de chaque code
    names: dict[str, str] = field(default_factory=dict)

    def add(self, fiche_files: int, diagnostics: Iterable[Diagnostic]) -> None:
        self.plans += 1
        self.fiches += fiche_files
        for diagnostic in diagnostics:
            self.counts[diagnostic.severity] = self.counts.get(diagnostic.severity, 0) + 1
            self.files.add(diagnostic.file)
            self.per_rule[diagnostic.code] += 1
            self.severities[diagnostic.code] = diagnostic.severity
            self.names[diagnostic.code] = diagnostic.name

    @property
    def worst(self) -> Severity | None:
        """La sévérité la plus haute rencontrée (None : aucun constat)."""
        return max(self.counts) if self.counts else None

    def line(self) -> str:
        return summary_line(self.plans, self.fiches, self.counts, len(self.files))

    def statistics(self, output_format: str) -> str:
        """Le nombre de constats par règle, du plus fréquent au plus rare : un tableau (suivi du
        résumé) ou une liste JSON (`code`, `nom`, `severite`, `nombre`)."""
        ranked = sorted(self.per_rule.items(), key=lambda item: (-item[1], item[0]))
        if output_format == "json":
            rows = [
                {
                    "code": code,
                    "nom": self.names[code],
                    "severite": self.severities[code].label,
                    "nombre": count,
                }
                for code, count in ranked
            ]
            return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        lines = [
            f"{count:5d}  {code}  {self.names[code]:<28} [{self.severities[code].label}]"
            for code, count in ranked
        ]
        return "".join(line + "\n" for line in lines) + self.line() + "\n"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


def summary_line(plans: int, fiches: int, counts: dict[Severity, int], files: int) -> str:
    head = f"{plural(plans, 'plan')}, {plural(fiches, 'fiche')}"
    parts = [
        plural(counts[severity], *_SEVERITY_WORDS[severity])
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts.get(severity)
    ]
    if not parts:
        return f"{head} : aucune erreur"
    return f"{head} : {', '.join(parts)} dans {plural(files, 'fichier')}"


_SEVERITY_WORDS = {
    Severity.ERROR: ("erreur", "erreurs"),
    Severity.WARNING: ("avertissement", "avertissements"),
    Severity.INFO: ("info", "infos"),
}
