"""Le budget écrit plan par plan : chaque format a un début, un morceau par plan, une fin, pour
que la commande `budget` écrive chaque plan dès qu'il est calculé et n'en garde que le total
général (`plans.GrandTotal`) ; la mémoire reste celle d'un plan, quel que soit le dépôt.

Mis bout à bout, les morceaux font exactement le texte du budget entier (`render`) : `table` et
`markdown` rendent les blocs de `tables.py` (`text.py`), `csv` et `json` les données de
`data.py`. Le JSON commence par les totaux généraux, connus une fois le dernier plan lu : ses
plans sont gardés en texte, déjà écrits, jusqu'à la fin (`end` rend tout le document).
"""

from __future__ import annotations

import json
from textwrap import indent
from typing import Protocol

from ..french_csv import french_csv, french_csv_rows
from .data import CSV_COLUMNS, csv_rows, json_head, json_plan
from .figures import Grouping, PlanMatrix, YearBudget
from .plans import BudgetReport, GrandTotal
from .tables import grand_total_blocks, plan_blocks, title
from .text import MarkdownRenderer, TextRenderer


class BudgetStream(Protocol):
    total: GrandTotal

    def start(self) -> str: ...

    def plan(self, item: YearBudget | PlanMatrix) -> str: ...

    def end(self) -> str: ...


class TextStream:
    """`table` : le texte aligné, un plan après l'autre, puis le total général."""

    def __init__(self, annee: int | None, prorata: bool, by: Grouping = "axe") -> None:
        self.total, self.by = GrandTotal(annee), by
        self.renderer = self._renderer()

    def _renderer(self) -> TextRenderer | MarkdownRenderer:
        return TextRenderer()

    def start(self) -> str:
        return self.renderer.feed([title(self.total.annee)])

    def plan(self, item: YearBudget | PlanMatrix) -> str:
        self.total.add(item)
        return self.renderer.feed(plan_blocks(item, self.by))

    def end(self) -> str:
        return self.renderer.feed(grand_total_blocks(self.total))


class MarkdownStream(TextStream):
    """`markdown` : les mêmes blocs, en titres et tableaux Markdown."""

    def _renderer(self) -> TextRenderer | MarkdownRenderer:
        return MarkdownRenderer()

    def end(self) -> str:
        renderer = self.renderer
        assert isinstance(renderer, MarkdownRenderer)
        return renderer.feed(grand_total_blocks(self.total)) + renderer.end()


class CsvStream:
    """`csv` : l'en-tête, puis les lignes de chaque plan (`--by` ne change rien)."""

    def __init__(self, annee: int | None, prorata: bool, by: Grouping = "axe") -> None:
        self.total = GrandTotal(annee)

    def start(self) -> str:
        return french_csv(CSV_COLUMNS, [])

    def plan(self, item: YearBudget | PlanMatrix) -> str:
        self.total.add(item)
        return french_csv_rows(csv_rows(item))

    def end(self) -> str:
        return ""


class JsonStream:
    """`json` : le document de `json.dumps(…, indent=2)`, totaux généraux en tête ; chaque plan
    est mis en texte dès qu'il arrive, le document entier est rendu à la fin."""

    def __init__(self, annee: int | None, prorata: bool, by: Grouping = "axe") -> None:
        self.total, self.prorata = GrandTotal(annee), prorata
        self.plans: list[str] = []

    def start(self) -> str:
        return ""

    def plan(self, item: YearBudget | PlanMatrix) -> str:
        self.total.add(item)
        self.plans.append(indent(json.dumps(json_plan(item), ensure_ascii=False, indent=2), "    "))
        return ""

    def end(self) -> str:
        head = json.dumps(
            {**json_head(self.total, self.prorata), "plans": []}, ensure_ascii=False, indent=2
        )
        head = head.removesuffix("[]\n}")
        body = "[\n" + ",\n".join(self.plans) + "\n  ]" if self.plans else "[]"
        self.plans = []
        return f"{head}{body}\n}}\n"


STREAMS: dict[str, type] = {
    "table": TextStream,
    "markdown": MarkdownStream,
    "csv": CsvStream,
    "json": JsonStream,
}


def stream(output_format: str, annee: int | None, prorata: bool, by: Grouping) -> BudgetStream:
    """Le format demandé (table, markdown, csv, json)."""
    return STREAMS[output_format](annee, prorata, by)


def render(report: BudgetReport, output_format: str, by: Grouping = "axe") -> str:
    """Le budget entier d'un coup : les morceaux de `stream`, mis bout à bout."""
    writer = stream(output_format, report.annee, report.prorata, by)
    return writer.start() + "".join(writer.plan(item) for item in report.plans) + writer.end()
