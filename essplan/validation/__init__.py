"""Valider un plan : le charger (plan.yaml et ses fiches, en modèles, chaque erreur de pydantic
traduite en un diagnostic positionné), vérifier les références entre fichiers, et partager un
gros dépôt entre plusieurs processus.

Importe : `reading`, `model`, `diagnostics`, `repository`, `french`.
"""
