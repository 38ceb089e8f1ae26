"""Les blocs d'un document de budget (titres, paragraphes, tableaux, listes) et ce que tous ses
tableaux partagent : les montants en français, « — » pour rien de compté, les marques, le mode
de comptage d'une ligne, les listes de fiches sans montant.

Ce module ne dit pas quoi mettre dans le document (c'est `tables.py`) ni comment l'afficher
(c'est `text.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import french
from .figures import FicheLine, FicheRef, LinePart, PlanInfo

NONE = "—"  # aucune fiche chiffrée dans la case : ni zéro, ni coût inconnu


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1 : le document ; 2 : un plan, le total général ; 3 : une partie (l'enveloppe)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    right: bool = False  # les montants s'alignent à droite
    wide: bool = False  # un titre : coupé dans le texte aligné, entier en Markdown


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    kind: str = ""  # "" ; "group" (un intitulé de groupe, une seule cellule) ; "subtotal" ; "total"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None
    header: bool = True  # une table de liste (id, titre, raison) n'a pas de ligne d'en-tête


@dataclass(frozen=True, slots=True)
class Bullets:
    title: str
    items: tuple[str, ...]


Block = Heading | Paragraph | Table | Bullets


@dataclass(slots=True)
class Document:
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block | None) -> None:
        self.blocks.extend(block for block in blocks if block is not None)


# ------------------------------------------------------------------------------ communs


def money(value: Decimal | None) -> str:
    return NONE if value is None else french.amount(value)


def marked(value: Decimal | None, codes) -> str:
    """« 5 000 € [ESS201] »."""
    return " ".join([money(value), marks_text(codes)]).strip()


def marks_text(codes) -> str:
    return " ".join(f"[{code}]" for code in codes)


def mode_text(line: FicheLine) -> str:
    """« annuel », « ponctuel », « prorata 10/12, mars 2017 à décembre 2017 », « mensuel,
    12 mois », « 5 000 € ponctuel + 2 000 € annuel » ; « HT » ou « TTC » si le texte le dit."""
    if len(line.parts) > 1:
        text = " + ".join(f"{french.amount(p.montant)} {_part_mode(p, line)}" for p in line.parts)
    else:
        text = _part_mode(line.parts[0], line) if line.parts else line.mode
    return f"{text}, {line.taxe}" if line.taxe else text


def _part_mode(part: LinePart, line: FicheLine) -> str:
    if part.mode == "mensuel":
        months = part.mois if part.mois is not None else 12
        span = f", {_span(line)}" if part.mois is not None else ""
        return f"mensuel, {months} × {french.amount(part.unit)}{span}"
    if part.mode != "prorata":
        return part.mode
    return f"prorata {part.mois}/12, {_span(line)}"


def _span(line: FicheLine) -> str:
    assert line.span is not None, "une partie au prorata a toujours ses mois comptés"
    first, last = line.span
    return french.month(first) if first == last else f"{french.month(first)} à {french.month(last)}"


def heading(plan: PlanInfo, what: str) -> Heading:
    return Heading(f"{plan.collectivite} — {plan.id} — {what}", 2)


def counting_line(plan: PlanInfo, prorata: bool) -> Paragraph:
    period = (
        f"période du plan : {french.month(plan.periode[0])} à {french.month(plan.periode[1])}"
        if plan.periode
        else "plan sans période"
    )
    how = "coûts annuels au prorata des mois" if prorata else "coûts annuels comptés en entier"
    return Paragraph(f"{period.capitalize()} ; {how}.")


def legend(budgets, with_years: bool) -> Bullets | None:
    """« [ESS201] 3.1 (2018, 2019 et 2020) : fin supposée… », une entrée par marque."""
    entries: dict[tuple[str, str, str], list[int]] = {}
    for budget in budgets:
        for line in budget.fiches:
            for mark in line.marks:
                entries.setdefault((mark.code, line.id, mark.note), []).append(budget.annee)
    items = tuple(
        f"[{code}] {fiche_id}{f' ({french.join([str(y) for y in years])})' if with_years else ''}"
        f" : {note}"
        for (code, fiche_id, note), years in entries.items()
    )
    return Bullets("Marques", items) if items else None


def refs(
    title: str, items: tuple[FicheRef, ...], years: dict[str, list[int]] | None = None
) -> Table | None:
    """Une liste de fiches sans montant : identifiant, titre, raison (et années)."""
    if not items:
        return None
    rows = tuple(Row((ref.id, ref.titre, f"({_reason(ref, years)})")) for ref in items)
    return Table(
        (
            Column(
                "",
            ),
            Column("", wide=True),
            Column(""),
        ),
        rows,
        title,
        header=False,
    )


def _reason(ref: FicheRef, years: dict[str, list[int]] | None) -> str:
    if not years:
        return ref.raison
    return f"{ref.raison} ; {french.join([str(y) for y in years[ref.id]])}"


def unknown_title(kind: str, year: int | None) -> str:
    when = f" en {year}" if year is not None else ""
    if kind == "non_chiffrees":
        return f"Non chiffrées{when} (coût inconnu : jamais compté comme 0)"
    if kind == "a_preciser":
        return (
            f"À préciser{when} (montant ambigu : jamais compté tant que cout.montant ne le dit pas)"
        )
    if year is None:
        return "Non datées (aucune année ne peut les placer)"
    return f"Non datées (on ne peut pas dire si elles courent en {year})"
