"""La synthèse et l'annexe d'un grand plan, mesurées en rapport à `essplan validate` sur lui.

    python benchmarks/documents.py                 # un plan de 5 000 fiches
    python benchmarks/documents.py --fiches 1000   # plus court

Le plan est écrit par make_corpus.py (un seul plan, graine fixe). Chaque commande est un
sous-processus, sortie dans un fichier ; les mesures s'alternent (validate, synthèse, annexe…),
après un passage à blanc, et l'on garde la médiane. L'objectif : chaque document en moins de
trois fois le temps de `validate --no-cache` sur le même plan — le même travail de lecture et
de validation, que le rapport fait sans cache ; `validate` avec son cache chaud (ce qu'un
second passage mesure) est donné aussi, pour mémoire.

Depuis run.py : `rows = documents.measure(essplan, work, fiches=5000, repeat=3)` rend une ligne
par document (`Row` : le document, son format, sa durée, celle de validate, leur rapport) ;
`documents.table(rows)` en fait le tableau Markdown, en français.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_corpus  # noqa: E402
from measures import fr, script  # noqa: E402

TARGET = 3.0  # un document en au plus trois fois le temps de validate
DOCUMENTS = (
    ("synthese", "markdown"),
    ("synthese", "html"),
    ("annexe", "markdown"),
    ("annexe", "html"),
)


@dataclass
class Row:
    document: str
    format: str
    fiches: int
    seconds: float
    validate: float  # validate --no-cache
    cached: float  # validate, cache chaud

    @property
    def ratio(self) -> float:
        return self.seconds / self.validate


def _timed(command: list[str], cwd: Path, out: Path) -> float:
    with open(out, "wb") as sink:
        start = time.perf_counter()
        code = subprocess.call(command, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"documents.py : « {' '.join(command)} » a échoué (code {code})")
    return elapsed


def measure(essplan: list[str], work: Path, fiches: int = 5000, repeat: int = 3) -> list[Row]:
    """Écrit un plan de `fiches` fiches dans `work` (make_corpus.py) et mesure validate, puis
    chaque document de `DOCUMENTS` sur lui ; `essplan` est la commande à lancer, par exemple
    `[sys.executable, "-m", "essplan"]`."""
    make_corpus(work, plans=1, fiches=fiches)
    plan_id = next((work / "plans").iterdir()).name
    out = work / "sortie.txt"
    commands = {
        ("validate", "no-cache"): [*essplan, "validate", "--no-cache", plan_id],
        ("validate", ""): [*essplan, "validate", plan_id],
    }
    for document, output_format in DOCUMENTS:
        commands[document, output_format] = [
            *essplan,
            "report",
            plan_id,
            "--template",
            document,
            "--format",
            output_format,
            "-o",
            "-",
        ]
    times: dict[tuple[str, str], list[float]] = {name: [] for name in commands}
    for round_ in range(repeat + 1):  # le premier passage remplit le cache de bytecode
        for name, command in commands.items():
            elapsed = _timed(command, work, out)
            if round_:
                times[name].append(elapsed)
    median = {name: statistics.median(values) for name, values in times.items()}
    return [
        Row(
            document,
            output_format,
            fiches,
            median[document, output_format],
            median["validate", "no-cache"],
            median["validate", ""],
        )
        for document, output_format in DOCUMENTS
    ]


def table(rows: list[Row]) -> str:
    """Le tableau Markdown des mesures, en français."""
    lines = [
        "| Document | Format | Fiches | Durée | validate --no-cache | document / validate"
        " --no-cache | validate, cache chaud | Objectif |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        verdict = "atteint" if row.ratio <= TARGET else "manqué"
        lines.append(
            f"| {row.document} | {row.format} | {row.fiches:,}".replace(",", "\u202f")
            + f" | {fr(row.seconds)} s | {fr(row.validate)} s | {fr(row.ratio)}"
            f" | {fr(row.cached)} s | ≤ {fr(TARGET, 0)} : {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return script(argv, __doc__, 5000, measure, table)


if __name__ == "__main__":
    sys.exit(main())
