"""Mettre en forme le budget : une fonction par format, qui prend les données et rend un texte.

- `table` : colonnes alignées en texte brut, sans couleur (terminal, journal de CI) ;
- `markdown` : titres et tableaux à barres verticales (GitHub, GitLab, Pandoc) ;
- `csv` : une ligne par fiche, ligne d'enveloppe, non chiffrée ou non datée, nombres simples ;
- `json` : la forme décrite dans le README (clés `plan`, `annee`, `fiches`, `total_fiches`…).

Montants en français (« 62 500 € ») pour `table` et `markdown`, nombres simples (point décimal,
deux décimales au plus) et mois ISO pour `csv` et `json`. `--by` (axe, fiche, section) ne change
que `table` et `markdown` : `csv` et `json` portent déjà l'axe et la section de chaque fiche.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

from . import french
from .budget import (
    CENT, BudgetReport, Envelope, EnvelopeLine, FicheLine, FicheRef, Grouping, Mark, PlanInfo,
    PlanMatrix, YearBudget, grouped,
)

TITLE_WIDTH = 60  # un titre de fiche plus long est coupé dans `table` (il reste entier ailleurs)
LABEL_WIDTH = 100
NONE = "—"  # aucune fiche chiffrée dans la case : ni zéro, ni coût inconnu
# Les blancs ordinaires seulement : `str.split()` couperait aussi les espaces insécables des
# montants français (« 62 500 € ») et la typographie des titres.
_BLANKS = re.compile(r"[ \t\r\n]+")


# ------------------------------------------------------------------------------ communs


def plain(value: Decimal) -> int | float:
    """Un montant pour json : entier s'il tombe juste, sinon deux décimales."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(CENT))


def plain_text(value: Decimal | None) -> str:
    """Un montant pour csv : « 62500 », « 2916.67 » ; vide s'il est inconnu."""
    return "" if value is None else str(plain(value))


def one_line(text: str) -> str:
    return _BLANKS.sub(" ", str(text)).strip()


def shorten(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def mode_text(line: FicheLine) -> str:
    """« annuel », « ponctuel », « prorata 10/12, mars 2017 à décembre 2017 »."""
    if line.mode != "prorata":
        return line.mode
    first, last = line.months
    span = french.month(first) if line.mois == 1 else f"{french.month(first)} à {french.month(last)}"
    return f"prorata {line.mois}/12, {span}"


def marks_text(codes) -> str:
    return " ".join(f"[{code}]" for code in codes)


def heading(plan: PlanInfo, what: str) -> str:
    return f"{plan.collectivite} — {plan.id} — {what}"


def counting_line(plan: PlanInfo, prorata: bool) -> str:
    period = (f"période du plan : {french.month(plan.periode[0])} à {french.month(plan.periode[1])}"
              if plan.periode else "plan sans période")
    how = "coûts annuels au prorata des mois" if prorata else "coûts annuels comptés en entier"
    return f"{period.capitalize()} ; {how}."


def legend(entries: dict[tuple[str, str, str], list[int]], with_years: bool) -> list[str]:
    """(code, fiche, note) → années : « [ESS201] 3.1 (2018, 2019 et 2020) : fin supposée… »."""
    lines = []
    for (code, fiche_id, note), years in entries.items():
        when = f" ({french.join([str(y) for y in years])})" if with_years else ""
        lines.append(f"[{code}] {fiche_id}{when} : {note}")
    return lines


def year_marks(budgets) -> dict[tuple[str, str, str], list[int]]:
    entries: dict[tuple[str, str, str], list[int]] = {}
    for budget in budgets:
        for line in budget.fiches:
            for mark in line.marks:
                entries.setdefault((mark.code, line.id, mark.note), []).append(budget.annee)
    return entries


def group_title(plan: PlanInfo, by: Grouping, code: str) -> str:
    """« défi 2 », « investissement » : ce qu'on écrit après « Sous-total »."""
    return f"{plan.libelle_axe.lower()} {code}" if by == "axe" else code


def unknown_title(kind: str, year: int | None) -> str:
    when = f" en {year}" if year is not None else ""
    if kind == "non_chiffrees":
        return f"Non chiffrées{when} (coût inconnu : jamais compté comme 0)"
    if year is None:
        return "Non datées (aucune année ne peut les placer)"
    return f"Non datées (on ne peut pas dire si elles courent en {year})"


# --------------------------------------------------------------------------------- table


def aligned(rows: list, right: set[int], indent: str = "  ") -> list[str]:
    """Aligne les lignes de cellules ; une ligne texte (str) passe telle quelle. Les colonnes
    entièrement vides disparaissent."""
    cells = [row for row in rows if not isinstance(row, str)]
    if not cells:
        return list(rows)
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    kept = [i for i, width in enumerate(widths) if width]
    out = []
    for row in rows:
        if isinstance(row, str):
            out.append(row)
            continue
        parts = [row[i].rjust(widths[i]) if i in right else row[i].ljust(widths[i]) for i in kept]
        out.append((indent + "  ".join(parts)).rstrip())
    return out


def table(report: BudgetReport, by: Grouping = "axe") -> str:
    blocks = [(_year_table(p, by) if report.annee is not None else _matrix_table(p, by))
              for p in report.plans]
    if len(report.plans) > 1:
        blocks.append(_grand_total_table(report))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n" if blocks else ""


def _year_table(budget: YearBudget, by: Grouping) -> list[str]:
    lines = [heading(budget.plan, f"budget {budget.annee}"), counting_line(budget.plan, budget.prorata), ""]
    lines += _fiche_rows_table(budget, by)
    marks = legend(year_marks([budget]), with_years=False)
    if marks:
        lines += ["", "Marques :", *(f"  {mark}" for mark in marks)]
    lines += _refs_table(unknown_title("non_chiffrees", budget.annee), budget.non_chiffrees)
    lines += _refs_table(unknown_title("non_datees", budget.annee), budget.non_datees)
    return lines + ["", *_envelope_table(budget.enveloppe, budget.annee)]


def _fiche_rows_table(budget: YearBudget, by: Grouping) -> list[str]:
    if not budget.fiches:
        return [f"Aucune action chiffrée en {budget.annee}."]
    plan = budget.plan
    if by == "fiche":
        rows: list = [[plan.libelle_fiche, plan.libelle_axe, "Titre", "Montant", "", "Compté"]]
        rows += [_line_cells(line, with_axe=True) for line in budget.fiches]
        return aligned(rows + [["", "", "Total des actions", french.amount(budget.total), "", ""]], {3})
    rows = [[plan.libelle_fiche, "Titre", "Montant", "", "Compté"]]
    for subtotal, members in grouped(budget, by):
        rows.append(shorten(subtotal.libelle, LABEL_WIDTH))
        rows += [_line_cells(line) for line in members]
        rows.append(["", f"Sous-total {group_title(plan, by, subtotal.code)}",
                     french.amount(subtotal.montant), "", ""])
    return aligned(rows + [["", "Total des actions", french.amount(budget.total), "", ""]], {2})


def _line_cells(line: FicheLine, with_axe: bool = False) -> list[str]:
    head = [line.id, line.axe] if with_axe else [line.id]
    return head + [shorten(line.titre, TITLE_WIDTH), french.amount(line.montant),
                   marks_text(m.code for m in line.marks), mode_text(line)]


def _refs_table(title: str, refs: tuple[FicheRef, ...]) -> list[str]:
    if not refs:
        return []
    rows = [[ref.id, shorten(ref.titre, TITLE_WIDTH), f"({ref.raison})"] for ref in refs]
    return ["", f"{title} :", *aligned(rows, set())]


def _envelope_table(envelope: Envelope, year: int) -> list[str]:
    if not envelope.declared:
        return ["Enveloppe du plan : aucune ligne (budget.lignes absent)."]
    lines = [f"Enveloppe du plan en {year} (jamais additionnée au coût des actions) :"]
    if envelope.lignes:
        rows: list = [[shorten(l.libelle, TITLE_WIDTH), l.section or "", french.amount(l.montant)]
                      for l in envelope.lignes]
        rows += [[s.libelle, "", french.amount(s.montant)] for s in envelope.sections]
        lines += aligned(rows + [["Total de l'enveloppe", "", french.amount(envelope.total)]], {2})
    else:
        lines.append(f"  {_outside_period(year)}")
    return lines + _one_off_table(envelope.ponctuelles)


def _outside_period(year: int) -> str:
    return f"{year} est hors de la période du plan : aucune ligne annuelle comptée, 0 €."


def _one_off_table(one_offs: tuple[EnvelopeLine, ...]) -> list[str]:
    if not one_offs:
        return []
    rows = [[shorten(l.libelle, TITLE_WIDTH), l.section or "", french.amount(l.montant)] for l in one_offs]
    return ["Ponctuel (non annualisé, hors des totaux annuels) :", *aligned(rows, {2})]


def _matrix_table(matrix: PlanMatrix, by: Grouping) -> list[str]:
    plan = matrix.plan
    lines = [heading(plan, _years_title(matrix.annees)), counting_line(plan, matrix.prorata), ""]
    if not matrix.annees:
        lines.append("Aucune année à chiffrer : le plan n'a pas de période et aucune action n'est datée.")
    else:
        lines += aligned(_matrix_rows(matrix, by), _amount_columns(matrix.annees))
    marks = legend(year_marks(matrix.years), with_years=True)
    if marks:
        lines += ["", "Marques :", *(f"  {mark}" for mark in marks)]
    lines += _refs_table(unknown_title("non_datees", None), matrix.non_datees)
    return lines + ["", *_matrix_envelope_table(matrix)]


def _years_title(years: tuple[int, ...]) -> str:
    if not years:
        return "budget par année"
    return f"budget par année ({years[0]} à {years[-1]})" if len(years) > 1 else f"budget {years[0]}"


def _amount_columns(years) -> set[int]:
    return {1 + 2 * i for i in range(len(years))}


def _matrix_rows(matrix: PlanMatrix, by: Grouping) -> list:
    first = {"axe": matrix.plan.libelle_axe, "fiche": matrix.plan.libelle_fiche, "section": "Section"}[by]
    rows: list = [[first] + [cell for year in matrix.annees for cell in (str(year), "")]]
    for row in matrix.rows(by):
        label = row.libelle if by != "fiche" else f"{row.code} {row.libelle}"
        rows.append([shorten(label, TITLE_WIDTH)] + _amount_cells(row.montants, row.marks))
    rows.append(["Total des actions"] + _amount_cells(_or_none(matrix.totals, matrix.costed)))
    rows.append(["Non chiffrées (nombre)"] + _count_cells(matrix.uncosted_counts))
    rows.append(["Non datées (nombre)"] + _count_cells(matrix.undated_counts))
    return rows


def _amount_cells(amounts, marks=None) -> list[str]:
    marks = marks or [()] * len(amounts)
    return [cell for amount, codes in zip(amounts, marks)
            for cell in (NONE if amount is None else french.amount(amount), marks_text(codes))]


def _count_cells(counts) -> list[str]:
    return [cell for count in counts for cell in (str(count), "")]


def _matrix_envelope_table(matrix: PlanMatrix) -> list[str]:
    if not matrix.lignes_enveloppe:
        return ["Enveloppe du plan : aucune ligne (budget.lignes absent)."]
    lines = ["Enveloppe du plan, par année (jamais additionnée au coût des actions) :"]
    rows = matrix.envelope_rows()
    if rows and matrix.annees:
        table_rows: list = [["Section"] + [c for y in matrix.annees for c in (str(y), "")]]
        table_rows += [[row.libelle] + _amount_cells(row.montants) for row in rows]
        table_rows.append(["Total de l'enveloppe"] + _amount_cells(matrix.envelope_totals))
        lines += aligned(table_rows, _amount_columns(matrix.annees))
    elif rows:  # plan sans année : les montants annuels, sans colonnes
        lines += aligned([[shorten(l.libelle, TITLE_WIDTH), l.section or "",
                           f"{french.amount(l.montant)} par an"] for l in matrix.annuelles], {2})
    return lines + _one_off_table(matrix.ponctuelles)


def _or_none(amounts, counted) -> list[Decimal | None]:
    return [amount if flag else None for amount, flag in zip(amounts, counted)]


def _grand_total_rows(report: BudgetReport) -> list[list[str]]:
    rows = []
    for year, totals in report.grand_totals().items():
        cells = _or_none(totals, report.counted(year))
        rows.append([str(year), *(NONE if c is None else french.amount(c) for c in cells)])
    return rows


def _grand_total_table(report: BudgetReport) -> list[str]:
    rows: list = [["Année", "Actions", "Enveloppes"]]
    rows += _grand_total_rows(report)
    title = f"Total général, {len(report.plans)} plans (actions et enveloppes ne s'additionnent pas) :"
    return [title, *aligned(rows, {1, 2})]


# ------------------------------------------------------------------------------ markdown


def md(text: str) -> str:
    """Une cellule de tableau Markdown : une ligne, barres verticales échappées."""
    return one_line(text).replace("|", "\\|")


def md_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return [f"| {' | '.join(md(c) for c in row)} |" for row in [header]] + [
        f"|{'|'.join(rule)}|"] + [f"| {' | '.join(md(c) for c in row)} |" for row in rows]


def markdown(report: BudgetReport, by: Grouping = "axe") -> str:
    title = f"# Budget {report.annee}" if report.annee is not None else "# Budget par année"
    blocks = [[title]]
    blocks += [(_year_markdown(p, by) if report.annee is not None else _matrix_markdown(p, by))
               for p in report.plans]
    if len(report.plans) > 1:
        blocks.append(_grand_total_markdown(report))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _year_markdown(budget: YearBudget, by: Grouping) -> list[str]:
    lines = [f"## {heading(budget.plan, f'budget {budget.annee}')}", "",
             counting_line(budget.plan, budget.prorata), ""]
    lines += _fiche_rows_markdown(budget, by)
    lines += _legend_markdown(legend(year_marks([budget]), with_years=False))
    lines += _refs_markdown(unknown_title("non_chiffrees", budget.annee), budget.non_chiffrees)
    lines += _refs_markdown(unknown_title("non_datees", budget.annee), budget.non_datees)
    return lines + ["", *_envelope_markdown(budget.enveloppe, budget.annee)]


def _money_md(amount: Decimal, marks: tuple[Mark, ...] = ()) -> str:
    return " ".join([french.amount(amount), marks_text(m.code for m in marks)]).strip()


def _fiche_rows_markdown(budget: YearBudget, by: Grouping) -> list[str]:
    if not budget.fiches:
        return [f"Aucune action chiffrée en {budget.annee}."]
    plan = budget.plan
    if by == "fiche":
        rows = [[l.id, l.axe, l.titre, _money_md(l.montant, l.marks), mode_text(l)] for l in budget.fiches]
        rows.append(["", "", "**Total des actions**", f"**{french.amount(budget.total)}**", ""])
        return md_table([plan.libelle_fiche, plan.libelle_axe, "Titre", "Montant", "Compté"], rows, {3})
    rows = []
    for subtotal, members in grouped(budget, by):
        rows.append([f"**{subtotal.libelle}**", "", "", ""])
        rows += [[l.id, l.titre, _money_md(l.montant, l.marks), mode_text(l)] for l in members]
        rows.append(["", f"*Sous-total {group_title(plan, by, subtotal.code)}*",
                     f"*{french.amount(subtotal.montant)}*", ""])
    rows.append(["", "**Total des actions**", f"**{french.amount(budget.total)}**", ""])
    return md_table([plan.libelle_fiche, "Titre", "Montant", "Compté"], rows, {2})


def _legend_markdown(marks: list[str]) -> list[str]:
    return ["", "Marques :", "", *(f"- {mark}" for mark in marks)] if marks else []


def _refs_markdown(title: str, refs: tuple[FicheRef, ...]) -> list[str]:
    if not refs:
        return []
    return ["", f"**{title}** :", "", *(f"- {ref.id} — {md(ref.titre)} ({ref.raison})" for ref in refs)]


def _envelope_markdown(envelope: Envelope, year: int) -> list[str]:
    if not envelope.declared:
        return ["Enveloppe du plan : aucune ligne (budget.lignes absent)."]
    lines = [f"### Enveloppe du plan en {year}", "", "Jamais additionnée au coût des actions.", ""]
    if not envelope.lignes:
        return lines + [_outside_period(year)] + _one_off_markdown(envelope.ponctuelles)
    rows = [[l.libelle, l.section or "", french.amount(l.montant)] for l in envelope.lignes]
    rows += [[f"*{s.libelle}*", "", f"*{french.amount(s.montant)}*"] for s in envelope.sections]
    rows.append(["**Total de l'enveloppe**", "", f"**{french.amount(envelope.total)}**"])
    lines += md_table(["Ligne", "Section", "Montant"], rows, {2})
    return lines + _one_off_markdown(envelope.ponctuelles)


def _one_off_markdown(one_offs: tuple[EnvelopeLine, ...]) -> list[str]:
    if not one_offs:
        return []
    rows = [[l.libelle, l.section or "", french.amount(l.montant)] for l in one_offs]
    return ["", "Ponctuel (non annualisé, hors des totaux annuels) :", "",
            *md_table(["Ligne", "Section", "Montant"], rows, {2})]


def _matrix_markdown(matrix: PlanMatrix, by: Grouping) -> list[str]:
    plan = matrix.plan
    lines = [f"## {heading(plan, _years_title(matrix.annees))}", "", counting_line(plan, matrix.prorata), ""]
    if not matrix.annees:
        lines.append("Aucune année à chiffrer : le plan n'a pas de période et aucune action n'est datée.")
    else:
        lines += _matrix_rows_markdown(matrix, by)
    lines += _legend_markdown(legend(year_marks(matrix.years), with_years=True))
    lines += _refs_markdown(unknown_title("non_datees", None), matrix.non_datees)
    return lines + ["", *_matrix_envelope_markdown(matrix)]


def _md_cells(amounts, marks=None) -> list[str]:
    marks = marks or [()] * len(amounts)
    return [NONE if a is None else " ".join([french.amount(a), marks_text(c)]).strip()
            for a, c in zip(amounts, marks)]


def _matrix_rows_markdown(matrix: PlanMatrix, by: Grouping) -> list[str]:
    first = {"axe": matrix.plan.libelle_axe, "fiche": matrix.plan.libelle_fiche, "section": "Section"}[by]
    rows = [[row.libelle if by != "fiche" else f"{row.code} {row.libelle}"]
            + _md_cells(row.montants, row.marks) for row in matrix.rows(by)]
    rows.append(["**Total des actions**"]
                + [f"**{c}**" for c in _md_cells(_or_none(matrix.totals, matrix.costed))])
    rows.append(["Non chiffrées (nombre)"] + [str(c) for c in matrix.uncosted_counts])
    rows.append(["Non datées (nombre)"] + [str(c) for c in matrix.undated_counts])
    years = [str(y) for y in matrix.annees]
    return md_table([first, *years], rows, set(range(1, len(years) + 1)))


def _matrix_envelope_markdown(matrix: PlanMatrix) -> list[str]:
    if not matrix.lignes_enveloppe:
        return ["Enveloppe du plan : aucune ligne (budget.lignes absent)."]
    lines = ["### Enveloppe du plan, par année", "", "Jamais additionnée au coût des actions.", ""]
    rows = matrix.envelope_rows()
    if rows and matrix.annees:
        body = [[row.libelle] + _md_cells(row.montants) for row in rows]
        body.append(["**Total de l'enveloppe**"] + [f"**{c}**" for c in _md_cells(matrix.envelope_totals)])
        years = [str(y) for y in matrix.annees]
        lines += md_table(["Section", *years], body, set(range(1, len(years) + 1)))
    elif rows:  # plan sans année : les montants annuels, sans colonnes
        lines += md_table(["Ligne", "Section", "Montant annuel"], [
            [l.libelle, l.section or "", french.amount(l.montant)] for l in matrix.annuelles], {2})
    return lines + _one_off_markdown(matrix.ponctuelles)


def _grand_total_markdown(report: BudgetReport) -> list[str]:
    rows = _grand_total_rows(report)
    return [f"## Total général, {len(report.plans)} plans", "",
            "Actions et enveloppes ne s'additionnent pas.", "",
            *md_table(["Année", "Actions", "Enveloppes"], rows, {1, 2})]


# ----------------------------------------------------------------------------------- csv

CSV_COLUMNS = ["plan", "annee", "rubrique", "id", "axe", "libelle", "section", "montant", "mode",
               "mois", "du", "au", "debut", "fin", "marques", "raison"]


def csv_text(report: BudgetReport, by: Grouping = "axe") -> str:
    """Une ligne par fiche comptée, non chiffrée ou non datée, et par ligne d'enveloppe, pour
    chaque année ; pas de ligne de total (une somme de colonne les compterait deux fois)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in report.plans:
        budgets = (item,) if report.annee is not None else item.years
        for budget in budgets:
            writer.writerows(_csv_year(budget))
        one_offs = item.enveloppe.ponctuelles if report.annee is not None else item.ponctuelles
        writer.writerows(_csv_envelope(item.plan.id, "", "enveloppe_ponctuelle", l) for l in one_offs)
    return out.getvalue()


def _csv_year(budget: YearBudget) -> list[dict]:
    plan, year = budget.plan.id, str(budget.annee)
    rows = [_csv_fiche(plan, year, line) for line in budget.fiches]
    rows += [_csv_ref(plan, year, "non_chiffree", ref) for ref in budget.non_chiffrees]
    rows += [_csv_ref(plan, year, "non_datee", ref) for ref in budget.non_datees]
    return rows + [_csv_envelope(plan, year, "enveloppe", l) for l in budget.enveloppe.lignes]


def _csv_fiche(plan: str, year: str, line: FicheLine) -> dict:
    return {
        "plan": plan, "annee": year, "rubrique": "fiche", "id": line.id, "axe": line.axe,
        "libelle": line.titre, "section": line.section or "", "montant": plain_text(line.montant),
        "mode": line.mode, "mois": line.mois or "",
        "du": line.months[0].iso if line.months else "", "au": line.months[1].iso if line.months else "",
        "debut": _iso(line.debut), "fin": _iso(line.fin),
        "marques": ";".join(mark.code for mark in line.marks), "raison": "",
    }


def _csv_ref(plan: str, year: str, kind: str, ref: FicheRef) -> dict:
    return {"plan": plan, "annee": year, "rubrique": kind, "id": ref.id, "axe": ref.axe,
            "libelle": ref.titre, "raison": ref.raison}


def _csv_envelope(plan: str, year: str, kind: str, line: EnvelopeLine) -> dict:
    return {"plan": plan, "annee": year, "rubrique": kind, "libelle": line.libelle,
            "section": line.section or "", "montant": plain_text(line.montant),
            "mode": line.periodicite or ""}


def _iso(month) -> str:
    return month.iso if month is not None and month.known else ""


# ---------------------------------------------------------------------------------- json


def json_text(report: BudgetReport, by: Grouping = "axe") -> str:
    totals = report.grand_totals()
    if report.annee is not None:
        fiches, envelope = totals[report.annee]
        document = {"annee": report.annee, "prorata": report.prorata, "total_fiches": plain(fiches),
                    "total_enveloppe": plain(envelope), "plans": [_json_year(p) for p in report.plans]}
    else:
        document = {"annee": None, "prorata": report.prorata, "annees": list(report.annees),
                    "total_fiches": {str(y): plain(t[0]) for y, t in totals.items()},
                    "total_enveloppe": {str(y): plain(t[1]) for y, t in totals.items()},
                    "plans": [_json_matrix(p) for p in report.plans]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_year(budget: YearBudget) -> dict:
    envelope = budget.enveloppe
    return {
        "plan": budget.plan.id, "collectivite": budget.plan.collectivite, "annee": budget.annee,
        "fiches": [_json_line(line) for line in budget.fiches],
        "axes": [{"axe": s.code, "titre": budget.plan.axe_title(s.code), "montant": plain(s.montant)}
                 for s in budget.axes],
        "total_fiches": plain(budget.total),
        "non_chiffrees": [ref.id for ref in budget.non_chiffrees],
        "non_datees": [ref.id for ref in budget.non_datees],
        "enveloppe": [_json_envelope(l) for l in envelope.lignes],
        "enveloppe_sections": {s.code or "non_precisee": plain(s.montant) for s in envelope.sections},
        "enveloppe_ponctuelle": [_json_envelope(l) for l in envelope.ponctuelles],
        "total_enveloppe": plain(envelope.total),
    }


def _json_line(line: FicheLine) -> dict:
    return {
        "id": line.id, "axe": line.axe, "titre": line.titre, "montant": plain(line.montant),
        "mode": line.mode, "mois": line.mois,
        "du": line.months[0].iso if line.months else None,
        "au": line.months[1].iso if line.months else None,
        "debut": _iso(line.debut) or None, "fin": _iso(line.fin) or None, "section": line.section,
        "marques": [{"code": mark.code, "note": mark.note} for mark in line.marks],
    }


def _json_envelope(line: EnvelopeLine) -> dict:
    return {"libelle": line.libelle, "section": line.section, "montant": plain(line.montant)}


def _json_matrix(matrix: PlanMatrix) -> dict:
    years = [str(y) for y in matrix.annees]

    def per_year(values) -> dict:
        return dict(zip(years, values))

    return {
        "plan": matrix.plan.id, "collectivite": matrix.plan.collectivite, "annee": None,
        "annees": list(matrix.annees),
        "axes": [{"axe": row.code, "titre": matrix.plan.axe_title(row.code),
                  "montants": per_year(None if a is None else plain(a) for a in row.montants),
                  "marques": {y: list(c) for y, c in zip(years, row.marks) if c}}
                 for row in matrix.rows("axe")],
        "total_fiches": per_year(plain(t) for t in matrix.totals),
        "non_chiffrees": per_year([r.id for r in y.non_chiffrees] for y in matrix.years),
        "nombre_non_chiffrees": per_year(matrix.uncosted_counts),
        "non_datees": per_year([r.id for r in y.non_datees] for y in matrix.years),
        "nombre_non_datees": per_year(matrix.undated_counts),
        "enveloppe": [{"libelle": l.libelle, "section": l.section,
                       "montants": per_year(plain(l.montant) if l in y.enveloppe.lignes else 0
                                            for y in matrix.years)}
                      for l in matrix.annuelles],
        "enveloppe_ponctuelle": [_json_envelope(l) for l in matrix.ponctuelles],
        "total_enveloppe": per_year(plain(t) for t in matrix.envelope_totals),
    }


FORMATS = {"table": table, "markdown": markdown, "csv": csv_text, "json": json_text}
