"""Les intitulés de la nomenclature ACTES (matières de niveau 1 et 2), tels que le SCDL
« Délibérations » 2.1.5 les attend dans DELIB_MATIERE_NOM : « intitulé de niveau 1/intitulé de
niveau 2 », en minuscules accentuées, sans virgule ni parenthèse.

Sources :

- niveau 1 : la liste que contrôle Validata, le validateur officiel des schémas SCDL
  (paquet `validata-table` 0.12.5, contrôle `nomenclature-actes-value`,
  `validata_core/custom_checks/nomenclature_actes_value.py`), reprise des intitulés de la
  nomenclature ACTES du ministère de l'Intérieur (document de référence du SCDL :
  nomenclature.pdf, préfecture de la Moselle) ;
- niveau 2 : la classification ACTES que le ministère transmet aux collectivités par @ctes
  (et que reprennent les tiers de télétransmission, S²LOW et Pastell), écrite sans accents ni
  apostrophes ; les accents et les apostrophes y sont rétablis, le reste est tel quel.

Pour suivre la règle du SCDL, les virgules et les parenthèses sont retirées (7.9 « Prise de
participation (SEM, etc...) » devient « prise de participation sem etc... ») et la barre
oblique intérieure de 1.5 (« Transactions /protocole d'accord transactionnel ») devient un
trait d'union, comme dans « ville-habitat-logement » : la seule barre oblique d'un nom de
matière est celle qui sépare les deux niveaux.
"""

from __future__ import annotations

SUBJECTS = {
    "1": "commande publique",
    "2": "urbanisme",
    "3": "domaine et patrimoine",
    "4": "fonction publique",
    "5": "institutions et vie politique",
    "6": "libertés publiques et pouvoirs de police",
    "7": "finances locales",
    "8": "domaines de compétences par thèmes",
    "9": "autres domaines de compétences",
}

SUBSUBJECTS = {
    "1.1": "marchés publics",
    "1.2": "délégation de service public",
    "1.3": "conventions de mandat",
    "1.4": "autres types de contrats",
    "1.5": "transactions-protocole d'accord transactionnel",
    "1.6": "actes relatifs à la maîtrise d'œuvre",
    "1.7": "actes spéciaux et divers",
    "2.1": "documents d'urbanisme",
    "2.2": "actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "droit de préemption urbain",
    "3.1": "acquisitions",
    "3.2": "aliénations",
    "3.3": "locations",
    "3.4": "limites territoriales",
    "3.5": "autres actes de gestion du domaine public",
    "3.6": "autres actes de gestion du domaine privé",
    "4.1": "personnel titulaires et stagiaires de la f.p.t.",
    "4.2": "personnel contractuel",
    "4.3": "fonction publique hospitalière",
    "4.4": "autres catégories de personnels",
    "4.5": "régime indemnitaire",
    "5.1": "élection exécutif",
    "5.2": "fonctionnement des assemblées",
    "5.3": "désignation de représentants",
    "5.4": "délégation de fonctions",
    "5.5": "délégation de signature",
    "5.6": "exercice des mandats locaux",
    "5.7": "intercommunalité",
    "5.8": "décision d'ester en justice",
    "6.1": "police municipale",
    "6.2": "pouvoir du président du conseil général",
    "6.3": "pouvoir du président du conseil régional",
    "6.4": "autres actes réglementaires",
    "6.5": "actes pris au nom de l'état et soumis au contrôle hiérarchique",
    "7.1": "décisions budgétaires",
    "7.2": "fiscalité",
    "7.3": "emprunts",
    "7.4": "interventions économiques",
    "7.5": "subventions",
    "7.6": "contributions budgétaires",
    "7.7": "avances",
    "7.8": "fonds de concours",
    "7.9": "prise de participation sem etc...",
    "7.10": "divers",
    "8.1": "enseignement",
    "8.2": "aide sociale",
    "8.3": "voirie",
    "8.4": "aménagement du territoire",
    "8.5": "politique de la ville-habitat-logement",
    "8.6": "emploi-formation professionnelle",
    "8.7": "transports",
    "8.8": "environnement",
    "8.9": "culture",
    "9.1": "autres domaines de compétences des communes",
    "9.2": "autres domaines de compétences des départements",
    "9.3": "autres domaines de compétences des régions",
    "9.4": "vœux et motions",
}


def subject_name(code: str) -> str:
    """Le nom de matière d'un code de niveau 2 (« 7.4 » : « finances locales/interventions
    économiques ») ; le modèle (`model.plan.Matiere`) n'admet que des codes connus."""
    return f"{SUBJECTS[code.split('.')[0]]}/{SUBSUBJECTS[code]}"
