"""La durée d'`essplan import` sur de grandes sources à titres : un texte de 5 Mio (« Action
1.2 : … » sous « AXE 1 – … »), et des documents de 300 pages en Word, OpenDocument et PDF
(construits comme ceux des tests, `tests/layout_documents.py`).

Chaque mesure est la commande entière, par son point d'entrée (`essplan.cli.main`), à blanc
(`--dry-run` : le plan est écrit dans un dossier temporaire, validé et contrôlé, rien n'est
laissé) ; l'extraction du texte (`formats.extract`) et la lecture des fiches
(`parse_deliberation` du texte extrait) sont données à part. Médianes de trois mesures.

    python benchmarks/import_layouts.py

Le résultat est recopié à la main dans la section « essplan import » du README.
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import layout_documents  # noqa: E402
from test_import_layouts import ACTIONS  # noqa: E402

from essplan.cli import main as essplan_main  # noqa: E402
from essplan.importer.deliberation import parse_deliberation  # noqa: E402
from essplan.importer.formats import extract  # noqa: E402

LIMIT = 5 << 20
RUNS = 3


# Les rubriques de la fiche 1.1 du document « Action 1.2 : » des tests, titre mis à part.
_START = next(i for i, block in enumerate(ACTIONS) if block[:2] == ("titre", 2))
_END = next(i for i, block in enumerate(ACTIONS) if i > _START and block[0] == "titre")
RUBRICS = ACTIONS[_START + 1 : _END]


def fiche(axe: int, rank: int, sentences: int = 1) -> list[tuple]:
    """Une fiche « Action axe.rang : … » ; `sentences` phrases de plus dans son contexte."""
    longer = " ".join(["Le mois de l'ESS est peu connu ici."] * sentences)
    return [
        ("titre", 2, f"Action {axe}.{rank} : Une action de l'axe {axe}, numéro {rank}"),
        *(("texte", f"{block[1]} {longer}") if block[0] == "texte" else block for block in RUBRICS),
    ]


def document(fiches: int, per_axe: int = 50, sentences: int = 1) -> list[tuple]:
    blocks: list[tuple] = [
        ("texte", "COMMUNAUTÉ DE COMMUNES DU VAL VERT CONSEIL COMMUNAUTAIRE DU 24 JUIN 2021"),
        ("texte", "PLAN D'ACTIONS ESS"),
        ("texte", "DÉLIBÉRATION N° DEL2021_012"),
    ]
    for number in range(fiches):
        axe, rank = number // per_axe + 1, number % per_axe + 1
        if rank == 1:
            blocks.append(("titre", 1, f"AXE {axe} – Un axe du plan"))
        blocks += fiche(axe, rank, sentences)
    return blocks


def five_mebibytes(sentences: int = 1) -> bytes:
    """Le plus grand texte à titres qui tient dans la limite des 5 Mio."""
    size = len(layout_documents.text_bytes(document(100, sentences=sentences)))
    count = 100 * LIMIT // size
    while len(data := layout_documents.text_bytes(document(count, sentences=sentences))) > LIMIT:
        count -= 10
    return data


def pages_of(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def timed(work) -> float:
    durations = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def import_command(name: str, data: bytes) -> float:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        here = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                code = [0]
                duration = timed(
                    lambda: code.__setitem__(
                        0, essplan_main(["import", name, "--plan", "essai", "--dry-run"])
                    )
                )
        finally:
            os.chdir(here)
    print(f"    (code de sortie {code[0]})")
    return duration


def main() -> None:
    # 40 lignes par page du PDF : 630 fiches de 19 lignes font 300 pages.
    sources = {
        "texte de 5 Mio, petites fiches": ("plan.txt", five_mebibytes()),
        "texte de 5 Mio, contextes de 4 Ko": ("plan.txt", five_mebibytes(sentences=110)),
        "Word": ("plan.docx", layout_documents.docx_bytes(document(630))),
        "OpenDocument": ("plan.odt", layout_documents.odt_bytes(document(630))),
        "PDF": ("plan.pdf", layout_documents.pdf_bytes(document(630))),
    }
    print("| source | octets | extraction du texte | lecture des fiches | commande entière |")
    print("|---|---|---|---|---|")
    for label, (name, data) in sources.items():
        text = extract(data, name, LIMIT).text
        extraction = timed(lambda data=data, name=name: extract(data, name, LIMIT))
        reading = timed(lambda text=text: parse_deliberation(text))
        fiches = len(parse_deliberation(text).fiches)
        pages = f", {pages_of(data)} pages" if name.endswith(".pdf") else ""
        command = import_command(name, data)
        print(
            f"| {label} ({fiches} fiches{pages}) | {len(data):,} | {extraction:.2f} s"
            f" | {reading:.2f} s | {command:.2f} s |"
        )


if __name__ == "__main__":
    main()
