"""Le format : les modèles pydantic (`plan`, `fiche`, et leurs `types`), les mois et les coûts
tels que les sources les écrivent (`months`, `costs`), ce qu'un coût a de douteux
(`cost_checks`), le schéma JSON (`schema`).

Importe : `diagnostics`, `french`, pydantic. Rien de la lecture des fichiers : un modèle se
construit depuis des valeurs Python.
"""
