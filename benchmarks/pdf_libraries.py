"""Comparer pypdf et pdfminer.six sur le PDF que construisent les tests d'`essplan import` (le
texte de Clermont 2016, une ligne par ligne, 60 lignes par page) : la durée médiane de
l'extraction et ce qu'en fait l'import (les fiches écrites sont-elles celles du texte ?).

    pip install pdfminer.six        # pour la comparaison seulement : essplan emploie pypdf
    python benchmarks/pdf_libraries.py

Le résultat est recopié à la main dans la section « essplan import » du README.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import source_documents  # noqa: E402

from essplan.importer.deliberation import ImportFailure, parse_deliberation  # noqa: E402
from essplan.importer.writing import planned_files  # noqa: E402

SOURCE = ROOT / "plans" / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"


def pypdf_layout(data: bytes) -> str:
    from essplan.importer.pdf import pdf_text

    return pdf_text(data, 5 << 20)


def pypdf_plain(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def fiches(text: str) -> dict[str, str]:
    try:
        imported = parse_deliberation(text)
    except ImportFailure as error:
        return {"erreur": str(error)}
    return {
        path.name: content
        for path, content in planned_files(imported, Path("p"), "s.txt")
        if path.parent.name == "fiches"
    }


def main() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    data = source_documents.pdf_bytes(text.splitlines())
    expected = fiches(text)
    print(f"PDF de {len(data)} octets, {len(expected)} fiches dans le texte")
    for name, extract in [
        ("pypdf, extraction « layout »", pypdf_layout),
        ("pypdf, extraction simple", pypdf_plain),
        ("pdfminer.six", pdfminer),
    ]:
        durations = []
        for _ in range(7):
            start = time.perf_counter()
            extracted = extract(data)
            durations.append(time.perf_counter() - start)
        ours = fiches(extracted)
        same = sum(ours.get(key) == value for key, value in expected.items())
        print(
            f"{name} : {statistics.median(durations) * 1000:.0f} ms (médiane de 7),"
            f" {same}/{len(expected)} fiches identiques à celles du texte"
        )


if __name__ == "__main__":
    main()
