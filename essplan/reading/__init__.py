"""La lecture des fichiers : des octets au texte (`decode`), du texte aux valeurs avec la
position de chacune (`builder`, sur les événements de libyaml), les messages de libyaml en
français (`syntax`), le document lu et ses bornes (`document`).

Importe : `diagnostics`, `french`. Rien de la validation ni des modèles : une valeur lue n'est
encore qu'un dictionnaire, une liste, un texte ou un nombre.
"""
