"""Écrire une sortie plan par plan (`budget`, `status`) : un début, un morceau par plan dès
qu'il est calculé, une fin ; un plan invalide est dit sur la sortie d'erreur."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, Protocol

from .common import emit, reject_invalid


class PlanStream(Protocol):
    def start(self) -> str: ...

    def plan(self, item: Any) -> str: ...

    def end(self) -> str: ...


def write_stream(
    writer: PlanStream, outcomes: Iterable[Any], output: str | None, what: str
) -> bool:
    """Écrit chaque plan ; rend vrai s'il y a eu un plan invalide (`InvalidPlan`), dont les
    erreurs vont sur la sortie d'erreur (« plan invalide, `what` »).

    La sortie standard reçoit chaque plan dès qu'il est calculé ; un fichier (`-o`) s'écrit
    d'un coup, atomiquement."""
    from ..budget.plans import InvalidPlan  # ici : `essplan --version` ne charge pas le budget

    streaming = output is None or output == "-"
    chunks, rejected = [writer.start()], False
    for outcome in outcomes:
        if isinstance(outcome, InvalidPlan):
            rejected = reject_invalid(outcome, what) or rejected
            continue
        chunks.append(writer.plan(outcome))
        if streaming:
            sys.stdout.write("".join(chunks))
            sys.stdout.flush()
            chunks = []
    chunks.append(writer.end())
    emit("".join(chunks), output)
    return rejected
