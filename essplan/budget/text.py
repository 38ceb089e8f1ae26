"""Le budget en texte : `table` (colonnes alignées en texte brut, sans couleur : terminal,
journal de CI) et `markdown` (titres et tableaux à barres verticales : GitHub, GitLab, Pandoc).

Les deux rendent les mêmes blocs (`tables.py`), plan par plan (`stream.py`) : ce qu'ils disent
est décidé une fois, seule la mise en forme diffère. Montants en français (« 62 500 € »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .layout import Block, Bullets, Document, Heading, Paragraph, Table

TITLE_WIDTH = 60  # un titre de fiche plus long est coupé dans `table` (il reste entier ailleurs)
LABEL_WIDTH = 100
# Les blancs ordinaires seulement : `str.split()` couperait aussi les espaces insécables des
# montants français (« 62 500 € ») et la typographie des titres.
_BLANKS = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    return _BLANKS.sub(" ", str(text)).strip()


def shorten(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------------------- table


def render_text(doc: Document) -> str:
    return TextRenderer().feed(doc.blocks)


class TextRenderer:
    """Un bloc après l'autre, séparés par une ligne vide ; le paragraphe qui suit un titre, et
    ce qui suit un intertitre, s'y accrochent. Les blocs arrivent par morceaux (un plan après
    l'autre) : ce qui sépare deux morceaux dépend du dernier bloc écrit, gardé ici."""

    def __init__(self) -> None:
        self.previous: Block | None = None
        self.started = False

    def feed(self, blocks: Iterable[Block]) -> str:
        out: list[str] = []
        for block in blocks:
            if isinstance(block, Heading) and block.level == 1:
                continue  # le titre du document : le terminal n'en a pas besoin
            previous = self.previous
            attached = isinstance(previous, Heading) and (
                previous.level == 3 or isinstance(block, Paragraph)
            )
            if self.started and not attached:
                out.append("")
            lines = _text_block(block)
            out += lines
            self.started = self.started or bool(lines)
            self.previous = block
        return "\n".join(out) + "\n" if out else ""


def _text_block(block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{block.text} :" if block.level == 3 else block.text]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"{block.title} :", *(f"  {item}" for item in block.items)]
    title = [f"{block.title} :"] if block.title else []
    return title + _aligned(block)


def _aligned(block: Table) -> list:
    """Aligne les cellules ; une ligne de groupe passe telle quelle ; les colonnes entièrement
    vides disparaissent."""
    header = [[c.header for c in block.columns]] if block.header else []
    rows = header + [
        [
            shorten(cell, TITLE_WIDTH) if column.wide else cell
            for cell, column in zip(row.cells, block.columns, strict=True)
        ]
        for row in block.rows
        if row.kind != "group"
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(block.columns))]
    kept = [i for i, width in enumerate(widths) if width]

    def line(cells: list[str]) -> str:
        parts = [
            cells[i].rjust(widths[i]) if block.columns[i].right else cells[i].ljust(widths[i])
            for i in kept
        ]
        return ("  " + "  ".join(parts)).rstrip()

    out = [line(header[0])] if header else []
    cells = iter(rows[len(header) :])
    for row in block.rows:
        out.append(shorten(row.cells[0], LABEL_WIDTH) if row.kind == "group" else line(next(cells)))
    return out


# ------------------------------------------------------------------------------ markdown


def md(text: str) -> str:
    """Une cellule de tableau Markdown : une ligne, barres verticales échappées."""
    return one_line(text).replace("|", "\\|")


def render_markdown(doc: Document) -> str:
    renderer = MarkdownRenderer()
    return renderer.feed(doc.blocks) + renderer.end()


class MarkdownRenderer:
    """Les blocs séparés par une ligne vide, par morceaux ; `end` écrit la fin de ligne finale."""

    def __init__(self) -> None:
        self.started = False

    def feed(self, blocks: Iterable[Block]) -> str:
        parts = []
        for block in blocks:
            parts.append(("\n\n" if self.started else "") + "\n".join(_markdown_block(block)))
            self.started = True
        return "".join(parts)

    def end(self) -> str:
        return "\n"


def _markdown_block(block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {block.text}"]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"{block.title} :", "", *(f"- {item}" for item in block.items)]
    title = [f"**{block.title}** :", ""] if block.title else []
    if not block.header:  # une liste de fiches : « - 1.2 — titre (raison) »
        return title + [
            f"- {row.cells[0]} — {md(row.cells[1])} {row.cells[2]}" for row in block.rows
        ]
    return title + _md_table(block)


_STYLE = {"group": "**{}**", "subtotal": "*{}*", "total": "**{}**", "": "{}"}


def _md_table(block: Table) -> list[str]:
    kept = [
        i
        for i, column in enumerate(block.columns)
        if column.header or any(i < len(row.cells) and row.cells[i] for row in block.rows)
    ]
    rule = ["---:" if block.columns[i].right else "---" for i in kept]
    lines = [f"| {' | '.join(md(block.columns[i].header) for i in kept)} |", f"|{'|'.join(rule)}|"]
    for row in block.rows:
        cells = [row.cells[i] if i < len(row.cells) else "" for i in kept]
        shown = [_STYLE[row.kind].format(md(cell)) if cell else "" for cell in cells]
        lines.append(f"| {' | '.join(shown)} |")
    return lines
