"""Les échanges d'un plan avec ceux qui ne lisent pas le YAML : le classeur (`xlsx`), le CSV à la
française (`csv_dialect`), le plan en données JSON versionnées (`plan_json`), la ligne du format
national SCDL « Délibérations » (`scdl`, `actes`).

Les tableaux sont construits une fois (`tables` : des valeurs typées, montants en `Decimal`,
mois en dates) ; chaque format les met en forme. Tout texte qu'un tableur pourrait prendre pour
une formule est neutralisé au moment de l'écrire (`cells.neutralised`).
"""
