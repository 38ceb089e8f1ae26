"""Les entrées du cache (`cache.py`) : ce qu'on garde d'une fiche valide, en JSON, et sa
reconstruction vérifiée champ à champ (un champ d'un autre type : une entrée à refaire)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Severity
from ..reading.document import KeyPath, Suppression, YamlDocument


class CachedCost(NamedTuple):
    """Du coût d'une fiche sortie du cache, la base de ses montants (HT, TTC), que lit ESS310."""

    taxe: str | None

    @property
    def reading(self) -> CachedCost:  # `cout.reading.taxe`, comme sur le modèle
        return self


class CachedFiche(NamedTuple):
    """Ce que lisent d'une fiche valide sortie du cache les contrôles de références (`id`,
    `axe`, `liens`) et les règles du linter qui portent sur tout le plan (ESS310 : `cout` ;
    ESS401 : `pilotes`, `associes` ; ESS402 : `id`, `axe`). Une règle de plan qui lirait autre
    chose d'une fiche doit l'ajouter ici et dans `PlanCache.remember`."""

    id: str
    axe: str
    liens: list[str] | None
    pilotes: list[str] | None = None
    associes: list[str] | None = None
    cout: CachedCost | None = None


@dataclass(slots=True)
class PlacedDocument(YamlDocument):
    """Le document d'une fiche sortie du cache : les seules positions gardées."""

    places: dict[KeyPath, list] = field(default_factory=dict)  # [ligne, colonne, chemin]

    def locate(self, path: KeyPath) -> tuple[int, int, str]:
        line, column, key_path = self.places[path]
        return line, column, key_path


def texts(values: Any) -> list[str] | None:
    return list(values) if values is not None else None


def fiche_facts(fiche: Any) -> dict[str, Any]:
    """Ce qu'on garde d'une fiche valide, hors positions et diagnostics (voir `CachedFiche`)."""
    cout = fiche.cout
    return {
        "id": fiche.id,
        "axe": str(fiche.axe),
        "liens": texts(fiche.liens),
        "pilotes": texts(fiche.pilotes),
        "associes": texts(fiche.associes),
        "cout": None if cout is None else [cout.reading.taxe],
    }


def paths(fiche: Any) -> list[KeyPath]:
    """Les clés d'une fiche dont le cache garde la position : celles que lisent les contrôles
    de références et les règles de plan du linter."""
    paths: list[KeyPath] = [("id",), ("axe",)]
    if fiche.cout is not None:
        paths.append(("cout",))
    for key in ("liens", "pilotes", "associes"):
        paths += [(key, i) for i in range(len(getattr(fiche, key) or []))]
    return paths


def dump(d: Diagnostic) -> list[Any]:
    return [d.code, d.message, d.line, d.column, d.path, int(d.severity), d.suggestion, d.name]


def _load(item: Any, shown: str) -> Diagnostic:
    code, message, line, column, path, severity, suggestion, name = item
    for text in (code, message, path, name):
        _expect(text, str)
    for number in (line, column, severity):
        _expect(number, int)
    if suggestion is not None:
        _expect(suggestion, str)
    return Diagnostic(
        code, message, shown, line, column, path, Severity(severity), suggestion, None, name
    )


def _expect(value: Any, kind: type) -> None:
    if type(value) is not kind:
        raise TypeError(kind.__name__)


def rebuild(
    entry: dict[str, Any], shown: str
) -> tuple[list[Diagnostic], CachedFiche, PlacedDocument]:
    """L'entrée, vérifiée champ à champ : un champ d'un autre type est une entrée à refaire."""
    _expect(entry["id"], str)
    _expect(entry["axe"], str)
    cout = entry["cout"]
    if cout is not None:
        _expect(cout, list)
        (taxe,) = cout
        if taxe is not None:
            _expect(taxe, str)
    fiche = CachedFiche(
        entry["id"],
        entry["axe"],
        _text_list(entry["liens"]),
        _text_list(entry["pilotes"]),
        _text_list(entry["associes"]),
        None if cout is None else CachedCost(cout[0]),
    )
    places = _places(paths(fiche), entry["places"])
    found = [_load(item, shown) for item in entry["diagnostics"]] if entry["diagnostics"] else []
    document = PlacedDocument(shown, None, suppressions=_suppressions(entry), places=places)
    return found, fiche, document


def _places(keys: list[KeyPath], located: Any) -> dict[KeyPath, list]:
    """Les positions gardées, dans l'ordre des clés que le modèle dit (`paths`, `plan_paths`)."""
    for line, column, key_path in located:
        if type(line) is not int or type(column) is not int or type(key_path) is not str:
            raise TypeError("position")
    if len(keys) != len(located):
        raise ValueError("positions")
    return dict(zip(keys, located, strict=True))


def _text_list(values: Any) -> list[str] | None:
    if values is not None:
        _expect(values, list)
        for value in values:
            _expect(value, str)
    return values


def _suppressions(entry: dict[str, Any]) -> list[Suppression]:
    found: list[Suppression] = []
    if not entry["suppressions"]:
        return found
    for line, column, codes, whole_file in entry["suppressions"]:
        _expect(line, int)
        _expect(column, int)
        _expect(whole_file, bool)
        found.append(Suppression(line, column, tuple(_text_list(codes) or ()), whole_file))
    return found


# ------------------------------------------------------ plan.yaml, pour validate seulement


class CachedAxe(NamedTuple):
    code: str


class CachedLine(NamedTuple):
    libelle: str
    fiches: list[str]


class CachedBudget(NamedTuple):
    lignes: list[CachedLine]


class CachedSource(NamedTuple):
    fichier: str | None


class CachedPlan(NamedTuple):
    """Ce que les contrôles de références lisent de plan.yaml (`references.py`) : les codes
    des axes, les fiches que finance chaque ligne du budget, les fichiers sources (dont
    l'existence est vérifiée à chaque fois). Le linter, qui lit tout le plan, ne s'en sert pas."""

    axes: list[CachedAxe]
    budget: CachedBudget | None
    sources: list[CachedSource]


def plan_paths(plan: Any) -> list[KeyPath]:
    lines = plan.budget.lignes if plan.budget is not None else []
    return [
        *(("axes", i, "code") for i in range(len(plan.axes))),
        *(
            ("budget", "lignes", li, "fiches", i)
            for li, line in enumerate(lines)
            for i in range(len(line.fiches))
        ),
        *(("sources", i, "fichier") for i in range(len(plan.sources))),
    ]


def plan_facts(plan: Any) -> dict[str, Any]:
    budget = plan.budget
    return {
        "axes": [str(axe.code) for axe in plan.axes],
        "budget": None
        if budget is None
        else [[line.libelle, list(line.fiches)] for line in budget.lignes],
        "sources": [source.fichier for source in plan.sources],
    }


def rebuild_plan(
    entry: dict[str, Any], shown: str
) -> tuple[list[Diagnostic], CachedPlan, PlacedDocument]:
    """L'entrée de plan.yaml, vérifiée champ à champ, comme `rebuild` pour une fiche."""
    lines = entry["budget"]
    budget = None
    if lines is not None:
        _expect(lines, list)
        budget = CachedBudget(
            [CachedLine(_text(libelle), _text_list(f) or []) for libelle, f in lines]
        )
    axes = [CachedAxe(_text(code)) for code in _text_list(entry["axes"]) or []]
    sources = []
    for fichier in entry["sources"]:
        sources.append(CachedSource(None if fichier is None else _text(fichier)))
    plan = CachedPlan(axes, budget, sources)
    places = _places(plan_paths(plan), entry["places"])
    found = [_load(item, shown) for item in entry["diagnostics"]]
    return (
        found,
        plan,
        PlacedDocument(shown, None, suppressions=_suppressions(entry), places=places),
    )


def _text(value: Any) -> str:
    _expect(value, str)
    return value
