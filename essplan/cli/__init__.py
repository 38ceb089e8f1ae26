"""La ligne de commande : des commandes minces au-dessus de la bibliothèque.

- `app` : l'application, ses commandes inscrites une à une, le point d'entrée `main` ;
- `init` (init, et le groupe `new` : new fiche, new plan), `check` (validate, lint, rule,
  schema), `budget`, `status`, `report`, `importing` : une fonction par commande, qui
  appelle la bibliothèque et confie la mise en forme aux rapporteurs ;
- `common` : les options partagées, les plans visés et leur configuration, la règle des `-o` ;
  le seul endroit qui lit le dossier courant, l'environnement et la date du jour ;
- `french` : click et typer en français, appliqués au démarrage par `main`.

Les modules lourds (pydantic, jinja) ne sont importés que par les commandes qui s'en
servent : `essplan --version` reste instantané.
"""

from __future__ import annotations

from .app import app, main, run

__all__ = ["app", "main", "run"]
