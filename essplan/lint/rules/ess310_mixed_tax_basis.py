"""ESS310 mixed-tax-basis : des coûts HT et TTC dans un même plan."""

from ...diagnostics import Severity
from ...french import shortened
from ..rule import PlanContext, finding_in, plan_rule


@plan_rule(
    code="ESS310",
    name="mixed-tax-basis",
    label="coûts HT et TTC mêlés",
    severity=Severity.WARNING,
    summary="Des coûts écrits hors taxes (« HT ») et d'autres toutes taxes comprises (« TTC »)"
    " dans un même plan : leur total mêle deux bases.",
    why="Un total qui additionne des montants HT et TTC n'est ni l'un ni l'autre : l'écart (la"
    " TVA, 20 % le plus souvent) fausse le budget présenté au conseil.",
    bad="# 1.1 : cout: 10 000 € HT\n# 1.2 : cout: 5 000 € TTC",
    good="# 1.1 : cout: 12 000 € TTC\n# 1.2 : cout: 5 000 € TTC",
    fix="Exprimez tous les coûts du plan sur la même base, et dites laquelle.",
)
def check(ctx: PlanContext):
    bases: dict[str, list] = {}
    for item in ctx.loaded.in_plan_order():
        cout = item.fiche.cout
        if cout is not None and cout.reading.taxe:
            bases.setdefault(cout.reading.taxe, []).append(item)
    if len(bases) < 2:
        return
    minority = min(bases, key=lambda basis: (len(bases[basis]), basis))
    others = [basis for basis in bases if basis != minority]
    ids = [other.fiche.id for basis in others for other in bases[basis]]
    listed = shortened(ids[:SHOWN], len(ids))
    for item in bases[minority]:
        yield finding_in(
            item.document,
            ("cout",),
            f"coût {minority}, quand d'autres fiches du plan sont en {' et '.join(others)}"
            f" ({listed}) : leur total mêle deux bases",
            suggestion="exprimez tous les coûts du plan sur la même base (HT ou TTC)",
        )


SHOWN = 20  # les fiches de l'autre base qu'un message cite, au plus
