"""Le fuzzer d'essplan : des dépôts de plans abîmés, passés à chaque commande.

Un cas (`cases.Case`) est une commande et une liste de changements appliqués à une copie des
quatre plans livrés : une valeur YAML remplacée par une valeur hostile (types, étiquettes,
nombres démesurés, Unicode, alias), des octets insérés, un fichier qui n'en est pas un (FIFO,
lien vers /dev/zero ou hors du dépôt, dossier), une configuration ou un modèle de document
hostile, un texte à importer. `run.execute` lance la commande dans un processus fils (le vrai
point d'entrée, `essplan.cli.main`, sans relancer Python), borné en temps et en mémoire ;
`run.problems` dit ce qui ne va pas dans sa réponse :

- un code de sortie hors de {0, 1, 2}, une « erreur interne », une pile d'appels ;
- un mot anglais qui ne vient pas des fichiers du cas ;
- un fichier de `plans/` modifié (hors du dossier qu'un import crée) ;
- plus de 2 s de calcul, un processus qui ne rend pas la main, un modèle qui exécute du code.

La suite en lance un petit budget, toujours le même (`tests/test_fuzz.py`) ;
`python -m tests.fuzz --minutes 30` mène une longue campagne au hasard et écrit chaque
problème trouvé, réduit par hypothesis au plus petit cas, dans `tests/fuzz/findings/`.
"""
