"""Le linter : ce qu'un plan laisse incomplet ou incohérent.

- `rule` : l'API d'une règle (constat, contextes, décorateurs) ; elle n'importe pas le moteur ;
- `rules/` : une règle par module, code, nom, sévérité et documentation au même endroit, et le
  registre explicite (`rules.RULES`) ;
- `engine` : passer les règles, appliquer la configuration ; `suppressions` : les commentaires
  `# essplan: ignore[…]` ;
- `catalogue` : tous les codes, calculés ; `docs` : leur mise en forme pour `essplan rule`.

Importe : `validation`, `model`, `reading`, `config`, `diagnostics`, `french`.
"""
