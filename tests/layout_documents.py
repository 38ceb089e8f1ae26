"""Les documents des tests des mises en page à titres, écrits pour eux : un document est une
suite de blocs, rendue en texte, en Word (python-docx : de vrais styles de titres, un tableau à
deux colonnes pour les rubriques d'une ligne, des listes à puces de Word), en OpenDocument
(odfpy : `text:h`, `table:table`, `text:list`) et en PDF (le texte, par `source_documents`).

Les blocs : ("titre", niveau, texte) ; ("texte", paragraphe) ; ("tableau", [(rubrique,
valeur ou liste d'éléments)]) ; ("liste", rubrique, [éléments]).
"""

from __future__ import annotations

import io

import source_documents

Block = tuple


def text_lines(blocks: list[Block]) -> list[str]:
    """Le texte : une ligne par titre et par rubrique, les listes en « - », des lignes vides
    entre les blocs."""
    lines: list[str] = []
    for block in blocks:
        if block[0] == "titre":
            lines.append(block[2])
        elif block[0] == "texte":
            lines.append(block[1])
        elif block[0] == "tableau":
            for label, value in block[1]:
                if isinstance(value, list):
                    lines += [f"{label} :", *(f"- {item}" for item in value)]
                else:
                    lines.append(f"{label} : {value}")
        else:
            lines += [f"{block[1]} :", *(f"- {item}" for item in block[2])]
        lines.append("")
    return lines


def text_bytes(blocks: list[Block]) -> bytes:
    return "\n".join(text_lines(blocks)).encode("utf-8")


def pdf_bytes(blocks: list[Block]) -> bytes:
    return source_documents.pdf_bytes(text_lines(blocks), per_page=40)


def docx_bytes(blocks: list[Block]) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks:
        if block[0] == "titre":
            document.add_heading(block[2], level=block[1])
        elif block[0] == "texte":
            document.add_paragraph(block[1])
        elif block[0] == "tableau":
            table = document.add_table(rows=0, cols=2)
            for label, value in block[1]:
                cells = table.add_row().cells
                cells[0].text = label
                if isinstance(value, list):  # une liste à puces dans la cellule
                    cells[1].paragraphs[0].text = value[0]
                    cells[1].paragraphs[0].style = document.styles["List Bullet"]
                    for item in value[1:]:
                        cells[1].add_paragraph(item, style="List Bullet")
                else:
                    cells[1].text = value
        else:
            document.add_paragraph(f"{block[1]} :")
            for item in block[2]:
                document.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(blocks: list[Block]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableColumn, TableRow

    document = OpenDocumentText()
    for number, block in enumerate(blocks):
        if block[0] == "titre":
            document.text.addElement(_odt_text("h", block[2], outlinelevel=block[1]))
        elif block[0] == "texte":
            document.text.addElement(_odt_text("p", block[1]))
        elif block[0] == "tableau":
            table = Table(name=f"Rubriques{number}")
            table.addElement(TableColumn(numbercolumnsrepeated=2))
            for label, value in block[1]:
                row = TableRow()
                row.addElement(_odt_cell([_odt_text("p", label)]))
                items = _odt_list(value) if isinstance(value, list) else _odt_text("p", value)
                row.addElement(_odt_cell([items]))
                table.addElement(row)
            document.text.addElement(table)
        else:
            document.text.addElement(_odt_text("p", f"{block[1]} :"))
            document.text.addElement(_odt_list(block[2]))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _odt_text(tag: str, text: str, **attributes):
    from odf import teletype
    from odf.text import H, P

    element = (H if tag == "h" else P)(**attributes)
    teletype.addTextToElement(element, text)
    return element


def _odt_cell(children):
    from odf.table import TableCell

    cell = TableCell()
    for child in children:
        cell.addElement(child)
    return cell


def _odt_list(items: list[str]):
    from odf.text import List, ListItem

    listed = List()
    for item in items:
        entry = ListItem()
        entry.addElement(_odt_text("p", item))
        listed.addElement(entry)
    return listed


BUILDERS = {"txt": text_bytes, "docx": docx_bytes, "odt": odt_bytes, "pdf": pdf_bytes}
