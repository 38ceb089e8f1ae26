"""ESS302 suspicious-amount : un montant mal écrit."""

from ..diagnostics import Severity
from ..french import amount, number
from ..lint import FicheContext, fiche_rule


@fiche_rule(
    code="ESS302", name="suspicious-amount", severity=Severity.WARNING,
    summary="Un montant dont les groupes de chiffres ne sont pas des milliers (« 64 0000 »,"
    " « 15 00 »), ou une devise sans nombre (« Aide plafonnée à € »).",
    why="« 64 0000 » peut vouloir dire 64 000 ou 640 000 : un facteur dix sur le budget voté."
    " Un « € » sans nombre est un montant effacé.",
    bad="cout: 64 0000 euros/an",
    good="cout:\n  texte: 64 0000 euros/an   # le texte adopté\n  montant: 64000            # ce que le plan veut dire",
    fix="Écrivez le montant voulu en `cout.montant` (le texte adopté reste dans `cout.texte`),"
    " ou corrigez le texte s'il n'a pas encore été voté.",
)
def check(ctx: FicheContext):
    cout = ctx.fiche.cout
    if cout is None:
        return
    reading = cout.reading
    path = ("cout", "texte") if isinstance(ctx.item.document.data.get("cout"), dict) else ("cout",)
    if reading.odd_grouping:
        retained = f" ; cout.montant retient {amount(cout.montant)}" if cout.montant is not None else ""
        readings = " ou ".join(number(n) for n in candidates(reading.odd_grouping))
        yield ctx.at(path, f"montant suspect « {reading.odd_grouping} » : les chiffres ne sont pas"
                     f" groupés par milliers{retained}",
                     suggestion=f"vouliez-vous dire {readings} ? Écrivez le montant voulu en cout.montant")
    elif reading.currency_without_number:
        yield ctx.at(path, f"devise sans montant : « {cout.texte} »",
                     suggestion="indiquez le montant (par exemple « Aide plafonnée à 5 000 € »)")


def candidates(written: str) -> list[int]:
    """« 64 0000 » → [64 000, 640 000] : groupes ramenés à trois chiffres, puis lecture littérale."""
    groups = written.replace("\u00a0", " ").replace("\u202f", " ").replace(".", " ").split()
    regrouped = int(groups[0] + "".join(g[:3].ljust(3, "0") for g in groups[1:]))
    literal = int("".join(groups))
    return sorted({regrouped, literal})
