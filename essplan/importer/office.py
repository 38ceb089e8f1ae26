"""Le texte d'un document Word (.docx, par python-docx) ou OpenDocument (.odt, par odfpy).

L'archive est regardée avant d'être ouverte : une archive corrompue, un document à macros
(`vbaProject.bin`, un `.docm`, les `Basic/` et `Scripts/` d'un OpenDocument) ou une archive dont
le contenu décompressé dépasserait la limite des fichiers (une bombe zip) sont refusés sans rien
décompresser. La taille déclarée de chaque membre borne aussi ce que zipfile décompresse.

Chaque paragraphe donne une ligne ; chaque ligne d'un tableau donne « Rubrique : valeur »
(ses cellules non vides, la première suivie de « : », les autres jointes par « ; »), pour que
les rubriques en tableau à deux colonnes arrivent au lecteur des fiches comme des lignes ; une
cellule de valeur de plusieurs paragraphes donne « Rubrique : » puis un paragraphe par ligne.
Un titre (style « Heading 1 » ou « Titre 1 » de Word, `text:h` d'OpenDocument) est écrit
« # … » (« ## … » au niveau 2), un élément de liste « - … » : `layouts.py` y lit les titres
d'axes et de fiches, `fiches.py` les listes sous une rubrique.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from ..french import number
from .deliberation import ImportFailure
from .text import read_bullet

DOCX, ODT = "Word", "OpenDocument"  # les genres de `formats.detect`
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_MEMBERS = 10_000
_MACROS = ("vbaproject.bin", "basic/", "scripts/")
_MACRO_TYPE = "macroEnabled"


def _archive(raw: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailure(
            "archive zip corrompue (un document Word ou OpenDocument abîmé ?) : elle n'est pas"
            " lue. Enregistrez le document à nouveau, ou exportez-le en PDF"
        ) from None


def zip_kind(raw: bytes) -> str:
    """Le genre d'une archive zip : Word ou OpenDocument texte ; un autre zip est refusé."""
    with _archive(raw) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return DOCX
        if "mimetype" in names and _member(archive, "mimetype").strip() == ODT_MIMETYPE:
            return ODT
    raise ImportFailure(
        "archive zip qui n'est ni un document Word (.docx) ni un document OpenDocument texte"
        " (.odt) : rien à importer"
    )


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > 1024:
        return b""
    return archive.read(info)


def check_archive(raw: bytes, limit: int) -> None:
    """Refuse une archive trop grosse une fois décompressée (sans rien décompresser : les
    tailles sont celles de l'annuaire), puis une archive à macros."""
    with _archive(raw) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFailure(
                f"archive de {number(len(members))} fichiers (limite {number(MAX_MEMBERS)}) :"
                " elle n'est pas lue"
            )
        total = sum(info.file_size for info in members)
        if total > limit:
            raise ImportFailure(
                f"archive trop grosse une fois décompressée ({number(total)} octets, limite"
                f" {number(limit)}) : elle n'est pas décompressée"
            )
        if any(_is_macro(info.filename) for info in members) or _macro_type(archive):
            raise ImportFailure(
                "document à macros (code VBA ou Basic) : il n'est pas lu. Enregistrez-le sans"
                " macros (en .docx ou .odt), ou exportez-le en PDF"
            )


def _is_macro(name: str) -> bool:
    lowered = name.lower()
    return any(lowered.endswith(mark) or lowered.startswith(mark) for mark in _MACROS)


def _macro_type(archive: zipfile.ZipFile) -> bool:
    """Un .docm se dit dans `[Content_Types].xml` (`…macroEnabled.main+xml`)."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return False
    return _MACRO_TYPE.encode() in archive.read(info)


def row_line(cells: Iterable[str]) -> str:
    """Une ligne de tableau en « Rubrique : valeur » ; une cellule seule, telle quelle."""
    texts = [" ".join(cell.split()) for cell in cells]
    texts = [text for index, text in enumerate(texts) if text and text not in texts[:index]]
    if len(texts) < 2:
        return "".join(texts)
    return f"{texts[0].rstrip(' :')} : {' ; '.join(texts[1:])}"


def row_lines(cells: list[list[str]]) -> list[str]:
    """Une ligne de tableau, ses cellules en paragraphes : « Rubrique : valeur », ou
    « Rubrique : » et les paragraphes d'une valeur qui en a plusieurs (une liste)."""
    kept = [cell for index, cell in enumerate(cells) if cell and cell not in cells[:index]]
    if len(kept) == 2 and len(kept[1]) > 1:
        return [f"{' '.join(kept[0]).rstrip(' :')} :", *kept[1]]
    return [row_line(" ".join(cell) for cell in cells)]


def _rows(rows: Iterable[list[str]]) -> list[str]:
    """Les lignes d'un tableau, chacune suivie d'une ligne vide : une ligne est une rubrique,
    séparée des autres comme un paragraphe."""
    return [part for lines in rows if any(lines) for part in (*lines, "")]


_HEADING_STYLE = re.compile(r"(?:heading|titre)\s*(?P<level>[1-6])", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|liste", re.IGNORECASE)


def marked(text: str, level: int = 0, listed: bool = False) -> str:
    """Le texte d'un paragraphe, marqué « # » s'il est un titre, « - » s'il est dans une liste
    (sauf s'il porte déjà sa puce)."""
    if not text.strip():
        return ""
    if level:
        return f"{'#' * level} {text}"
    return f"- {text}" if listed and read_bullet(text) is None else text


class _DocxMarks:
    """Le niveau de titre et la liste de chaque style de paragraphe d'un document Word, lus une
    fois : `paragraph.style` de python-docx parcourt tous les styles à chaque paragraphe."""

    def __init__(self, document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.styles: dict[str | None, tuple[int, bool]] = {}
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                self.styles[style.style_id] = self._marks(style.name or "")
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.styles[None] = self._marks(default.name or "") if default is not None else (0, False)

    @staticmethod
    def _marks(name: str) -> tuple[int, bool]:
        heading = _HEADING_STYLE.fullmatch(name)
        return (int(heading["level"]) if heading else 0, bool(_LIST_STYLE.search(name)))

    def line(self, paragraph) -> str:
        element = paragraph._p
        level, listed = self.styles.get(element.style, self.styles[None])
        numbered = element.pPr is not None and element.pPr.numPr is not None
        return marked(paragraph.text, level, listed or numbered)

    def cell(self, cell) -> list[str]:
        return [line for line in (self.line(p) for p in cell.paragraphs) if line]


def _bounded(lines: Iterable[str], limit: int) -> str:
    text = "\n".join(lines) + "\n"
    if len(text.encode("utf-8")) > limit:
        raise ImportFailure(f"texte extrait trop gros (limite {number(limit)} octets)")
    return text


def docx_text(raw: bytes, limit: int) -> str:
    """Le texte d'un document Word, paragraphes et lignes de tableaux dans l'ordre."""
    import docx
    from docx.table import Table

    check_archive(raw, limit)
    try:
        document = docx.Document(io.BytesIO(raw))
        marks = _DocxMarks(document)
        lines = [
            line
            for block in document.iter_inner_content()
            for line in (
                _rows(row_lines([marks.cell(cell) for cell in row.cells]) for row in block.rows)
                if isinstance(block, Table)
                else [marks.line(block)]
            )
        ]
    except Exception as error:  # python-docx lève KeyError, ValueError, des erreurs d'lxml…
        raise ImportFailure(
            f"document Word illisible ({type(error).__name__}) : il n'est pas lu"
        ) from None
    return _bounded(lines, limit)


def odt_text(raw: bytes, limit: int) -> str:
    """Le texte d'un document OpenDocument, paragraphes, titres et lignes de tableaux."""
    from odf import opendocument

    check_archive(raw, limit)
    try:
        document = opendocument.load(io.BytesIO(raw))
        lines = list(_odt_lines(document.text))
    except Exception as error:  # odfpy lève KeyError, des erreurs de xml.sax…
        raise ImportFailure(
            f"document OpenDocument illisible ({type(error).__name__}) : il n'est pas lu"
        ) from None
    return _bounded(lines, limit)


def _odt_lines(element, listed: bool = False) -> Iterable[str]:
    from odf import teletype

    for child in element.childNodes:
        tag = getattr(child, "qname", (None, None))[1]
        if tag == "p":
            yield marked(teletype.extractText(child), listed=listed)
        elif tag == "h":
            yield marked(teletype.extractText(child), _outline_level(child))
        elif tag == "table-row":
            yield from _rows(
                [row_lines([list(filter(None, _odt_lines(cell))) for cell in child.childNodes])]
            )
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odt_lines(child, listed or tag == "list-item")


def _outline_level(heading) -> int:
    level = str(heading.getAttribute("outlinelevel") or "1")
    return min(int(level), 6) if level.isdigit() and level != "0" else 1
