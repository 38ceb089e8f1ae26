"""Créer un dépôt de plans et ses fichiers : `essplan init`, `essplan new fiche|plan`.

- `texts` : les modèles de fichiers livrés (`files/`), remplis, et les textes qu'on y met ;
- `numbering` : l'identifiant libre suivant d'un axe, selon la numérotation du plan ;
- `repository` : ce que `init` et `new` écrivent, en chemins relatifs et en textes ;
- `writing` : écrire tout ou rien, sans jamais remplacer un fichier.

La bibliothèque rend des textes et des listes de fichiers ; `cli/init.py` décide et affiche.
"""
