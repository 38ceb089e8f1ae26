"""L'environnement Jinja des rapports : modèles, échappement, filtres français.

- `StrictUndefined` : une faute de frappe dans un modèle est une erreur, signalée avec le
  fichier et la ligne du modèle, jamais un blanc silencieux.
- Le texte des plans est une donnée : il n'est jamais compilé comme modèle, et il est
  échappé à la sortie. En HTML, par l'échappement automatique de Jinja ; en Markdown, par
  `finalize`, qui neutralise la syntaxe Markdown et le HTML brut de chaque valeur insérée
  (`<script>` s'affiche, `**` aussi). Le balisage vient des modèles seuls.
- Les modèles cherchés d'abord dans le dossier `templates/` du dépôt de plans, puis dans ceux
  livrés avec essplan : un modèle du dépôt remplace celui d'essplan de même nom.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel.dates import format_date
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import french

PACKAGED = Path(__file__).parent / "templates"
EXTENSIONS = {"markdown": "md", "html": "html"}

# Caractères qui font du Markdown (CommonMark) ou du HTML brut n'importe où dans une ligne,
# et débuts de ligne qui ouvrent un titre, une liste ou une citation.
_INLINE = re.compile(r"([\\`*_\[\]<>|&])")
_LINE_START = re.compile(
    r"^([ \t]*)(#{1,6}(?=\s|$)|[+\-](?=\s|$)|\d+[.)](?=\s|$)|=+(?=\s*$))", re.MULTILINE
)


def markdown_escape(value: object) -> str:
    """Une valeur telle quelle à l'écran, jamais interprétée comme du Markdown ou du HTML."""
    text = _LINE_START.sub(_escape_line_start, _INLINE.sub(r"\\\1", str(value)))
    return text.replace("\n", "\\\n")  # un saut de ligne du plan reste un saut de ligne


def _escape_line_start(match: re.Match) -> str:
    """« # titre » → « \\# titre » ; « 1. élément » → « 1\\. élément »."""
    indent, marker = match[1], match[2]
    return f"{indent}{marker[:-1]}\\{marker[-1]}"


def _finalize_markdown(value: object) -> object:
    """Échappe chaque valeur insérée ; le balisage des macros (`|safe`) passe tel quel."""
    return value if isinstance(value, Markup) else markdown_escape(value)


def environment(
    output_format: str, user_templates: Path | None = None, extra: Path | None = None
) -> Environment:
    """L'environnement d'un format ; `extra` : le dossier d'un modèle donné par son chemin."""
    folders = [d for d in (extra, user_templates) if d is not None and d.is_dir()] + [PACKAGED]
    html = output_format == "html"
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=html,
        finalize=None if html else _finalize_markdown,
    )
    env.globals["nl"] = Markup("\n")  # un saut de ligne du modèle, jamais échappé
    env.filters.update(
        montant=french.amount,
        mois=french.month,
        liste=lambda items: french.join(list(items)),
        date_longue=long_date,
        cellule=table_cell,
        statut=status_label,
        heure=french.time_of_day,
    )
    return env


def long_date(value: dt.date | None) -> str:
    """« 14 octobre 2016 »."""
    return format_date(value, "d MMMM y", locale=french.LOCALE) if value else "Non renseigné"


def table_cell(value: object) -> str:
    """Une cellule de tableau Markdown tient sur une ligne."""
    return " ".join(str(value).split())


def status_label(value: str | None) -> str:
    """« en cours » ; une action sans statut n'est pas suivie : « — »."""
    return french.status(value) if value else "—"
