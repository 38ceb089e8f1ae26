"""Un fichier SCDL vérifié comme le vérifie Validata : les champs du schéma (Table Schema :
ordre, type, contraintes `required` et `pattern`, format `uri`), puis chaque contrôle de
`custom_checks` que le schéma déclare, réécrit ici d'après le code de `validata-table` 0.12.5
(`validata_core/custom_checks/`).

`validata-table` n'est pas une dépendance de test : il épingle jinja2==3.1.4, flask et werkzeug
à des versions exactes, incompatibles avec la borne basse de jinja2 que la CI vérifie
(constraints-lowest.txt), et tire un serveur web entier. Chaque contrôle est donc refait ici,
indépendamment d'essplan (la liste des matières de niveau 1 est celle de Validata, recopiée).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata

# `nomenclature-actes-value` : les matières de niveau 1 qu'accepte Validata.
ACTES_LEVEL_1 = [
    "Commande publique",
    "Urbanisme",
    "Domaine et patrimoine",
    "Fonction publique",
    "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police",
    "Finances locales",
    "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
]


def norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def field_errors(field: dict, value: str) -> list[str]:
    name, constraints = field["name"], field.get("constraints", {})
    if value == "":
        return [f"{name} : obligatoire"] if constraints.get("required") else []
    errors = []
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        errors.append(f"{name} : « {value} » ne suit pas {constraints['pattern']}")
    kind = field["type"]
    if kind == "integer" and not re.fullmatch(r"-?\d+", value):
        errors.append(f"{name} : « {value} » n'est pas un entier")
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            errors.append(f"{name} : « {value} » n'est pas une date AAAA-MM-JJ")
    if field.get("format") == "uri" and not re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", value):
        errors.append(f"{name} : « {value} » n'est pas une adresse")
    return errors


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def french_siret(row, params) -> list[str]:
    value = row[params["column"]]
    if not value:
        return []
    la_poste = value.startswith("356000000") and sum(map(int, value)) % 5 == 0
    ok = re.fullmatch(r"\d{14}", value) and (luhn(value) or la_poste)
    return [] if ok else [f"SIRET invalide : {value}"]


def year_interval(row, params) -> list[str]:
    value = row[params["column"]]
    if not value:
        return []
    found = re.fullmatch(r"(\d{4})/(\d{4})", value)
    if not found:
        year_only = params.get("allow-year-only") in ("true", "yes")
        return [] if year_only and re.fullmatch(r"\d{4}", value) else [f"période : {value}"]
    return [] if int(found[1]) < int(found[2]) else [f"période : {value}"]


def cohesive(row, params) -> list[str]:
    names = [params["column"], *params["othercolumns"]]
    filled = {bool(row[name]) for name in names}
    return [] if len(filled) == 1 else [f"colonnes non solidaires : {names}"]


def compare(row, params) -> list[str]:
    first, second = row[params["column"]], row[params["column2"]]
    if not first or not second:
        return []
    numeric = re.fullmatch(r"-?\d+(\.\d+)?", first) and re.fullmatch(r"-?\d+(\.\d+)?", second)
    a, b = (float(first), float(second)) if numeric else (first, second)
    ok = {">": a > b, ">=": a >= b, "==": a == b, "<=": a <= b, "<": a < b}[params["op"]]
    return [] if ok else [f"{params['column']} {params['op']} {params['column2']} : {a}, {b}"]


def sum_columns(row, params) -> list[str]:
    values = [row[name] for name in (params["column"], *params["columns"])]
    if not any(values):
        return []
    if not all(re.fullmatch(r"-?\d+", value) for value in values):
        return [f"somme non vérifiable : {values}"]
    total, parts = int(values[0]), [int(value) for value in values[1:]]
    return [] if sum(parts) == total else [f"somme : {sum(parts)} ≠ {total}"]


def nomenclature_actes(row, params) -> list[str]:
    value = row[params["column"]]
    if not value:
        return []
    if "/" not in value:
        return [f"barre oblique manquante : {value}"]
    head = value[: value.find("/")]
    known = {norm(name) for name in ACTES_LEVEL_1}
    if norm(head) in known and "/ " not in value:
        return []
    return [f"matière ACTES non reconnue : {value}"]


CUSTOM_CHECKS = {
    "french-siret-value": french_siret,
    "year-interval-value": year_interval,
    "cohesive-columns-value": cohesive,
    "compare-columns-value": compare,
    "sum-columns-value": sum_columns,
    "nomenclature-actes-value": nomenclature_actes,
}


def errors(text: str, schema: dict) -> list[str]:
    """Les erreurs du fichier au regard du schéma et de ses contrôles ; [] s'il est valide."""
    header, rows = read(text)
    expected = [field["name"] for field in schema["fields"]]
    if header != expected:
        return [f"colonnes : {header} au lieu de {expected}"]
    found = []
    for row in rows:
        for field in schema["fields"]:
            found += field_errors(field, row[field["name"]])
        for check in schema["custom_checks"]:
            found += CUSTOM_CHECKS[check["name"]](row, check["params"])
    return found
