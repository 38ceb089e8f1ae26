"""Les documents d'un plan : l'annexe, la délibération, la synthèse, en Markdown ou en HTML.

`render_report` rend un texte ; l'écriture (atomique) et le choix du fichier reviennent à la
ligne de commande. Le contenu est déterministe : même plan, mêmes octets ; aucune date
n'apparaît sans `--date`.

La synthèse reprend le budget de `budget.compute_matrix` (pas de second calcul) et les
constats du linter de niveau avertissement ou erreur. Sans `--date`, la règle des actions en
retard (ESS205), qui dépend du jour, n'y figure pas : le document resterait sinon différent
d'un jour à l'autre.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError, UndefinedError

from ..budget.compute import compute_matrix
from ..config import Config
from ..diagnostics import Severity
from ..lint.catalogue import catalogue
from ..lint.engine import lint_loaded
from ..model.months import Month
from ..validation.loader import LoadedPlan
from .environment import EXTENSIONS, environment
from .timeline import timeline
from .views import FicheView

TEMPLATES = ("annexe", "deliberation", "synthese")
NOT_GIVEN = "Non renseigné"


class ReportError(Exception):
    """Un modèle fautif : le message nomme le modèle et sa ligne (code de sortie 1)."""


class UnknownTemplate(ReportError):
    """Un modèle qui n'existe pas : une erreur d'usage (code de sortie 2)."""


def output_format_for(template: str, requested: str | None) -> str:
    """Le format d'un document : celui demandé, sinon celui du nom d'un modèle donné par son
    chemin (`.md.j2`), sinon HTML."""
    if requested:
        return requested
    return "markdown" if template.endswith(".md.j2") else "html"


def default_output(root: Path, plan_id: str, template: str, output_format: str) -> Path:
    """`build/<plan>/<modèle>.<html|md>` à la racine du dépôt : là où `report` écrit sans `-o`."""
    name = Path(template).name.removesuffix(".j2").removesuffix(".md").removesuffix(".html")
    return root / "build" / plan_id / f"{name}.{EXTENSIONS[output_format]}"


def template_name(template: str, output_format: str) -> str:
    return f"{template}.{EXTENSIONS[output_format]}.j2"


def render_report(
    loaded: LoadedPlan,
    template: str,
    output_format: str,
    date: Month | None = None,
    root: Path | None = None,
    config: Config | None = None,
) -> str:
    """Rend `template` (un nom de TEMPLATES ou le chemin d'un fichier .j2) pour un plan valide.

    `root` : le dépôt du plan, dont le dossier `templates/` remplace les modèles livrés ;
    `config` : sa configuration (`config.load_config`), pour les points à compléter.
    """
    config = config if config is not None else Config()
    env, name = _template(template, output_format, root)
    try:
        return env.get_template(name).render(**context(loaded, template, date, config, root))
    except TemplateSyntaxError as error:
        raise ReportError(
            f"{error.filename or name}:{error.lineno} : erreur de syntaxe dans le"
            f" modèle : {error.message}"
        ) from None
    except UndefinedError as error:
        raise ReportError(
            f"{_template_location(error, name)} : variable inconnue dans le modèle"
            f" ({error.message})"
        ) from None
    except TemplateError as error:
        raise ReportError(f"{_template_location(error, name)} : modèle fautif ({error})") from None


def _template(template: str, output_format: str, root: Path | None) -> tuple[Environment, str]:
    """L'environnement et le nom du modèle : un modèle livré (que `templates/` du dépôt peut
    remplacer), ou un fichier donné par son chemin ; `UnknownTemplate` sinon."""
    user_templates = root / "templates" if root is not None else None
    path = Path(template)
    if template in TEMPLATES:
        return environment(output_format, user_templates), template_name(template, output_format)
    if path.is_file():
        return environment(output_format, user_templates, extra=path.parent), path.name
    raise UnknownTemplate(
        f"modèle inconnu « {template} » : {', '.join(TEMPLATES)} ou le"
        " chemin d'un fichier de modèle"
    )


def _template_location(error: Exception, name: str) -> str:
    """Le fichier et la ligne du modèle où l'erreur s'est produite (pile de rendu de Jinja)."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return f"{frame.filename}:{frame.lineno}"
    return name


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
        "axes": [(axe, [f for f in fiches if f.axe is axe]) for axe in plan.axes],
        "deliberation": plan.deliberation,
        "date": date,
        "non_renseigne": NOT_GIVEN,
    }
    if template not in ("annexe", "deliberation"):  # la synthèse, ou un modèle de l'utilisateur
        values.update(_synthese(loaded, fiches, date, config, root or loaded.folder))
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
