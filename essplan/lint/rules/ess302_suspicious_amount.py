"""ESS302 suspicious-amount : un montant mal écrit."""

from ...diagnostics import Severity
from ..rule import FicheContext, fiche_rule


@fiche_rule(
    code="ESS302",
    name="suspicious-amount",
    label="montant suspect",
    severity=Severity.WARNING,
    summary="Un montant dont les groupes de chiffres ne sont pas des milliers (« 64 0000 »,"
    " « 15 00 »), ou une devise sans nombre (« Aide plafonnée à € »). Sans `cout.montant`, un tel"
    " montant n'est pas compté : le budget le range parmi les montants à préciser.",
    why="« 64 0000 » peut vouloir dire 64 000 ou 640 000 : un facteur dix sur le budget voté."
    " Un « € » sans nombre est un montant effacé.",
    bad="cout: 64 0000 euros/an",
    good="cout:\n  texte: 64 0000 euros/an   # le texte adopté\n"
    "  montant: 64000            # ce que le plan veut dire",
    fix="Écrivez le montant voulu en `cout.montant` (le texte adopté reste dans `cout.texte`),"
    " ou corrigez le texte s'il n'a pas encore été voté.",
)
def check(ctx: FicheContext):
    yield from ctx.cost_findings("ESS302")
