"""Une campagne : des lots de cas tirés par hypothesis, commande par commande ; un lot qui
trouve un problème le réduit au plus petit cas et le rend, pour qu'on l'écrive."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from .cases import Case, cases
from .run import execute, problems


@dataclass
class Finding:
    case: Case
    problems: list[str]

    @property
    def signature(self) -> str:
        """Le genre du problème, sans ses détails (nombres, chemins) : deux cas du même genre
        ne comptent qu'une fois."""
        first = re.sub(r"/tmp/essplan-fuzz-\w+/depot/", "", self.problems[0])
        first = re.sub(r"'[^']*'|« [^»]* »", "…", first)
        first = re.sub(r"\d+(?:[.,]\d+)?", "N", first)
        return f"{self.case.family} : {first[:120]}"


@dataclass
class Tally:
    runs: Counter = field(default_factory=Counter)  # cas lancés, par commande
    findings: dict[str, Finding] = field(default_factory=dict)  # par signature


class _Found(AssertionError):
    pass


def run_batch(
    family: str, examples: int, english: set[str], tally: Tally, random_seed: int | None
) -> Finding | None:
    """Un lot de `examples` cas de la commande `family` ; le plus petit cas qui échoue, s'il y
    en a un (hypothesis le réduit avant de le rendre)."""
    failures: list[Finding] = []

    def check(case: Case) -> None:
        tally.runs[family] += 1
        found = problems(case, execute(case), english)
        if found:
            failures.append(Finding(case, found))
            raise _Found("; ".join(found))

    options = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=random_seed is None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
        report_multiple_bugs=False,
    )
    test = options(given(cases(family))(check))
    if random_seed is not None:
        test = seed(random_seed)(test)
    try:
        test()
    except _Found:
        return failures[-1]  # la dernière exécution qui échoue : celle du cas réduit
    return None


def write_reproducer(finding: Finding, folder: Path) -> Path:
    """Le cas réduit, rejouable : `case.json` (commande, problèmes, changements) ; le contenu
    de chaque changement en clair s'il est du texte, en hexadécimal sinon."""
    slug = re.sub(r"[^a-z0-9]+", "-", finding.signature.lower()).strip("-")[:60]
    target = folder / slug
    target.mkdir(parents=True, exist_ok=True)
    changes = [
        {"nature": c.kind, **_content("chemin", os.fsencode(c.path)), **_content("contenu", c.data)}
        for c in finding.case.changes
    ]
    record = {
        "commande": list(finding.case.command),
        "problemes": finding.problems,
        "changements": changes,
    }
    (target / "case.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return target


def _content(name: str, data: bytes) -> dict:
    """En clair si c'est de l'UTF-8 ; sinon en hexadécimal, sous `<nom>_hex`."""
    try:
        return {name: data.decode("utf-8")}
    except UnicodeDecodeError:
        return {f"{name}_hex": data.hex()}


def _bytes(record: dict, name: str) -> bytes:
    if name in record:
        return record[name].encode("utf-8")
    return bytes.fromhex(record.get(f"{name}_hex", ""))


def read_reproducer(folder: Path) -> Case:
    from .cases import Change

    record = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    changes = tuple(
        Change(c["nature"], os.fsdecode(_bytes(c, "chemin")), _bytes(c, "contenu"))
        for c in record["changements"]
    )
    return Case(tuple(record["commande"]), changes)
