"""Les formats du tableau de bord : chacun écrit un début, un morceau par plan, une fin, pour
que la sortie suive les plans un à un (`table` et `markdown` : `tables.py` ; `json` et `csv` :
`data.py`)."""

from __future__ import annotations

from typing import Protocol

from ..model.months import Month
from .dashboard import PlanDashboard
from .data import CsvStream, JsonStream
from .tables import MarkdownStream, TextStream


class StatusStream(Protocol):
    def start(self) -> str: ...

    def plan(self, dash: PlanDashboard) -> str: ...

    def end(self) -> str: ...


def stream(output_format: str, date: Month, by: str) -> StatusStream:
    """Le format demandé ; `by` (axe, pilote, statut) ne change que `table` et `markdown`."""
    kinds: dict[str, type] = {
        "table": TextStream,
        "markdown": MarkdownStream,
        "json": JsonStream,
        "csv": CsvStream,
    }
    return kinds[output_format](date, by)
