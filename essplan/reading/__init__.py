"""La lecture des fichiers : un fichier ordinaire du dépôt, borné, ouvert sans risque
(`files`), ses octets en texte (`decode`), le texte en valeurs avec la position de chacune
(`builder`, sur les événements de libyaml), chaque scalaire construit ou refusé, chaque nombre
dans ses bornes (`scalars`), les messages de libyaml en français (`syntax`), le document lu et
ses bornes (`document`).

Importe : `diagnostics`, `french`. Rien de la validation ni des modèles : une valeur lue n'est
encore qu'un dictionnaire, une liste, un texte ou un nombre.
"""
