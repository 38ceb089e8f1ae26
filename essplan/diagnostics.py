"""Les diagnostics : ce que la validation et le linter trouvent, sous forme de données.

Un diagnostic dit quoi (code, message en français), où (fichier, ligne, colonne, chemin de
clé comme `cout.montant`) et, s'il y a lieu, comment corriger (`suggestion`). Les rapporteurs
(`output/reporters.py`) les mettent en forme ; rien ici n'affiche quoi que ce soit.

Les codes de validation ESS0xx sont décrits ici (`VALIDATION_CODES`), avec leur nom stable et
leur documentation (`essplan rule ESS003`) ; ceux du linter le sont dans chaque règle
(`lint/rules/`), et le catalogue complet se calcule dans `lint/catalogue.py`.

Module de base : il n'importe rien d'essplan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Le mot français, celui qu'on affiche et qu'on écrit : « avertissement »."""
        return _LABELS[self]

    @classmethod
    def from_word(cls, word: str) -> Severity:
        """« erreur », « avertissement », « info » ; les mots anglais restent admis (« error »,
        « warning »), sans accent ni majuscule requis. `ValueError` sinon."""
        found = SEVERITY_WORDS.get(word.strip().lower())
        if found is None:
            raise ValueError(f"« {word} » n'est pas une sévérité (erreur, avertissement ou info)")
        return found


_LABELS = {Severity.INFO: "info", Severity.WARNING: "avertissement", Severity.ERROR: "erreur"}
# Les mots admis pour une sévérité : français d'abord, l'anglais de ruff et de yamllint ensuite.
SEVERITY_WORDS = {
    "erreur": Severity.ERROR,
    "avertissement": Severity.WARNING,
    "info": Severity.INFO,
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class Excerpt:
    """La ligne fautive telle qu'on la cite sous un message : au plus `WIDTH` caractères autour
    de la colonne, sans tabulation ni caractère de contrôle (un terminal interpréterait une
    séquence d'échappement écrite dans un fichier)."""

    text: str
    column: int  # la colonne du caret dans `text`, à partir de 1

    def __reduce__(self) -> tuple:
        return Excerpt, (self.text, self.column)  # voir `Diagnostic.__reduce__`

    WIDTH = 160

    @classmethod
    def of(cls, line: str, column: int) -> Excerpt:
        if len(line) > cls.WIDTH:  # une très longue ligne : une fenêtre autour de la colonne
            start = max(0, column - cls.WIDTH // 2)
            line, column = line[start : start + cls.WIDTH], column - start
        return cls(_UNPRINTABLE.sub("\ufffd", line.replace("\t", " ")), column)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")
# Les caractères de contrôle, et ceux qui retournent le sens du texte à l'affichage.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` sur une ligne, ses caractères de contrôle écrits comme on les tape (« \\n »)."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), text)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    file: str
    line: int = 1
    column: int = 1
    path: str = ""  # chemin de clé : « cout.montant », « methode[2] »
    severity: Severity = Severity.ERROR
    suggestion: str | None = None
    plan: str | None = None
    name: str = ""  # le nom stable du code (« unknown-key ») ; celui d'une règle, par le linter
    # La ligne citée sous le message, tirée du texte que le chargeur a lu (`with_excerpts`) ;
    # elle voyage avec le diagnostic d'un processus à l'autre, le fichier n'est jamais relu.
    excerpt: Excerpt | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if (
            not self.name and self.code in VALIDATION_CODES
        ):  # les codes de validation se nomment seuls
            object.__setattr__(self, "name", VALIDATION_CODES[self.code].name)
        # Un message tient sur une ligne (`fichier:ligne:col: CODE message`) et n'agit pas sur
        # le terminal : un saut de ligne ou une séquence d'échappement venus du plan (un
        # identifiant, une clé) y sont montrés, pas exécutés.
        for name in ("message", "path", "suggestion"):
            text = getattr(self, name)
            if text and _CONTROL.search(text):
                object.__setattr__(self, name, visible(text))

    def _fields(self) -> tuple[str, str, str, int, int, str, Severity, str | None, str | None, str]:
        """Les champs, sauf la ligne citée, dans l'ordre du constructeur."""
        return (
            self.code,
            self.message,
            self.file,
            self.line,
            self.column,
            self.path,
            self.severity,
            self.suggestion,
            self.plan,
            self.name,
        )

    def __reduce__(self) -> tuple:
        # Un diagnostic voyage d'un processus de travail au processus principal (`pool`) : ses
        # champs, dans l'ordre du constructeur, coûtent deux fois moins à mettre en octets et à
        # relire que l'état par attribut d'une classe gelée (7 910 constats : 48 → 25 ms).
        return Diagnostic, (*self._fields(), self.excerpt)

    def with_plan(self, plan: str) -> Diagnostic:
        return replace(self, plan=plan)

    def with_excerpt(self, excerpt: Excerpt) -> Diagnostic:
        # le constructeur, deux fois plus vite que `replace` : chaque constat cité y passe
        return Diagnostic(*self._fields(), excerpt)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)


class Citations:
    """La ligne à citer sous un constat, tirée des fichiers lus (`sources` : nom affiché → texte
    lu), chacun découpé en lignes une fois. Un fichier refusé sans être lu n'est jamais cité."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._lines: dict[str, list[str]] = {}

    def excerpt(self, file: str, line: int, column: int) -> Excerpt | None:
        lines = self._lines.get(file)
        if lines is None:
            text = self._sources.get(file)
            if text is None:
                return None
            lines = self._lines[file] = text.splitlines()
        return Excerpt.of(lines[line - 1], column) if 1 <= line <= len(lines) else None

    def cite(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Les diagnostics, chacun avec sa ligne citée si son fichier a été lu (un texte ajouté
        à `sources` depuis, par `read_pending`, compte aussi)."""
        cited = []
        for d in diagnostics:
            if d.excerpt is None:
                excerpt = self.excerpt(d.file, d.line, d.column)
                if excerpt is not None:
                    d = d.with_excerpt(excerpt)
            cited.append(d)
        return cited


def with_excerpts(diagnostics: list[Diagnostic], sources: Mapping[str, str]) -> list[Diagnostic]:
    """Les diagnostics, chacun avec sa ligne citée si son fichier a été lu (`Citations`)."""
    return Citations(sources).cite(diagnostics)


@dataclass(frozen=True, slots=True)
class CodeDoc:
    """La documentation d'un code : ce qu'il trouve, pourquoi, exemples, correction."""

    code: str
    name: str
    severity: Severity
    label: str  # l'intitulé en français d'un document pour le conseil : « coût non chiffré »
    summary: str
    why: str
    bad: str
    good: str
    fix: str


_UNSEEN = object()  # le contenu n'est pas donné : un entier du chemin est un rang de liste


def format_key_path(path: tuple, data: object = _UNSEEN) -> str:
    """('methode', 1) → « methode[2] » : les rangs de liste se comptent à partir de 1. Avec les
    données (`data`), un entier qui est une clé de dictionnaire (une année) se montre tel quel :
    ('depenses', 2022) → « depenses[2022] »."""
    if len(path) == 1 and isinstance(path[0], str):  # le plus souvent : une clé de la fiche
        return path[0]
    in_mapping, node = [], data
    for part in path:
        in_mapping.append(isinstance(node, dict))
        node = _child(node, part)
    return key_path_text(path, in_mapping)


def key_path_text(path: tuple, in_mapping: list[bool]) -> str:
    """Le chemin lisible quand on sait, pour chaque élément, s'il est une clé de dictionnaire
    (`in_mapping`) : ce que sait le lecteur YAML pendant la lecture, avant d'avoir les données."""
    text = ""
    for part, is_key in zip(path, in_mapping, strict=True):
        if isinstance(part, str):
            text += f".{part}" if text else part
        elif is_key or not isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f"[{part + 1}]"
    return text


def _child(node: object, part: object) -> object:
    if isinstance(node, dict):
        return node.get(part, _UNSEEN)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _UNSEEN


def _by_code(*docs: CodeDoc) -> dict[str, CodeDoc]:
    return {doc.code: doc for doc in docs}


VALIDATION_CODES: dict[str, CodeDoc] = _by_code(
    CodeDoc(
        "ESS001",
        "yaml-syntax",
        Severity.ERROR,
        "fichier YAML illisible",
        "Le fichier n'est pas du YAML lisible.",
        "Un fichier illisible ne peut pas être contrôlé : tout ce qu'il contient est perdu pour"
        " le budget, le linter et les rapports.",
        "titre: Créer un réseau: élus et acteurs",
        'titre: "Créer un réseau: élus et acteurs"',
        "Corrigez la ligne indiquée : guillemets autour des valeurs qui contiennent « : » ou"
        " commencent par un caractère spécial, indentation par des espaces.",
    ),
    CodeDoc(
        "ESS002",
        "duplicate-key",
        Severity.ERROR,
        "clé donnée deux fois",
        "Une clé est donnée deux fois dans le même dictionnaire.",
        "YAML garderait silencieusement la seconde valeur : la première serait perdue sans que"
        " personne ne le voie (cas fréquent après une fusion).",
        "pilotes: [Raymond Collet]\npilotes: [Sandrine Godebout]",
        "pilotes: [Raymond Collet, Sandrine Godebout]",
        "Gardez une seule clé et réunissez les valeurs.",
    ),
    CodeDoc(
        "ESS003",
        "unknown-key",
        Severity.ERROR,
        "clé inconnue",
        "Une clé n'existe pas dans le format.",
        "Une faute de frappe (`pilotte`) ferait disparaître la valeur : le pilote ne serait"
        " jamais vu par le linter ni imprimé dans l'annexe.",
        "pilotte: [Raymond Collet]",
        "pilotes: [Raymond Collet]",
        "Corrigez le nom de la clé (la suggestion donne la clé la plus proche).",
    ),
    CodeDoc(
        "ESS004",
        "invalid-value",
        Severity.ERROR,
        "valeur invalide",
        "Une valeur n'a pas le type ou la forme attendus (mois, coût, texte, liste, nombre).",
        "Une valeur mal formée fausse les contrôles : un identifiant écrit `1.10` sans"
        " guillemets devient le nombre 1.1, un mois « Brumaire 2019 » ne peut pas être daté.",
        "id: 1.1\ndebut: 2019-13",
        'id: "1.1"\ndebut: 2019-12',
        "Écrivez la valeur sous la forme indiquée dans le message.",
    ),
    CodeDoc(
        "ESS005",
        "missing-required",
        Severity.ERROR,
        "clé obligatoire absente",
        "Une clé obligatoire manque (`id`, `axe`, `titre` d'une fiche ; `collectivite`,"
        " `titre`, `axes` d'un plan).",
        "Sans identifiant, axe ou titre, une fiche ne peut être ni citée, ni rangée, ni imprimée.",
        "axe: 2\ntitre: Installer des interlocuteurs dédiés",
        'id: "2.2"\naxe: 2\ntitre: Installer des interlocuteurs dédiés',
        "Ajoutez la clé manquante.",
    ),
    CodeDoc(
        "ESS006",
        "unknown-axe",
        Severity.ERROR,
        "axe inconnu",
        "Une fiche est rattachée à un axe que le plan ne déclare pas.",
        "La fiche disparaîtrait des sous-totaux par axe et de l'annexe.",
        "axe: 6   # le plan n'a que les axes 1 à 5",
        "axe: 5",
        "Rattachez la fiche à l'un des `axes[].code` de plan.yaml, ou déclarez l'axe.",
    ),
    CodeDoc(
        "ESS007",
        "duplicate-id",
        Severity.ERROR,
        "identifiant en double",
        "Deux fiches (ou deux axes) portent le même identifiant dans un plan.",
        "Les liens, le budget et les rapports ne sauraient pas de quelle fiche il s'agit.",
        'fiches/2.3.yaml: id: "2.3"\nfiches/2.4.yaml: id: "2.3"',
        'fiches/2.4.yaml: id: "2.4"',
        "Donnez à chaque fiche un identifiant unique.",
    ),
    CodeDoc(
        "ESS008",
        "broken-link",
        Severity.ERROR,
        "renvoi cassé",
        "Une référence ne mène nulle part : `liens` vers une fiche absente, ligne de budget"
        " qui finance une fiche absente, source dont le fichier manque.",
        "Un renvoi cassé trompe le lecteur de l'annexe.",
        'liens: ["2.9"]',
        'liens: ["2.2"]',
        "Corrigez l'identifiant ou le chemin, ou retirez la référence.",
    ),
    CodeDoc(
        "ESS009",
        "unreadable-file",
        Severity.ERROR,
        "fichier illisible",
        "Un fichier ne peut pas être lu : encodage autre qu'UTF-8, fichier binaire, trop gros,"
        " droits, lien symbolique hors du dépôt ou en boucle, limites (alias, profondeur).",
        "Le contenu du fichier échappe à tous les contrôles.",
        "fiche enregistrée en Latin-1 par un vieux tableur",
        "la même fiche enregistrée en UTF-8",
        "Convertissez le fichier en UTF-8 (le message indique l'encodage probable), ou"
        " remplacez-le par un vrai fichier texte.",
    ),
    CodeDoc(
        "ESS010",
        "missing-plan",
        Severity.ERROR,
        "plan manquant",
        "Un dossier de plan n'a pas de plan.yaml, ou son nom n'est pas un identifiant valide.",
        "Sans plan.yaml, les fiches du dossier n'ont ni axes ni période : rien ne peut être"
        " vérifié.",
        "plans/clermont-2016/fiches/… sans plans/clermont-2016/plan.yaml",
        "plans/clermont-2016/plan.yaml présent",
        "Créez plan.yaml (collectivite, titre, axes) ou renommez le dossier en lettres"
        " minuscules, chiffres et tirets.",
    ),
)
