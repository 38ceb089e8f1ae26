"""ESS900 unused-suppression : une suppression qui ne supprime rien.

Le moteur (`lint._unused`) produit ce constat ; ce module en porte le code et la documentation.
"""

from ...diagnostics import Severity
from ..rule import PlanContext, plan_rule


@plan_rule(
    code="ESS900",
    name="unused-suppression",
    label="suppression inutile",
    severity=Severity.INFO,
    summary="Un commentaire `# essplan: ignore[…]` ou `file-ignore[…]` qui ne supprime rien, ou"
    " qui ne nomme aucun code.",
    why="Une suppression oubliée après correction masquerait un problème futur ; une"
    " suppression sans code masquerait tout. Chaque suppression doit dire ce qu'elle tait.",
    bad="cout: 5 000 euros/an  # essplan: ignore[ESS302]",
    good="cout: 64 0000 euros/an  # essplan: ignore[ESS302]",
    fix="Retirez le commentaire, ou le code qui ne sert plus ; nommez toujours le code.",
)
def check(ctx: PlanContext):
    return ()
