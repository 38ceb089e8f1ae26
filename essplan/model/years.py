"""Les années qu'essplan compte, partout : celles d'un mois de plan ou de fiche, d'un budget
(`budget --year`), d'une date de contrôle (`--date`) et des valeurs d'un indicateur. Bien
au-delà de la vie d'un plan, et bien en deçà de ce que `datetime` sait nommer (il n'y a pas
d'an 0 : nommer « 0000-06 » faisait planter le linter, ESS205).

Un module à part, sans rien d'autre : l'option `--year` de la ligne de commande en a besoin au
démarrage, et `months.py` compile ses expressions régulières à l'import (2 ms de plus pour
`essplan --version`, benchmarks/results.md).
"""

FIRST_YEAR, LAST_YEAR = 1900, 2200
