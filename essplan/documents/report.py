"""Les documents d'un plan : l'annexe, la délibération, la synthèse et le bilan annuel, en
Markdown ou en HTML.

`render_report` rend un texte ; l'écriture (atomique) et le choix du fichier reviennent à la
ligne de commande. Le contenu est déterministe : même plan, mêmes octets ; aucune date
n'apparaît sans `--date`.

La synthèse reprend le budget de `budget.compute_matrix` (pas de second calcul) et les
constats du linter de niveau avertissement ou erreur. Sans `--date`, la règle des actions en
retard (ESS205), qui dépend du jour, n'y figure pas : le document resterait sinon différent
d'un jour à l'autre. Les statuts de la synthèse sont lus à la date de contrôle
(`follow_up`) ; le bilan d'une année (`bilan`) est arrêté en décembre de cette année.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from .. import french
from ..budget.compute import compute_matrix
from ..config import Config
from ..diagnostics import Severity
from ..lint.catalogue import catalogue
from ..lint.engine import lint_loaded
from ..model.months import Month
from ..validation.loader import LoadedPlan
from .bilan import bilan
from .environment import EXTENSIONS, environment
from .faults import template_fault
from .follow_up import fiche_states, statuses_month, tracked_indicators
from .limits import LimitError, RenderLimits
from .timeline import timeline
from .views import FicheView

TEMPLATES = ("annexe", "deliberation", "synthese", "bilan")
NEEDS_YEAR = "bilan"  # le seul modèle livré qui porte sur une année (`--year`)
NOT_GIVEN = "Non renseigné"
# Le suffixe du fichier de chaque format : un PDF est le document HTML mis en page (`pdf`).
SUFFIXES = {**EXTENSIONS, "pdf": "pdf"}


class ReportError(Exception):
    """Un modèle fautif : le message nomme le modèle et sa ligne (code de sortie 1)."""


class UnknownTemplate(ReportError):
    """Un modèle qui n'existe pas : une erreur d'usage (code de sortie 2)."""


# Le format que dit le nom du fichier de `-o` (`-o annexe.md`, `-o annexe.pdf`).
_FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def output_format_for(template: str, requested: str | None, output: str | None = None) -> str:
    """Le format d'un document : celui demandé (`-f`) ; sinon celui d'un modèle donné par son
    chemin en Markdown (`.md.j2`, qui ne sait rendre que du Markdown) ; sinon celui que dit le
    nom du fichier de `-o` (`annexe.md`, `annexe.pdf`), un modèle HTML (`.html.j2`) ne rendant
    que du HTML ou du PDF ; sinon HTML. Un utilisateur qui écrit `-o bilan.md` attend du
    Markdown, pas du HTML dans un fichier `.md`."""
    if requested:
        return requested
    if template.endswith(".md.j2"):
        return "markdown"
    named = _FORMAT_OF_SUFFIX.get(Path(output).suffix.lower()) if output and output != "-" else None
    if template.endswith(".html.j2") and named == "markdown":
        return "html"
    return named or "html"


def default_output(root: Path, plan_id: str, template: str, output_format: str) -> Path:
    """`build/<plan>/<modèle>.<html|md|pdf>` à la racine du dépôt : là où `report` écrit sans
    `-o`."""
    name = Path(template).name.removesuffix(".j2").removesuffix(".md").removesuffix(".html")
    return root / "build" / plan_id / f"{name}.{SUFFIXES[output_format]}"


def template_name(template: str, output_format: str) -> str:
    return f"{template}.{EXTENSIONS[output_format]}.j2"


def render_report(
    loaded: LoadedPlan,
    template: str,
    output_format: str,
    date: Month | None = None,
    root: Path | None = None,
    config: Config | None = None,
    limits: RenderLimits | None = None,
    year: int | None = None,
    check: Month | None = None,
) -> str:
    """Rend `template` (un nom de TEMPLATES ou le chemin d'un fichier .j2) pour un plan valide.

    `date` : la date de situation imprimée ; `check` : celle à laquelle la synthèse lit les
    statuts et les retards (par défaut `date`) ; `year` : l'année du bilan, qu'il demande (et
    qu'un modèle donné par son chemin reçoit s'il est donné) ;
    `root` : le dépôt du plan, dont le dossier `templates/` remplace les modèles livrés ;
    `config` : sa configuration (`config.load_config`), pour les points à compléter ;
    `limits` : ce que le rendu peut coûter (par défaut, à proportion du plan). Une erreur d'un
    modèle de l'utilisateur (ou une borne dépassée) lève `ReportError` ; celle d'un modèle
    livré remonte telle quelle : c'est une erreur d'essplan.
    """
    config = config if config is not None else Config()
    limits = limits or RenderLimits.for_plan(plan_size(loaded))
    env, name = _template(template, output_format, root, limits)
    values = context(loaded, template, date, config, root)
    values.update(_follow_up(loaded, template, values["fiches"], year, check or date))
    try:
        return _generate(env.get_template(name), values, limits)
    except Exception as error:  # noqa: BLE001 — triée par `template_fault`
        message = template_fault(error, name, getattr(env, "template_files", {}))
        if message is None:
            raise
        raise ReportError(message) from None


def plan_size(loaded: LoadedPlan) -> int:
    """Les caractères des textes du plan, plus un par valeur : ce que ses documents montrent."""
    stack = [doc.data for doc in (loaded.document, *(f.document for f in loaded.fiches)) if doc]
    size = 0
    while stack:
        value = stack.pop()
        size += len(value) if isinstance(value, str) else 1
        if isinstance(value, dict):
            stack.extend((*value.keys(), *value.values()))
        elif isinstance(value, list):
            stack.extend(value)
    return size


def _generate(compiled: Template, values: dict, limits: RenderLimits) -> str:
    """Le document, morceau par morceau : sa taille est vérifiée au fil du rendu, jamais après
    l'avoir entièrement fabriqué."""
    parts, size = [], 0
    for part in compiled.generate(**values):
        size += len(part)
        if size > limits.document:
            raise LimitError(
                f"document trop grand : plus de {french.number(limits.document)} caractères"
            )
        parts.append(part)
    return "".join(parts)


def _template(
    template: str, output_format: str, root: Path | None, limits: RenderLimits
) -> tuple[Environment, str]:
    """L'environnement et le nom du modèle : un modèle livré (que `templates/` du dépôt peut
    remplacer), ou un fichier donné par son chemin ; `UnknownTemplate` sinon."""
    user_templates = root / "templates" if root is not None else None
    path = Path(template)
    if template in TEMPLATES:
        env = environment(output_format, user_templates, limits=limits)
        return env, template_name(template, output_format)
    if path.is_file():
        return environment(output_format, user_templates, path.parent, limits), path.name
    if path.exists():
        raise UnknownTemplate(
            f"« {template} » n'est pas un fichier ordinaire : un modèle est un fichier"
            " .md.j2 ou .html.j2"
        )
    raise UnknownTemplate(
        f"modèle inconnu « {template} » : {', '.join(TEMPLATES)} ou le"
        " chemin d'un fichier de modèle"
    )


def context(
    loaded: LoadedPlan, template: str, date: Month | None, config: Config, root: Path | None
) -> dict:
    plan = loaded.plan
    axes = {str(axe.code): axe for axe in plan.axes}
    fiches = [
        FicheView(item.fiche, axes.get(str(item.fiche.axe)), _numero(item.fiche))
        for item in loaded.in_plan_order()
    ]
    values = {
        "plan": plan,
        "plan_id": loaded.id,
        "fiches": fiches,
        "axes": _by_axe(plan.axes, fiches),
        "deliberation": plan.deliberation,
        "date": date,
        "non_renseigne": NOT_GIVEN,
    }
    if template not in ("annexe", "deliberation", "bilan"):  # synthèse ou modèle à soi
        values.update(_synthese(loaded, fiches, date, config, root or loaded.folder))
    return values


def _by_axe(axes: list, fiches: list[FicheView]) -> list[tuple[Any, list[FicheView]]]:
    """Chaque axe du plan et ses fiches, dans l'ordre du plan : une passe sur les fiches, non
    une par axe (un plan de 200 axes et 5 000 fiches : un million de comparaisons)."""
    of_axe: dict[int, list[FicheView]] = {id(axe): [] for axe in axes}
    for fiche in fiches:
        if fiche.axe is not None and id(fiche.axe) in of_axe:
            of_axe[id(fiche.axe)].append(fiche)
    return [(axe, of_axe[id(axe)]) for axe in axes]


def _follow_up(
    loaded: LoadedPlan, template: str, fiches: list[FicheView], year: int | None, check
) -> dict:
    """Ce que le suivi ajoute : à la synthèse (et à un modèle à soi), les statuts à la date de
    contrôle et les indicateurs suivis ; au bilan (et à un modèle à soi qui reçoit `--year`),
    le bilan de l'année."""
    if template in ("annexe", "deliberation"):
        return {}
    if template == NEEDS_YEAR:
        if year is None:  # `cli/report.py` l'exige, en erreur d'usage, avant d'arriver ici
            raise ValueError("le bilan porte sur une année : `year` manque")
        return {"bilan": bilan(loaded, fiches, year)}
    states = fiche_states(fiches, check)
    values: dict[str, Any] = {
        "etats": states,
        "retards": [fiche_id for fiche_id, state in states.items() if state.en_retard],
        "statuts_au": statuses_month(fiches, check),
        "indicateurs": tracked_indicators(fiches, check),
    }
    if year is not None and template != "synthese":  # un modèle à soi, donné avec `--year`
        values["bilan"] = bilan(loaded, fiches, year)
    return values


def _numero(fiche) -> str:
    prefix = f"{fiche.axe}."
    return fiche.id[len(prefix) :] if fiche.id.startswith(prefix) else fiche.id


def _synthese(
    loaded: LoadedPlan, fiches: list[FicheView], date: Month | None, config: Config, root: Path
) -> dict:
    matrix = compute_matrix(loaded)
    return {
        "budget": matrix,
        "points": _points(loaded, date, config, root),
        "frise": timeline(fiches, matrix.annees, loaded.plan.periode),
    }


@dataclass(frozen=True, slots=True)
class Point:
    """Un point à compléter, tel qu'un document pour le conseil le montre : où (« Fiche 1.2 »,
    « Plan »), quoi (« coût non chiffré »), et le constat ; jamais un code de règle."""

    lieu: str
    intitule: str
    message: str
    fichier: str  # relatif au dossier du plan (« fiches/1.2.yaml »), pour un modèle à soi
    ligne: int


def _points(loaded: LoadedPlan, date: Month | None, config: Config, root: Path) -> list[Point]:
    """Les constats du linter de niveau avertissement ou erreur : les « points à compléter ».

    Sans `date`, les règles qui dépendent du jour (ESS205) se taisent : le document reste le
    même d'un jour à l'autre. Le plan est déjà chargé et validé : le linter le reprend tel
    quel, sans relire les fichiers."""
    labels = {code: doc.label for code, doc in catalogue().items()}
    result = lint_loaded(loaded, config, date, root)
    fiche_of = {item.document.file: item.fiche.id for item in loaded.fiches}
    prefix = f"{loaded.display}/"
    return [
        Point(
            f"{loaded.plan.libelle_fiche} {fiche_of[d.file]}" if d.file in fiche_of else "Plan",
            labels[d.code],
            d.message,
            d.file.removeprefix(prefix),
            d.line,
        )
        for d in result.diagnostics
        if d.severity >= Severity.WARNING
    ]
