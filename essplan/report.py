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

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from .diagnostics import Severity
from .loader import LoadedPlan
from .render import EXTENSIONS, environment
from .months import Month, month_at

TEMPLATES = ("annexe", "deliberation", "synthese")
NOT_GIVEN = "Non renseigné"


class ReportError(Exception):
    """Un modèle fautif : le message nomme le modèle et sa ligne (code de sortie 1)."""


class UnknownTemplate(ReportError):
    """Un modèle qui n'existe pas : une erreur d'usage (code de sortie 2)."""


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
    """Une action sur la frise : ses mois (index, voir `Month.index`), sa place en pixels."""

    fiche: FicheView
    first: int  # premier mois tracé
    last: int  # dernier mois tracé
    x: float
    width: float
    y: float
    end_known: bool

    @property
    def du(self) -> str:
        """Le premier mois tracé, « 2025-01 »."""
        return month_at(self.first).iso or ""

    @property
    def au(self) -> str:
        return month_at(self.last).iso or ""

    def runs_in(self, year: int) -> bool:
        """Vrai si l'action court pendant l'année : on compare des mois, pas des pixels."""
        return self.first <= year * 12 + 11 and self.last >= year * 12


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
        """L'abscisse du début de la `index`-ième année : celle des barres qui y commencent."""
        return _pixel(self.left + index * self.year_width)

    @property
    def assumed_ends(self) -> bool:
        """Vrai si une barre au moins est hachurée (fin inconnue) : la légende n'a lieu qu'alors."""
        return any(not bar.end_known for bar in self.bars)

    def running(self, bar: Bar, year: int) -> str:
        """Pour le tableau Markdown : ■ l'action court cette année, ? fin supposée, vide sinon."""
        if not bar.runs_in(year):
            return ""
        return "■" if bar.end_known or year == bar.fiche.fiche.debut.annee else "?"


def template_name(template: str, output_format: str) -> str:
    return f"{template}.{EXTENSIONS[output_format]}.j2"


def render_report(loaded: LoadedPlan, template: str, output_format: str,
                  date: Month | None = None, root: Path | None = None, config=None) -> str:
    """Rend `template` (un nom de TEMPLATES ou le chemin d'un fichier .j2) pour un plan valide.

    `root` : le dépôt du plan, dont le dossier `templates/` remplace les modèles livrés ;
    `config` : sa configuration (`config.load_config`), pour les points à compléter.
    """
    from .config import Config

    user_templates = root / "templates" if root is not None else None
    config = config if config is not None else Config()
    path = Path(template)
    if template in TEMPLATES:
        env, name = environment(output_format, user_templates), template_name(template, output_format)
    elif path.is_file():
        env, name = environment(output_format, user_templates, extra=path.parent), path.name
    else:
        raise UnknownTemplate(f"modèle inconnu « {template} » : {', '.join(TEMPLATES)} ou le"
                              " chemin d'un fichier de modèle")
    try:
        return env.get_template(name).render(**context(loaded, template, date, config, root))
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


def context(loaded: LoadedPlan, template: str, date: Month | None, config,
            root: Path | None) -> dict:
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
        values.update(_synthese(loaded, fiches, date, config, root or loaded.folder))
    return values


def _numero(fiche) -> str:
    prefix = f"{fiche.axe}."
    return fiche.id[len(prefix):] if fiche.id.startswith(prefix) else fiche.id


def _synthese(loaded: LoadedPlan, fiches: list[FicheView], date: Month | None, config,
              root: Path) -> dict:
    from .budget import compute_matrix

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


def _points(loaded: LoadedPlan, date: Month | None, config, root: Path) -> list[Point]:
    """Les constats du linter de niveau avertissement ou erreur : les « points à compléter »."""
    from .diagnostics import CATALOGUE
    from .lint import all_rules, lint_loaded, reference_month

    all_rules()  # le catalogue des règles : leurs intitulés
    if date is None:
        config = config.with_options(None, ["ESS205"])
    # Le plan est déjà chargé et validé : le linter le reprend tel quel, sans relire les fichiers.
    result = lint_loaded(loaded, config, date or reference_month(None), root)
    fiche_of = {item.document.file: item.fiche.id for item in loaded.fiches}
    prefix = f"{loaded.display}/"
    return [Point(f"{loaded.plan.libelle_fiche} {fiche_of[d.file]}" if d.file in fiche_of else "Plan",
                  CATALOGUE[d.code].label, d.message, d.file.removeprefix(prefix), d.line)
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
    origin = years[0] * 12 if years else 0
    bars = []
    for row, view in enumerate(dated):
        start, end = view.fiche.debut, _end(view, period)
        last = min(end.index, (years[-1] + 1) * 12 - 1) if years else end.index
        first = min(max(start.index, origin), last)
        # Les bords viennent des mois, arrondis par la même fonction que les lignes des années :
        # une action de janvier à décembre finit exactement sur la ligne de l'année suivante.
        x = _pixel(LEFT + (first - origin) / 12 * year_width)
        right = _pixel(LEFT + (last + 1 - origin) / 12 * year_width)
        bars.append(Bar(view, first, last, x, round(right - x, 2), TOP + row * ROW,
                        view.fiche.fin is not None and view.fiche.fin.known))
    return Timeline(tuple(years), LEFT, year_width, WIDTH, TOP + max(len(dated), 1) * ROW + 10,
                    tuple(bars), undated)


def _pixel(value: float) -> float:
    return round(value, 2)


def _end(view: FicheView, period) -> Month:
    """La fin d'une action : connue, sinon la fin de la période, sinon son début."""
    fiche = view.fiche
    if fiche.fin is not None and fiche.fin.known and fiche.fin.index >= fiche.debut.index:
        return fiche.fin
    if period is not None and period.fin.index >= fiche.debut.index:
        return period.fin
    return fiche.debut
