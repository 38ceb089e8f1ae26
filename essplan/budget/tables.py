"""Le budget mis en page une fois, en blocs (`layout.py`) que chaque format (`text.py` : texte
aligné, Markdown) rend à sa façon : un plan une année, un plan toutes ses années, le total
général de plusieurs plans.

Tout ce qui se lit — l'ordre des blocs, les intitulés, les montants en français, « — » pour une
case sans rien de chiffré, les marques — est décidé ici, une seule fois pour tous les formats.
"""

from __future__ import annotations

from decimal import Decimal

from .. import french
from .figures import (
    Envelope,
    EnvelopeLine,
    FicheLine,
    Grouping,
    PlanMatrix,
    YearBudget,
    grouped,
    sum_known,
)
from .layout import (
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
    counting_line,
    heading,
    legend,
    marked,
    marks_text,
    mode_text,
    money,
    refs,
    unknown_title,
)
from .plans import GrandTotal

# ---------------------------------------------------------------------------- une année


def title(annee: int | None) -> Heading:
    return Heading(f"Budget {annee}" if annee is not None else "Budget par année", 1)


def plan_blocks(item: YearBudget | PlanMatrix, by: Grouping) -> list[Block]:
    """Les blocs d'un plan : son budget d'une année, ou sa matrice."""
    doc = Document()
    if isinstance(item, YearBudget):
        _year(doc, item, by)
    else:
        _matrix(doc, item, by)
    return doc.blocks


def _year(doc: Document, budget: YearBudget, by: Grouping) -> None:
    doc.add(
        heading(budget.plan, f"budget {budget.annee}"), counting_line(budget.plan, budget.prorata)
    )
    doc.add(
        _fiche_table(budget, by)
        if budget.fiches
        else Paragraph(f"Aucune action chiffrée en {budget.annee}.")
    )
    doc.add(
        legend([budget], with_years=False),
        refs(unknown_title("non_chiffrees", budget.annee), budget.non_chiffrees),
        refs(unknown_title("a_preciser", budget.annee), budget.a_preciser),
        refs(unknown_title("non_datees", budget.annee), budget.non_datees),
    )
    _envelope(doc, budget.enveloppe, budget.annee)


def _fiche_table(budget: YearBudget, by: Grouping) -> Table:
    return _flat_table(budget) if by == "fiche" else _grouped_table(budget, by)


_AMOUNT_COLUMNS = (Column("Montant", right=True), Column("Marques"), Column("Compté"))


def _flat_table(budget: YearBudget) -> Table:
    plan = budget.plan
    columns = (
        Column(plan.libelle_fiche),
        Column(plan.libelle_axe),
        Column("Titre", wide=True),
        *_AMOUNT_COLUMNS,
    )
    rows = [Row((line.id, line.axe, line.titre, *_amount_cells(line))) for line in budget.fiches]
    rows.append(Row(("", "", "Total des actions", french.amount(budget.total), "", ""), "total"))
    return Table(columns, tuple(rows))


def _grouped_table(budget: YearBudget, by: Grouping) -> Table:
    plan = budget.plan
    columns = (Column(plan.libelle_fiche), Column("Titre", wide=True), *_AMOUNT_COLUMNS)
    rows = []
    for subtotal, members in grouped(budget, by):
        rows.append(Row((subtotal.libelle,), "group"))
        rows += [Row((line.id, line.titre, *_amount_cells(line))) for line in members]
        what = f"{plan.libelle_axe.lower()} {subtotal.code}" if by == "axe" else subtotal.code
        rows.append(
            Row(("", f"Sous-total {what}", french.amount(subtotal.montant), "", ""), "subtotal")
        )
    rows.append(Row(("", "Total des actions", french.amount(budget.total), "", ""), "total"))
    return Table(columns, tuple(rows))


def _amount_cells(line: FicheLine) -> tuple[str, str, str]:
    return french.amount(line.montant), marks_text(m.code for m in line.marks), mode_text(line)


def _envelope(doc: Document, envelope: Envelope, year: int) -> None:
    if not envelope.declared:
        doc.add(Paragraph("Enveloppe du plan : aucune ligne (budget.lignes absent)."))
        return
    doc.add(Heading(f"Enveloppe du plan en {year} (jamais additionnée au coût des actions)", 3))
    if envelope.lignes:
        rows = [
            Row((line.libelle, line.section or "", french.amount(line.montant)))
            for line in envelope.lignes
        ]
        rows += [
            Row((s.libelle, "", french.amount(s.montant)), "subtotal") for s in envelope.sections
        ]
        rows.append(Row(("Total de l'enveloppe", "", french.amount(envelope.total)), "total"))
        doc.add(Table(_ENVELOPE_COLUMNS, tuple(rows)))
    else:
        doc.add(
            Paragraph(
                f"{year} est hors de la période du plan : aucune ligne annuelle comptée, 0 €."
            )
        )
    doc.add(_one_offs(envelope.ponctuelles))


_ENVELOPE_COLUMNS = (Column("Ligne", wide=True), Column("Section"), Column("Montant", right=True))


def _one_offs(lines: tuple[EnvelopeLine, ...]) -> Table | None:
    if not lines:
        return None
    rows = tuple(
        Row((line.libelle, line.section or "", french.amount(line.montant))) for line in lines
    )
    return Table(_ENVELOPE_COLUMNS, rows, "Ponctuel (non annualisé, hors des totaux annuels)")


# -------------------------------------------------------------------------- la matrice


def _matrix(doc: Document, matrix: PlanMatrix, by: Grouping) -> None:
    plan = matrix.plan
    doc.add(heading(plan, _years_title(matrix.annees)), counting_line(plan, matrix.prorata))
    if not matrix.annees:
        doc.add(
            Paragraph(
                "Aucune année à chiffrer : le plan n'a pas de période et aucune action n'est datée."
            )
        )
    else:
        doc.add(_matrix_table(matrix, by))
    unclear_years = _years_of(matrix, "a_preciser")
    doc.add(
        legend(matrix.year_budgets, with_years=True),
        refs(unknown_title("a_preciser", None), matrix.a_preciser, unclear_years),
        refs(unknown_title("non_datees", None), matrix.non_datees),
    )
    _matrix_envelope(doc, matrix)


def _years_title(years: tuple[int, ...]) -> str:
    if not years:
        return "budget par année"
    return (
        f"budget par année ({years[0]} à {years[-1]})" if len(years) > 1 else f"budget {years[0]}"
    )


def _years_of(matrix: PlanMatrix, kind: str) -> dict[str, list[int]]:
    years: dict[str, list[int]] = {}
    for year in matrix.year_budgets:
        for ref in getattr(year, kind):
            years.setdefault(ref.id, []).append(year.annee)
    return years


def _year_columns(first: str, years: tuple[int, ...]) -> tuple[Column, ...]:
    total = (Column("Total", right=True),) if len(years) > 1 else ()
    return (Column(first, wide=True), *(Column(str(y), right=True) for y in years), *total)


def _with_total(cells: list[str], total: str, years: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(cells + [total]) if len(years) > 1 else tuple(cells)


def _matrix_table(matrix: PlanMatrix, by: Grouping) -> Table:
    first = {
        "axe": matrix.plan.libelle_axe,
        "fiche": matrix.plan.libelle_fiche,
        "section": "Section",
    }[by]
    years = matrix.annees
    rows = []
    for row in matrix.rows(by):
        label = row.libelle if by != "fiche" else f"{row.code} {row.libelle}"
        cells = [marked(a, codes) for a, codes in zip(row.montants, row.marks, strict=True)]
        rows.append(Row(_with_total([label, *cells], money(row.total), years)))
    rows.append(
        Row(
            _with_total(
                ["Total des actions", *map(money, matrix.shown_totals)],
                money(matrix.period_total),
                years,
            ),
            "total",
        )
    )
    counts = [("Non chiffrées (nombre)", matrix.uncosted_counts, "non_chiffrees")]
    if matrix.a_preciser:
        counts.append(("À préciser (nombre)", matrix.unclear_counts, "a_preciser"))
    counts.append(("Non datées (nombre)", matrix.undated_counts, "non_datees"))
    for label, values, kind in counts:
        rows.append(Row(_with_total([label, *map(str, values)], str(matrix.distinct(kind)), years)))
    return Table(_year_columns(first, years), tuple(rows))


def _matrix_envelope(doc: Document, matrix: PlanMatrix) -> None:
    if not matrix.lignes_enveloppe:
        doc.add(Paragraph("Enveloppe du plan : aucune ligne (budget.lignes absent)."))
        return
    doc.add(Heading("Enveloppe du plan, par année (jamais additionnée au coût des actions)", 3))
    rows = matrix.envelope_rows()
    years = matrix.annees
    if rows and years:
        body = [
            Row(_with_total([r.libelle, *map(money, r.montants)], money(r.total), years))
            for r in rows
        ]
        body.append(
            Row(
                _with_total(
                    ["Total de l'enveloppe", *map(money, matrix.shown_envelope_totals)],
                    money(matrix.envelope_period_total),
                    years,
                ),
                "total",
            )
        )
        doc.add(Table(_year_columns("Section", years), tuple(body)))
    elif rows:  # plan sans année : les montants annuels, sans colonnes
        doc.add(
            Table(
                (
                    Column("Ligne", wide=True),
                    Column("Section"),
                    Column("Montant annuel", right=True),
                ),
                tuple(
                    Row((line.libelle, line.section or "", f"{french.amount(line.montant)} par an"))
                    for line in matrix.annuelles
                ),
            )
        )
    doc.add(_one_offs(matrix.ponctuelles))


# ---------------------------------------------------------------------- plusieurs plans


def grand_total_blocks(total: GrandTotal) -> list[Block]:
    """Le total général, s'il y a plusieurs plans."""
    if total.plans < 2:
        return []
    rows: list[Row] = []
    sums: tuple[list[Decimal | None], list[Decimal | None]] = ([], [])
    for year, totals in total.grand_totals().items():
        cells = [
            amount if counted else None
            for amount, counted in zip(totals, total.counted(year), strict=True)
        ]
        for column, cell in zip(sums, cells, strict=True):
            column.append(cell)
        rows.append(Row((str(year), *map(money, cells))))
    if len(rows) > 1:
        rows.append(Row(("Total", *(money(sum_known(c)) for c in sums)), "total"))
    return [
        Heading(f"Total général, {total.plans} plans", 2),
        Paragraph("Actions et enveloppes ne s'additionnent pas."),
        Table(
            (Column("Année"), Column("Actions", right=True), Column("Enveloppes", right=True)),
            tuple(rows),
        ),
    ]
