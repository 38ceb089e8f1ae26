"""Les sorties de validate et lint : un rapporteur par format (`reporters` : full, concise,
json, github, gitlab, sarif) et le bilan d'une exécution (`summary` : comptes, résumé,
statistiques).

Importe : `diagnostics`. Le catalogue des codes (pour SARIF) est donné par l'appelant.
"""
