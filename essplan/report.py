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

from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from .diagnostics import Severity
from .loader import LoadedPlan
from .render import EXTENSIONS, environment
from .values import Month

TEMPLATES = ("annexe", "deliberation", "synthese")
NOT_GIVEN = "Non renseigné"


class ReportError(Exception):
    """Un modèle introuvable ou fautif : le message nomme le modèle et sa ligne."""


@dataclass(frozen=True, slots=True)
class FicheView:
    """Une fiche telle que les modèles la montrent : avec son axe et son numéro d'action."""

    fiche: object  # models.Fiche
    axe: object  # models.Axe
    numero: str  # « 3 » pour la fiche 1.3 de l'axe 1 ; l'identifiant sinon

    @property
    def id(self) -> str:
        return self.fiche.id


@dataclass(frozen=True, slots=True)
class Bar:
    """Une action sur la frise : position et largeur en pixels, fin connue ou supposée."""

    fiche: FicheView
    x: float
    width: float
    y: float
    end_known: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    years: tuple[int, ...]
    left: float
    year_width: float
    width: float
    height: float
    bars: tuple[Bar, ...]
    undated: tuple[FicheView, ...]

    def year_x(self, index: int) -> float:
        return self.left + index * self.year_width

    def running(self, view: FicheView, year: int) -> str:
        """Pour le tableau Markdown : ■ l'action court cette année, ? fin supposée, vide sinon."""
        bar = next((b for b in self.bars if b.fiche is view), None)
        if bar is None:
            return ""
        start = self.left + (year - self.years[0]) * self.year_width
        if not (bar.x < start + self.year_width and bar.x + bar.width > start):
            return ""
        return "■" if bar.end_known or year == view.fiche.debut.annee else "?"


def template_name(template: str, output_format: str) -> str:
    return f"{template}.{EXTENSIONS[output_format]}.j2"


def render_report(loaded: LoadedPlan, template: str, output_format: str,
                  date: Month | None = None, user_templates: Path | None = None) -> str:
    """Rend `template` (un nom de TEMPLATES ou le chemin d'un fichier .j2) pour un plan valide."""
    path = Path(template)
    if template in TEMPLATES:
        env, name = environment(output_format, user_templates), template_name(template, output_format)
    elif path.is_file():
        env, name = environment(output_format, user_templates, extra=path.parent), path.name
    else:
        raise ReportError(f"modèle inconnu « {template} » : {', '.join(TEMPLATES)} ou le chemin"
                          " d'un fichier de modèle")
    try:
        return env.get_template(name).render(**context(loaded, template, date))
    except TemplateSyntaxError as error:
        raise ReportError(f"{error.filename or name}:{error.lineno} : erreur de syntaxe dans le"
                          f" modèle : {error.message}") from None
    except UndefinedError as error:
        raise ReportError(f"{_template_location(error, name)} : variable inconnue dans le modèle"
                          f" ({error.message})") from None
    except TemplateError as error:
        raise ReportError(f"{_template_location(error, name)} : modèle fautif ({error})") from None


def _template_location(error: Exception, name: str) -> str:
    """Le fichier et la ligne du modèle où l'erreur s'est produite (pile de rendu de Jinja)."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return f"{frame.filename}:{frame.lineno}"
    return name


def context(loaded: LoadedPlan, template: str, date: Month | None) -> dict:
    plan = loaded.plan
    axes = {str(axe.code): axe for axe in plan.axes}
    fiches = [FicheView(item.fiche, axes.get(str(item.fiche.axe)), _numero(item.fiche))
              for item in loaded.in_plan_order()]
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
        values.update(_synthese(loaded, fiches, date))
    return values


def _numero(fiche) -> str:
    prefix = f"{fiche.axe}."
    return fiche.id[len(prefix):] if fiche.id.startswith(prefix) else fiche.id


def _synthese(loaded: LoadedPlan, fiches: list[FicheView], date: Month | None) -> dict:
    from .budget import compute_matrix

    matrix = compute_matrix(loaded)
    return {
        "budget": matrix,
        "points": _points(loaded, date),
        "frise": timeline(fiches, matrix.annees, loaded.plan.periode),
    }


def _points(loaded: LoadedPlan, date: Month | None) -> list:
    """Les constats du linter de niveau avertissement ou erreur : les « points à compléter »."""
    from .config import load_config
    from .lint import all_rules, lint_loaded, reference_month
    from .repository import find_root

    all_rules()  # la configuration nomme des codes de règles : il faut les connaître
    root = find_root(loaded.folder) or loaded.folder
    config = load_config(root)
    if date is None:
        config = config.with_options(None, ["ESS205"])
    # Le plan est déjà chargé et validé : le linter le reprend tel quel, sans relire les fichiers.
    result = lint_loaded(loaded, config, date or reference_month(None), root)
    prefix = f"{loaded.display}/"
    # Chemins relatifs au dossier du plan : le document ne dépend pas du dossier courant.
    return [replace(d, file=d.file.removeprefix(prefix))
            for d in result.diagnostics if d.severity >= Severity.WARNING]


BAR_HEIGHT, ROW, TOP, LEFT, WIDTH = 14, 22, 30, 230, 900


def timeline(fiches: list[FicheView], years: tuple[int, ...], period) -> Timeline:
    """La frise des actions : une barre par action datée, de son début à sa fin.

    Une fin inconnue est tracée jusqu'à la fin de la période du plan (ou de la frise) et
    marquée comme supposée ; une action sans début connu n'a pas de barre : elle est listée.
    """
    dated = [f for f in fiches if f.fiche.debut is not None and f.fiche.debut.known]
    dated_ids = {f.id for f in dated}  # et non `f not in dated`, quadratique sur un gros plan
    undated = tuple(f for f in fiches if f.id not in dated_ids)
    if not years and dated:
        years = tuple(range(min(f.fiche.debut.annee for f in dated),
                            max(_end(f, None).annee for f in dated) + 1))
    year_width = (WIDTH - LEFT) / max(len(years), 1)
    bars = []
    for row, view in enumerate(dated):
        start, end = view.fiche.debut, _end(view, period)
        end_index = min(end.index, (years[-1] + 1) * 12 - 1) if years else end.index
        start_index = max(start.index, years[0] * 12) if years else start.index
        x = LEFT + (start_index - years[0] * 12) / 12 * year_width
        months = max(end_index - start_index + 1, 1)
        bars.append(Bar(view, round(x, 1), round(months / 12 * year_width, 1),
                        TOP + row * ROW, view.fiche.fin is not None and view.fiche.fin.known))
    return Timeline(tuple(years), LEFT, year_width, WIDTH, TOP + max(len(dated), 1) * ROW + 10,
                    tuple(bars), undated)


def _end(view: FicheView, period) -> Month:
    """La fin d'une action : connue, sinon la fin de la période, sinon son début."""
    fiche = view.fiche
    if fiche.fin is not None and fiche.fin.known and fiche.fin.index >= fiche.debut.index:
        return fiche.fin
    if period is not None and period.fin.index >= fiche.debut.index:
        return period.fin
    return fiche.debut
