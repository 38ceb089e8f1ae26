"""Les documents d'un plan (annexe, délibération, synthèse), en Markdown ou en HTML, tirés de
modèles Jinja : l'environnement (`environment` : échappement, filtres français, modèles du
dépôt qui remplacent ceux d'essplan), ce que voient les modèles (`report`, `views`), la frise
de la synthèse (`timeline`), et les modèles livrés (`templates/`).

Importe : `budget`, `lint`, `validation`, `model`, `config`, `french`.
"""
