"""Le suivi d'un plan après son adoption : l'état de chaque fiche à une date (`state`), les
indicateurs face à leurs cibles (`indicators`), le prévu face au dépensé (`spending`), et le
tableau de bord de `essplan status` qui les rassemble.

Importe `budget` (le prévu se compte comme `essplan budget` le compte), `validation`, `model`,
`config` et `french` ; le linter (ESS601 à ESS607) et les documents (le bilan) l'importent.
"""
