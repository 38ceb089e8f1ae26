"""Des documents construits pour les tests d'`essplan import` à partir d'un texte : Word
(python-docx), OpenDocument (odfpy) et PDF (écrit à la main, avec sa police et sa table
ToUnicode), et les documents qu'on doit refuser (PDF sans couche texte, PDF chiffré, documents
à macros, zip corrompu, bombe zip)."""

from __future__ import annotations

import io
import re
import zipfile

# Les rubriques d'une ligne mises dans un tableau à deux colonnes (« Pilote | Raymond Collet »).
TABLE_RUBRIC = re.compile(r"^(Pilote[^:]*|Associé[^:]*) : (\S.*)$")


def blocks(lines: list[str]) -> list[str | list[tuple[str, str]]]:
    """Les lignes, les rubriques consécutives (lignes vides entre elles passées) réunies en
    tableaux de lignes (rubrique, valeur)."""
    out: list[str | list[tuple[str, str]]] = []
    for line in lines:
        match = TABLE_RUBRIC.match(line)
        if match:
            if not (out and isinstance(out[-1], list)):
                out.append([])
            out[-1].append((match[1], match[2]))  # type: ignore[union-attr]
        elif line.strip() or not (out and isinstance(out[-1], list)):
            out.append(line)
    return out


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks(lines):
        if isinstance(block, list):
            table = document.add_table(rows=0, cols=2)
            for label, value in block:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        else:
            document.add_paragraph(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(lines: list[str]) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentText()
    for number, block in enumerate(blocks(lines)):
        if isinstance(block, list):
            table = Table(name=f"Rubriques{number}")
            table.addElement(TableColumn(numbercolumnsrepeated=2))
            for label, value in block:
                row = TableRow()
                for text in (label, value):
                    cell, paragraph = TableCell(), P()
                    teletype.addTextToElement(paragraph, text)
                    cell.addElement(paragraph)
                    row.addElement(cell)
                table.addElement(row)
            document.text.addElement(table)
        else:
            paragraph = P()
            teletype.addTextToElement(paragraph, block)
            document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """Un PDF des objets donnés (1 : le catalogue), avec sa table des renvois."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _codes(text: str) -> dict[str, int]:
    """Un octet par caractère : l'ASCII garde le sien, les autres prennent les codes libres."""
    free = iter(range(128, 256))
    return {char: ord(char) if ord(char) < 128 else next(free) for char in sorted(set(text))}


def _to_unicode(codes: dict[str, int]) -> bytes:
    pairs = [b"<%02X> <%04X>" % (code, ord(char)) for char, code in codes.items()]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]
    body = b"".join(
        b"%d beginbfchar\n" % len(chunk) + b"\n".join(chunk) + b"\nendbfchar\n" for chunk in chunks
    )
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        + body
        + b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def pdf_bytes(lines: list[str], per_page: int = 60) -> bytes:
    """Un PDF d'une ligne de texte par ligne, `per_page` par page, en Helvetica, chaque
    caractère rendu à son Unicode par une table ToUnicode."""
    codes = _codes("".join(lines))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    first_page = 4  # 1 catalogue, 2 pages, 3 police, 4 ToUnicode, puis page et contenu
    kids = b" ".join(b"%d 0 R" % (first_page + 1 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>",
        _stream(_to_unicode(codes)),
    ]
    for page_lines in pages:
        shown = b"".join(
            b"<" + bytes(codes[c] for c in line).hex().encode() + b"> Tj T*\n"
            for line in page_lines
        )
        objects.append(_page(len(objects) + 2))
        objects.append(_stream(b"BT /F1 8 Tf 11 TL 20 800 Td\n" + shown + b"ET"))
    return _pdf(objects)


def _page(content: int, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
        b" /Resources << /Font << /F1 3 0 R >> %s>> >>" % (content, extra)
    )


def pdf_without_text() -> bytes:
    """Un PDF d'une page qui ne fait que dessiner (un rectangle et une image), sans texte."""
    image = _stream(
        b"\x80\x40\x20" * 4,
        b"/Type /XObject /Subtype /Image /Width 2 /Height 2"
        b" /ColorSpace /DeviceRGB /BitsPerComponent 8 ",
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        image,
        _page(6, b"/XObject << /Im1 4 0 R >> "),
        _stream(b"q 200 0 0 200 100 400 cm /Im1 Do Q 10 10 100 100 re f"),
    ]
    return _pdf(objects)


def encrypted_pdf(lines: list[str]) -> bytes:
    """Le PDF de `lines`, chiffré par pypdf (RC4, sans dépendance) : mot de passe « secret »."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(user_password="secret", owner_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_member(document: bytes, name: str, data: bytes) -> bytes:
    """Le document zip `document`, avec un membre de plus."""
    buffer = io.BytesIO(document)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(document: bytes, size: int) -> bytes:
    """Le document zip `document`, avec un membre de `size` zéros (quelques Ko compressés)."""
    buffer = io.BytesIO(document)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()
