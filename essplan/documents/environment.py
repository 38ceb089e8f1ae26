"""L'environnement Jinja des rapports : modèles, échappement, filtres français.

- Le bac à sable (`sandbox.BoundedSandbox`) pour tous les modèles, livrés ou non : un modèle
  du dépôt de plans est une entrée non fiable ; il ne lit que des données et son coût est
  borné (`limits.RenderLimits`). Ses fichiers sont lus par `loader.CheckedLoader`.
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
import math
import os
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import ChoiceLoader, Environment, StrictUndefined, Undefined
from jinja2.exceptions import TemplateRuntimeError
from markupsafe import Markup

from .. import french
from ..model.months import Month
from .limits import RenderLimits
from .loader import CheckedLoader
from .sandbox import BoundedSandbox
from .views import figure

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


def _boundary(folder: Path | None, root: Path | None) -> Path | None:
    """Un modèle donné par son chemin se lit où l'utilisateur le dit ; mais s'il est dans le
    dépôt de plans, ses liens n'en sortent pas, comme ceux de `templates/` (un lien du dépôt
    vers /etc/passwd ne finit pas dans un rapport publié)."""
    if folder is None or root is None:
        return None
    inside = Path(os.path.abspath(folder)).is_relative_to(os.path.abspath(root))
    return root if inside else None


def environment(
    output_format: str,
    user_templates: Path | None = None,
    extra: Path | None = None,
    limits: RenderLimits | None = None,
) -> Environment:
    """L'environnement d'un format, pour un seul document (il compte ce que coûte le rendu) ;
    `user_templates` : le dossier `templates/` du dépôt, dont les liens ne doivent pas sortir
    du dépôt ; `extra` : le dossier d'un modèle donné par son chemin."""
    limits = limits or RenderLimits()
    root = user_templates.parent if user_templates is not None else None
    folders = [(extra, _boundary(extra, root)), (user_templates, root)]
    loaders = [
        CheckedLoader(folder, boundary, limits.template_bytes)
        for folder, boundary in folders
        if folder is not None and folder.is_dir()
    ]
    html = output_format == "html"
    env = BoundedSandbox(
        limits,
        None if html else _finalize_markdown,
        _filters(),
        loader=ChoiceLoader([*loaders, CheckedLoader(PACKAGED, PACKAGED, limits.template_bytes)]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=html,
    )
    env.globals["nl"] = Markup("\n")  # un saut de ligne du modèle, jamais échappé
    return env


class TemplateValueError(TemplateRuntimeError):
    """Un filtre d'essplan qui reçoit une valeur qu'il ne sait pas écrire : la faute est au
    modèle qui la lui donne ; le message dit, en français, ce qu'il attendait."""


def _filters() -> dict[str, Callable]:
    """Les filtres français ; chacun vérifie d'abord ce qu'il reçoit (`{{ "x" | montant }}`)."""
    return {
        "montant": _expects("montant", "un nombre", _is_number, french.amount),
        "mois": _expects("mois", "un mois", _is_month, french.month),
        "liste": _expects("liste", "une liste", _is_list, lambda items: french.join(list(items))),
        "date_longue": _expects("date_longue", "une date", _is_date, long_date),
        "cellule": table_cell,
        "statut": _expects("statut", "un statut", _is_text, status_label),
        "heure": _expects("heure", "une heure (un texte)", _is_str, french.time_of_day),
        "valeur": _expects("valeur", "un nombre ou un texte", _is_figure, figure_label),
        "chaine_css": _expects("chaine_css", "un texte", _is_str, css_string),
    }


def _expects(
    name: str, expected: str, accepts: Callable[[Any], bool], function: Callable
) -> Callable:
    def checked(value: Any) -> Any:
        if isinstance(value, Undefined):
            str(value)  # une variable inconnue : l'erreur de Jinja, qui la nomme
        if not accepts(value):
            raise TemplateValueError(
                f"le filtre « {name} » attend {expected}, pas {french.described(value)}"
            )
        return function(value)

    checked.__name__ = name
    return checked


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _is_month(value: Any) -> bool:
    return value is None or isinstance(value, Month)


def _is_list(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict))


def _is_date(value: Any) -> bool:
    return value is None or isinstance(value, dt.date)


def _is_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_figure(value: Any) -> bool:
    return value is None or isinstance(value, str) or _is_number(value)


def figure_label(value: str | int | float | Decimal | None) -> str:
    """Une valeur d'indicateur, un avancement : « 1 800 », « 12,5 » ; un texte tel qu'écrit, sur
    une ligne (il tient dans une cellule de tableau, espaces insécables gardés) ; rien : « — »."""
    if value is None:
        return "—"
    return " ".join(value.splitlines()) if isinstance(value, str) else figure(value)


def long_date(value: dt.date | None) -> str:
    """« 14 octobre 2016 »."""
    return format_date(value, "d MMMM y", locale=french.LOCALE) if value else "Non renseigné"


# Ce qu'une chaîne CSS garde tel quel : lettres et chiffres (`str.isalnum`), et cette ponctuation.
_CSS_PLAIN = frozenset(" .,;:!?'’()-–—_°/«»")


def css_string(value: str) -> Markup:
    """Un texte du plan en chaîne CSS, guillemets compris, sur une ligne : le titre courant des
    pages imprimées (`content:` d'une marge de `@page`). Tout autre caractère s'écrit en
    échappement CSS (`\\3c `, terminé par l'espace que CSS retire) : ni `"` ni `\\` ne
    ferment la chaîne, ni `<` la balise `<style>`, et `&` s'affiche tel quel (une entité HTML
    ne se lit pas dans `<style>`)."""
    text = " ".join(value.split())
    escaped = "".join(c if c.isalnum() or c in _CSS_PLAIN else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


def table_cell(value: object) -> str:
    """Une cellule de tableau Markdown tient sur une ligne."""
    return " ".join(str(value).split())


def status_label(value: str | None) -> str:
    """« en cours » ; une action sans statut n'est pas suivie : « — »."""
    return french.status(value) if value else "—"
