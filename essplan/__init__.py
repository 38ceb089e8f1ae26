"""essplan : les plans d'action ESS des collectivités, en YAML, vérifiés et publiés."""

__version__ = "0.1.0"
