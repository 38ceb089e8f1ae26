"""Les documents d'un plan (annexe, délibération, synthèse, bilan annuel), en Markdown, en
HTML ou en PDF, tirés de modèles Jinja : l'environnement (`environment` : échappement, filtres
français, modèles du dépôt qui remplacent ceux d'essplan), ce que voient les modèles (`report`,
`views`), la frise de la synthèse (`timeline`), ses statuts et indicateurs (`follow_up`), le
bilan d'une année (`bilan`) et ses graphiques SVG (`charts`), le PDF d'un document HTML (`pdf`,
par WeasyPrint, importé à la demande), et les modèles livrés (`templates/`).

Un modèle est une entrée non fiable : rendu dans un bac à sable (`sandbox`), compté et borné
(`limits`, `filter_bounds`, `instrument`), lu par un chargeur qui regarde avant d'ouvrir
(`loader`) ; une erreur du modèle de l'utilisateur est dite en français, avec son fichier et
sa ligne (`faults`, `jinja_messages`, `translation`).

Importe : `suivi`, `budget`, `lint`, `validation`, `model`, `config`, `french`.
"""
