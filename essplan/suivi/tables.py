"""Le tableau de bord mis en page une fois, en blocs (`budget/layout.py`), que `table` et
`markdown` rendent comme le budget (`budget/text.py`) : un document par plan.

Tout ce qui se lit est décidé ici, une fois pour les deux formats : les statuts par axe, les
actions, ce qui presse (en listes, ou par pilote avec `--by pilote`), les indicateurs, le prévu
face au dépensé. Chiffres et mois en français ; « — » : rien de connu (ni zéro, ni inconnu
compté zéro).
"""

from __future__ import annotations

from .. import french
from ..budget.layout import (
    NONE,
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
    heading,
    money,
)
from ..budget.text import render_markdown, render_text
from ..model.months import Month, month_at
from .dashboard import (
    NO_PILOTE,
    NOT_GIVEN,
    STATUS_KEYS,
    EtapeState,
    FicheStatus,
    PlanDashboard,
    known_figures,
)
from .indicators import IndicatorState
from .spending import YearSpending

SHOWN_IDS = 10


def title(date: Month) -> Heading:
    """Le titre du document (Markdown seulement : le terminal n'en a pas besoin)."""
    return Heading(f"Tableau de bord, {french.month(date)}", 1)


def plan_document(dash: PlanDashboard, by: str = "axe") -> Document:
    """Un plan : `by` range les actions par axe ou par statut, ou ce qui presse par pilote."""
    plan = dash.plan
    doc = Document()
    doc.add(heading(plan, f"tableau de bord, {french.month(dash.date)}"), _about(dash))
    doc.add(_statuts(dash), _actions(dash, "statut" if by == "statut" else "axe"))
    if by == "pilote":
        _by_pilote(doc, dash)
    else:
        doc.add(*_attention_lists(dash))
    doc.add(*_indicateurs(dash))
    _budget(doc, dash)
    return doc


def _about(dash: PlanDashboard) -> Paragraph:
    period = dash.plan.periode
    span = (
        f"période du plan : {french.month(period[0])} à {french.month(period[1])}"
        if period
        else "plan sans période"
    )
    count = len(dash.fiches)
    return Paragraph(f"{span.capitalize()} ; {french.number(count)} action{_s(count)}.")


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def _ids(ids: list[str]) -> str:
    """« 1.2, 2.3 et 2.4 » ; au-delà de dix, « …, 3.1 et 40 autres » : une ligne ne grandit pas
    avec le plan."""
    return (
        french.join(ids) if len(ids) <= SHOWN_IDS else french.shortened(ids[:SHOWN_IDS], len(ids))
    )


def status_label(key: str) -> str:
    """« en cours », « non renseigné » : le statut tel qu'on le dit."""
    return "non renseigné" if key == NOT_GIVEN else french.status(key)


# ------------------------------------------------------------------- statuts et actions


def _statuts(dash: PlanDashboard) -> Table:
    """Une ligne par statut, une colonne par axe (le nombre d'axes reste petit, celui des
    statuts fixe : la table tient dans un terminal)."""
    axes = dash.axes()
    total = len(axes) > 1
    columns = (
        Column("Statut"),
        *(Column(f"{dash.plan.libelle_axe} {axe.code}", right=True) for axe, _ in axes),
        *((Column("Total", right=True),) if total else ()),
    )
    overall = dash.statuts
    rows = [
        Row(
            (
                status_label(key).capitalize(),
                *(french.number(counts[key]) for _, counts in axes),
                *((french.number(overall[key]),) if total else ()),
            )
        )
        for key in STATUS_KEYS
    ]
    sums = [sum(counts.values()) for _, counts in axes]
    rows.append(
        Row(
            ("Total", *map(french.number, sums), *((french.number(sum(sums)),) if total else ())),
            "total",
        )
    )
    return Table(columns, tuple(rows), "Actions par statut")


def _actions(dash: PlanDashboard, by: str) -> Table | Paragraph:
    if not dash.fiches:
        return Paragraph("Aucune action.")
    plan = dash.plan
    columns = (
        Column(plan.libelle_fiche),
        Column("Titre", wide=True),
        Column("Statut"),
        Column("Avancement", right=True),
        Column("Dernier suivi"),
    )
    groups = (
        [(status_label(key).capitalize(), members) for key, members in dash.by_statut()]
        if by == "statut"
        else _by_axe(dash)
    )
    rows = []
    for label, members in groups:
        rows.append(Row((label,), "group"))
        rows += [_action_row(item) for item in members]
    return Table(columns, tuple(rows), "Actions")


def _by_axe(dash: PlanDashboard) -> list[tuple[str, list[FicheStatus]]]:
    groups: dict[str, list[FicheStatus]] = {}
    for item in dash.fiches:  # dans l'ordre du plan : les axes s'y suivent déjà
        groups.setdefault(item.axe, []).append(item)
    return [(dash.plan.axe_label(code), members) for code, members in groups.items()]


def _action_row(item: FicheStatus) -> Row:
    return Row(
        (
            item.id,
            item.titre,
            status_label(item.status_key),
            NONE if item.avancement is None else french.percent(item.avancement),
            french.month(item.dernier_suivi) if item.dernier_suivi else NONE,
        )
    )


# ----------------------------------------------------------------------- ce qui presse


def _horizon(dash: PlanDashboard) -> str:
    """« mars 2023 » : le dernier mois de l'horizon `echeance_proche`."""
    return french.month(month_at(dash.date.index + dash.horizons.echeance_proche))


def _attention_lists(dash: PlanDashboard) -> list[Block]:
    months = dash.horizons.intervalle
    return [
        _listed(
            "En retard (fin passée, ni réalisée ni abandonnée)",
            [(f.id, f.titre, f"fin : {french.month(f.fin)}") for f in dash.en_retard()],
        ),
        _listed(
            f"Sans nouvelles (en cours, aucune entrée de journal depuis plus de {months} mois)",
            [(f.id, f.titre, _news(f)) for f in dash.sans_nouvelles()],
        ),
        _listed(
            f"À échéance (fin d'ici {_horizon(dash)})",
            [(f.id, f.titre, f"fin : {french.month(f.fin)}") for f in dash.a_echeance()],
        ),
        _listed(
            "Étapes en retard (échéance passée, pas faite)", _etape_rows(dash.etapes_en_retard())
        ),
        _listed(
            f"Étapes à échéance (d'ici {_horizon(dash)})", _etape_rows(dash.etapes_a_echeance())
        ),
    ]


def _listed(what: str, rows: list[tuple[str, str, str]]) -> Block:
    if not rows:
        return Paragraph(f"{what} : aucune.")
    columns = (Column(""), Column("", wide=True), Column(""))
    return Table(columns, tuple(Row((a, b, f"({c})")) for a, b, c in rows), what, header=False)


def _etape_rows(etapes: tuple[EtapeState, ...]) -> list[tuple[str, str, str]]:
    return [(e.fiche, e.libelle, f"échéance : {french.month(e.echeance)}") for e in etapes]


def _news(item: FicheStatus) -> str:
    if item.dernier_suivi is not None:
        return f"dernière nouvelle : {french.month(item.dernier_suivi)}"
    return f"aucune entrée de journal ; début : {french.month(item.nouvelles)}"


def attention(item: FicheStatus) -> list[str]:
    """Ce que le pilote doit mettre à jour, une ligne par point, dans l'ordre des listes."""
    points = []
    if item.en_retard:
        points.append(f"en retard : fin prévue en {french.month(item.fin)}")
    if item.sans_nouvelles:
        points.append(f"sans nouvelles ({_news(item)})")
    if item.a_echeance:
        points.append(f"à échéance : fin en {french.month(item.fin)}")
    points += [
        f"étape en retard : {e.libelle} ({french.month(e.echeance)})" for e in item.etapes_en_retard
    ]
    points += [
        f"étape à échéance : {e.libelle} ({french.month(e.echeance)})"
        for e in item.etapes_a_echeance
    ]
    return points


def _by_pilote(doc: Document, dash: PlanDashboard) -> None:
    groups = dash.by_pilote()
    rows: list[Row] = []
    for name, members in groups:
        if members:
            rows.append(Row((name,), "group"))
            rows += [row for item in members for row in _pilote_rows(item)]
    if not rows:
        doc.add(Paragraph(f"À relancer, par pilote : rien en {french.month(dash.date)}."))
        return
    columns = (
        Column(dash.plan.libelle_fiche),
        Column("Titre", wide=True),
        Column("À mettre à jour"),
    )
    doc.add(Heading("À relancer, par pilote", 3), Table(columns, tuple(rows)))
    idle = [name for name, members in groups if not members and name != NO_PILOTE]
    if idle:
        doc.add(Paragraph(f"Rien à relancer : {french.join(idle)}."))


def _pilote_rows(item: FicheStatus) -> list[Row]:
    """La première ligne porte l'action ; les suivantes, ses autres points."""
    points = attention(item)
    return [Row((item.id, item.titre, points[0])), *(Row(("", "", point)) for point in points[1:])]


# ------------------------------------------------------------- indicateurs et budget


def _indicateurs(dash: PlanDashboard) -> list[Block]:
    """Les indicateurs qui ont une valeur ou une cible, en tableau ; les autres, comptés en une
    phrase (les plans livrés en ont des dizaines, tous sans valeur : une table de « — » ne dit
    rien de plus). Le JSON et le CSV les donnent tous."""
    if not dash.indicateurs:
        return [Paragraph("Indicateurs : aucun.")]
    shown = [i for i in dash.indicateurs if i.derniere_valeur is not None or i.cible is not None]
    bare = [i for i in dash.indicateurs if i.derniere_valeur is None and i.cible is None]
    columns = (
        Column(dash.plan.libelle_fiche),
        Column("Indicateur", wide=True),
        Column("Dernière valeur", right=True),
        Column("Année"),
        Column("Cible", right=True),
        Column("Progression", right=True),
    )
    blocks: list[Block] = []
    if shown:
        blocks.append(Table(columns, tuple(map(_indicator_row, shown)), "Indicateurs"))
    if bare:
        ids = list(dict.fromkeys(item.fiche for item in bare))
        what = f"{dash.plan.libelle_fiche.lower()}{_s(len(ids))} {_ids(ids)}"
        blocks.append(
            Paragraph(f"Indicateurs sans valeur ni cible : {french.number(len(bare))} ({what}).")
        )
    return blocks


def _indicator_row(item: IndicatorState) -> Row:
    return Row(
        (
            item.fiche,
            item.libelle,
            measure(item.derniere_valeur, item.unite),
            NONE if item.annee is None else str(item.annee),
            measure(item.cible, item.unite),
            NONE if item.progression is None else french.percent(item.progression),
        )
    )


def measure(value: str | int | float | None, unit: str | None) -> str:
    """« 1 800 heures » ; un texte tel qu'écrit ; « — » sans valeur."""
    if value is None:
        return NONE
    shown = value if isinstance(value, str) else french.number(value)
    # Une espace insécable entre le nombre et son unité : « 1 800 » et « heures » ne se
    # séparent pas en bout de ligne.
    return f"{shown}\u00a0{unit}" if unit and not isinstance(value, str) else shown


def _budget(doc: Document, dash: PlanDashboard) -> None:
    if not dash.budget:
        doc.add(
            Paragraph(
                "Prévu et dépensé : aucune année à comparer (le plan n'a pas de période et aucune"
                " dépense n'est écrite)."
            )
        )
        return
    missing = any(year.non_chiffrees for year in dash.budget)
    columns = (
        Column("Année"),
        Column("Prévu", right=True),
        Column("Dépensé", right=True),
        Column("Écart", right=True),
        *((Column("Sans prévu"),) if missing else ()),
    )
    rows = tuple(_budget_row(year, missing) for year in dash.budget)
    doc.add(
        Heading(f"Prévu et dépensé, par année (jusqu'en {dash.date.annee})", 3),
        Table(columns, rows),
        Paragraph(
            "Prévu : compté comme essplan budget ; dépensé : les depenses des fiches ; écart :"
            " dépensé moins prévu ; « — » : rien de compté ou rien d'écrit"
            + (
                " ; sans prévu : coût inconnu, ambigu ou non daté, jamais compté 0."
                if missing
                else "."
            )
        ),
    )


def _budget_row(year: YearSpending, missing: bool) -> Row:
    return Row(
        (
            str(year.annee),
            *map(money, known_figures(year)),
            *((_ids(list(year.non_chiffrees)),) if missing else ()),
        )
    )


# ------------------------------------------------------------------------ les flux


class TextStream:
    """`table` : un plan après l'autre, séparés par une ligne vide, comme le budget."""

    def __init__(self, date: Month, by: str = "axe") -> None:
        self.date, self.by, self.count = date, by, 0

    def start(self) -> str:
        return ""

    def plan(self, dash: PlanDashboard) -> str:
        self.count += 1
        return ("\n" if self.count > 1 else "") + render_text(plan_document(dash, self.by))

    def end(self) -> str:
        return ""


class MarkdownStream(TextStream):
    """`markdown` : le titre du document, puis chaque plan (titres `##`)."""

    def start(self) -> str:
        return render_markdown(Document([title(self.date)]))

    def plan(self, dash: PlanDashboard) -> str:
        return "\n" + render_markdown(plan_document(dash, self.by))
