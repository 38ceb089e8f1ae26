"""Reconnaître le genre d'une source d'après son contenu, puis en tirer le texte.

Le genre se lit dans les premiers octets, jamais dans l'extension seule : `%PDF-` pour un PDF ;
une archive zip (`PK\\x03\\x04`) qui a `word/document.xml` pour un document Word, ou dont le
`mimetype` est `application/vnd.oasis.opendocument.text` pour un document OpenDocument ; tout le
reste est lu comme un texte (UTF-8, voir `deliberation.decode_source`). Une extension qui dit
autre chose que le contenu est signalée parmi les reprises, et le contenu l'emporte : un
`.txt` qui est un PDF est lu comme un PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .deliberation import ImportFailure, decode_source
from .office import DOCX, ODT, docx_text, odt_text, zip_kind
from .pdf import pdf_text
from .text import Recovery

TEXT, PDF = "texte", "PDF"
# Le nom qu'on donne à chaque genre, avec son article, et les extensions qui l'annoncent.
NAMES = {
    TEXT: "un texte",
    PDF: "un PDF",
    DOCX: "un document Word (.docx)",
    ODT: "un document OpenDocument texte (.odt)",
}
SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".pdf": PDF,
    ".docx": DOCX,
    ".docm": DOCX,
    ".odt": ODT,
}
_ZIP = b"PK\x03\x04"
# Un fichier composite OLE : un ancien .doc, ou un .docx chiffré par un mot de passe.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Extracted:
    """Le texte d'une source, son genre, et la remarque d'une extension trompeuse."""

    text: str
    kind: str
    mismatch: Recovery | None = None


def detect(raw: bytes) -> str:
    """Le genre de la source d'après ses premiers octets."""
    if raw.startswith(b"%PDF-"):
        return PDF
    if raw.startswith(_OLE):
        raise ImportFailure(
            "ce fichier est un document Office chiffré par un mot de passe, ou un ancien .doc :"
            " il n'est pas lu. Retirez le mot de passe, ou enregistrez-le en .docx, .odt ou PDF"
        )
    if raw.startswith(_ZIP):
        return zip_kind(raw)
    return TEXT


def mismatch(name: str | None, kind: str) -> Recovery | None:
    """La remarque d'une extension qui annonce un autre genre que le contenu, ou None."""
    if not name:
        return None
    announced = SUFFIXES.get(PurePath(name).suffix.lower())
    if announced is None or announced == kind:
        return None
    return Recovery(
        None,
        "sources",
        f"« {PurePath(name).name} » est {NAMES[kind]}, non {NAMES[announced]} comme le dit son"
        f" extension : lu comme {NAMES[kind]}",
    )


def extract(raw: bytes, name: str | None, limit: int) -> Extracted:
    """Le texte de la source `raw` (déjà bornée à `limit` octets), selon son genre ; le texte
    extrait d'un document est borné à `limit` lui aussi."""
    kind = detect(raw)
    note = mismatch(name, kind)
    if kind == TEXT:
        return Extracted(decode_source(raw), kind, note)
    if kind == PDF:
        return Extracted(pdf_text(raw, limit), kind, note)
    reader = docx_text if kind == DOCX else odt_text
    return Extracted(reader(raw, limit), kind, note)


def copy_name(name: str, kind: str) -> str:
    """Le nom de la copie dans sources/ : le texte tel quel ; d'un document, son texte extrait,
    sous le même nom en `.txt`."""
    return name if kind == TEXT else PurePath(name).stem + ".txt"
