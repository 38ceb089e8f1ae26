"""Les suppressions écrites dans les fichiers (`# essplan: ignore[ESS302]`, `file-ignore[…]`) :
retirer ce qu'elles taisent, et signaler celles qui ne taisent rien ou ne nomment aucun code
(ESS900)."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..diagnostics import Citations, Diagnostic, Excerpt
from ..reading.document import Suppression, YamlDocument
from .rule import Finding, Rule


def apply_suppressions(
    raw: list[tuple[Rule, Finding]],
    documents: list[YamlDocument],
    config: Config,
    unused_rule: Rule,
    plan: str | None = None,
    citations: Citations | None = None,
) -> list[Diagnostic]:
    """Les constats qui restent, en diagnostics (du plan `plan`), chacun avec sa ligne citée
    quand `citations` la connaît ; plus les suppressions inutiles."""
    # les seuls fichiers qui ont des suppressions : les autres n'ont rien à taire ni à signaler
    by_file = {
        doc.file: doc.suppressions for doc in documents if doc is not None and doc.suppressions
    }
    indexes = {file: _Index(suppressions) for file, suppressions in by_file.items()}
    used: set[tuple[str, int, str]] = set()
    kept = []
    for rule, finding in raw:
        index = indexes.get(finding.file)
        suppression = index.matching(rule.code, finding.line) if index else None
        if suppression is not None:
            used.add((finding.file, suppression.line, rule.code))
            continue
        excerpt = (
            citations.excerpt(finding.file, finding.line, finding.column) if citations else None
        )
        kept.append(diagnostic(rule, config, finding, plan, excerpt))
    if config.enabled(unused_rule.code):
        kept.extend(_unused(by_file, used, config, unused_rule, plan))
    return kept


def diagnostic(
    rule: Rule,
    config: Config,
    finding: Finding,
    plan: str | None = None,
    excerpt: Excerpt | None = None,
) -> Diagnostic:
    return Diagnostic(
        rule.code,
        finding.message,
        finding.file,
        finding.line,
        finding.column,
        finding.path,
        config.severity(rule.code, rule.severity),
        finding.suggestion,
        plan,
        rule.name,
        excerpt,
    )


class _Index:
    """Les suppressions d'un fichier, par code et par ligne : un constat trouve la sienne sans
    les parcourir toutes (n constats × m suppressions sinon)."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        self._order = {id(s): rank for rank, s in enumerate(suppressions)}
        self._whole: dict[str, Suppression] = {}
        self._lines: dict[tuple[str, int], Suppression] = {}
        for suppression in suppressions:
            for code in suppression.codes:
                if suppression.whole_file:
                    self._whole.setdefault(code, suppression)
                else:
                    self._lines.setdefault((code, suppression.line), suppression)

    def matching(self, code: str, line: int) -> Suppression | None:
        """La première suppression du fichier (dans son ordre) qui tait `code` à cette ligne :
        la ligne même ou celle d'avant, ou le fichier entier."""
        found = [
            s
            for s in (
                self._whole.get(code),
                self._lines.get((code, line)),
                self._lines.get((code, line - 1)),
            )
            if s is not None
        ]
        return min(found, key=lambda s: self._order[id(s)]) if found else None


def _unused(
    by_file: dict[str, list[Suppression]],
    used: set[tuple[str, int, str]],
    config: Config,
    rule: Rule,
    plan: str | None,
) -> Iterator[Diagnostic]:
    for file, suppressions in by_file.items():
        for suppression in suppressions:
            if not suppression.codes:
                message = (
                    "suppression sans code : écrivez « # essplan: ignore[ESS302] » (le code"
                    " dit ce qui est supprimé)"
                )
            else:
                unused = [c for c in suppression.codes if (file, suppression.line, c) not in used]
                if not unused:
                    continue
                message = f"suppression inutile : {', '.join(unused)} ne signale rien ici"
            yield diagnostic(
                rule,
                config,
                Finding(
                    message,
                    file,
                    suppression.line,
                    suppression.column,
                    suggestion="retirez le commentaire, ou le code qui ne sert plus",
                ),
                plan,
            )
