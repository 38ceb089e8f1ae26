"""Un diagnostic reste le même d'un processus à l'autre et une fois cité : le pool (`pool.py`)
le met en octets, `with_excerpts` lui ajoute sa ligne ; aucun champ ne se perd en chemin."""

from __future__ import annotations

import pickle

from essplan.diagnostics import Citations, Diagnostic, Excerpt, Severity, with_excerpts

SOURCE = "id: '1.1'\ncout: 64 0000 €\n"


def a_diagnostic(**changes) -> Diagnostic:
    fields = {
        "code": "ESS302",
        "message": "montant suspect « 64 0000 »",
        "file": "plans/p/fiches/1.1.yaml",
        "line": 2,
        "column": 7,
        "path": "cout",
        "severity": Severity.WARNING,
        "suggestion": "vouliez-vous dire 64 000 ou 640 000 ?",
        "plan": "p",
        "name": "suspicious-amount",
    }
    return Diagnostic(**{**fields, **changes})


def every_field(d: Diagnostic) -> tuple:
    """Les champs, la ligne citée en dernier (elle ne compte pas dans l'égalité)."""
    names = [name for name in Diagnostic.__slots__ if name != "excerpt"]
    return (*(getattr(d, name) for name in names), d.excerpt)


def test_a_diagnostic_crosses_processes_whole():
    for d in (a_diagnostic(), a_diagnostic(excerpt=Excerpt("cout: 64 0000 €", 7))):
        assert every_field(pickle.loads(pickle.dumps(d, pickle.HIGHEST_PROTOCOL))) == every_field(d)


def test_the_cited_line_is_added_without_changing_anything_else():
    (cited,) = with_excerpts([a_diagnostic()], {"plans/p/fiches/1.1.yaml": SOURCE})
    assert cited.excerpt == Excerpt("cout: 64 0000 €", 7)
    assert every_field(cited)[:-1] == every_field(a_diagnostic())[:-1]


def test_a_file_not_read_or_a_line_outside_it_is_not_cited():
    citations = Citations({"plans/p/fiches/1.1.yaml": SOURCE})
    assert citations.excerpt("plans/p/fiches/1.2.yaml", 1, 1) is None
    assert citations.excerpt("plans/p/fiches/1.1.yaml", 3, 1) is None
    assert citations.excerpt("plans/p/fiches/1.1.yaml", 1, 1) == Excerpt("id: '1.1'", 1)
