"""ESS301 unbudgeted-cost : un coût inconnu."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS301",
    name="unbudgeted-cost",
    label="coût non chiffré",
    severity=Severity.WARNING,
    summary="Le coût d'une action est inconnu : « ??? … », vide, absent, ou une devise sans"
    " montant.",
    why="Un coût inconnu n'est jamais compté comme zéro : l'action est « non chiffrée » dans le"
    " budget, et le total de l'année est incomplet tant qu'elle l'est.",
    bad='cout: "??? participation SCIC et subventions"',
    good='cout: "20 000 euros/an"',
    fix="Chiffrez l'action, ou écrivez « Néant » si elle ne coûte rien.",
)
def check(ctx: FicheContext):
    cout = ctx.fiche.cout
    if cout is None:
        yield ctx.at(("cout",), f"la fiche « {ctx.fiche.id} » n'a pas de coût indicatif")
    elif not cout.known and not cout.ambiguous:  # un montant ambigu relève d'ESS302 et ESS309
        shown = (cout.texte or "").strip()
        yield ctx.at(("cout",), f"coût inconnu (« {shown} »)" if shown else "coût indicatif vide")
