"""L'import d'une délibération : du texte extrait de son PDF à un dossier de plan.

- `deliberation` : lire le texte (corps et annexe) en plan et fiches, avec les reprises ;
- `text`, `seance`, `expose`, `fiches`, `orphans`, `recover` : les étapes de cette lecture ;
- `yaml_writer` : le YAML écrit ; `writing` : écrire, atomiquement, puis contrôler.

Importe : `lint` (le contrôle du plan importé), `validation`, `model`, `reading`, `config`,
`repository`, `atomic`, `french`. Rien n'est imprimé : la ligne de commande met en forme.
"""
