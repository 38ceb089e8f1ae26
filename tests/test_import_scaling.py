"""`essplan import` reste linéaire dans la taille du texte, et borne les nombres qu'il lit.

Un texte de 3 000 fiches se lisait en 6 à 18 s : chaque fiche relisait toutes les autres
(numéros, défis, liens). Les mises en page à titres (`layouts.py`) sont comptées de même. Le travail se mesure ici en lignes de code d'essplan exécutées
(`sys.settrace`), jamais en secondes : doubler le texte ne doit pas faire plus que doubler ce
travail. Un numéro de « Act N° » ou un compte du vote de milliers de chiffres est refusé ou
écarté en français, avant tout calcul.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import essplan
from essplan.importer.deliberation import parse_deliberation

PACKAGE = str(Path(essplan.__file__).parent)


def executed_lines(work) -> int:
    """Le nombre de lignes d'essplan qu'exécute `work()` : une mesure du travail, qui ne dépend
    ni de la machine ni de sa charge."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def numbered(count: int) -> str:
    """Des fiches numérotées, cinq défis."""
    return "".join(
        f"FICHE ACTION\nDéfi N°{1 + n % 5}/ Act N°{n // 5 + 1}\nAction : Action {n}\n"
        for n in range(count)
    )


def unnumbered(count: int) -> str:
    """Des fiches qui ont perdu leur ligne de numéro : chacune se numérote d'après son défi."""
    first = "FICHE ACTION\nDéfi N°1/ Act N°1\nDéfi : Défi 0\nAction : Action 0\n"
    return first + "".join(
        f"FICHE ACTION\nDéfi : Défi {n % 5}\nAction : Action {n}\n" for n in range(1, count)
    )


def orphans(count: int) -> str:
    """Des fiches dont des paragraphes ont perdu leur rubrique, entre des fiches complètes."""
    complete = (
        "FICHE ACTION\nDéfi N°1/ Act N°{n}\nAction : Action {n}\nPilote : Anne Martin\n\n"
        "Contexte :\n\nUn contexte.\n\nMéthode :\n\n- Réunir.\n\nRemarques :\n\nUne remarque.\n"
    )
    lost = (
        "FICHE ACTION\nDéfi N°1/ Act N°{n}\nAction : Action {n}\nPilote : Anne Martin\n\n"
        "Un contexte sans rubrique.\n\n- Réunir.\n\nRemarques :\n\nUne remarque.\n"
    )
    return "".join((lost if n % 2 else complete).format(n=n + 1) for n in range(count))


def headed(count: int) -> str:
    """Des fiches « Action 1.2 : … » sous des titres « AXE 1 – … », dix par axe, leurs rubriques
    en lignes et en listes."""
    return "".join(
        (f"AXE {n // 10 + 1} – Un axe\n\n" if n % 10 == 0 else "")
        + f"Action {n // 10 + 1}.{n % 10 + 1} : Action {n}\n\nPilote : Anne Martin\n"
        "Coût : 5 000 €\n\nMéthode :\n- Réunir.\n- Écrire.\n\nUn paragraphe sans rubrique.\n\n"
        for n in range(count)
    )


def styled(count: int) -> str:
    """Des fiches sous des titres de style (« # », « ## »), sans numéro : l'id vient de la place."""
    return "".join(
        (f"# Un axe {n // 10}\n" if n % 10 == 0 else "")
        + f"## Une action {n}\nPilote : Anne Martin\n\nIndicateurs :\n- Un indicateur\n\n"
        for n in range(count)
    )


@pytest.mark.parametrize("text", [numbered, unnumbered, orphans, headed, styled])
def test_reading_twice_as_many_fiches_is_twice_the_work(text):
    small = executed_lines(lambda: parse_deliberation(text(500)))
    large = executed_lines(lambda: parse_deliberation(text(1000)))
    assert large <= 2.2 * small, (small, large)


def test_3000_fiche_headers_import_like_before():
    # Le texte de l'issue : 3 000 en-têtes de fiche, 148 Ko. Les numéros et les reprises sont
    # ceux de l'ancienne lecture, qui relisait toutes les fiches pour chacune (comparés à part,
    # octet pour octet, sur ce texte et 1 500 textes engendrés).
    imported = parse_deliberation(unnumbered(3000))
    ids = [fiche["id"] for fiche in imported.fiches]
    assert ids == [f"1.{n}" for n in range(1, 601)]  # les fiches du défi 0, à leur place
    assert imported.recoveries[0].explanation == (
        "fiche n°2 de l'annexe (« Action 1 ») non importée : pas de ligne de numéro, et"
        " « Défi 1 » n'est l'intitulé d'aucun défi connu"
    )
    assert imported.fiches[1]["remarques"] == (
        "[import] ligne de numéro absente (comme « Défi N°1/ Act N°1 » dans les autres"
        " fiches) : id 1.2 déduit de sa ligne « Défi : » (la même que la fiche 1.1) et de sa"
        " place dans l'annexe (après la fiche 1.1)"
    )


# ----------------------------------------------------------------- les nombres du texte

FICHE = "FICHE ACTION\n\nDéfi N°1/ Act N°{n}\n\nAction : Une action\n"


@pytest.mark.parametrize("digits", [10, 5000])
def test_a_huge_number_in_an_id_line_is_refused_in_french(run_cli, tmp_path, digits):
    number = "9" * digits
    (tmp_path / "source.txt").write_text(FICHE.format(n=number), encoding="utf-8")
    result = run_cli("import", "source.txt", "--plan", "essai", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 1
    shown = f"Défi N°1/ Act N°{number}"
    shown = shown if len(shown) <= 60 else shown[:60] + "…"
    assert result.stderr == (
        f"essplan : source.txt : ligne 3 : numéro invraisemblable dans « {shown} » : un"
        " numéro de défi ou d'action a au plus 9 chiffres\n"
    )
    assert not (tmp_path / "plans").exists()


def test_nine_digits_are_still_a_number():
    imported = parse_deliberation(FICHE.format(n="123456789"))
    assert [fiche["id"] for fiche in imported.fiches] == ["1.123456789"]


SEANCE = (
    "CONSEIL COMMUNAUTAIRE DU 14 OCTOBRE 2016\n\nConseillers en exercice : {count}\n"
    "Conseillers présents : 73\n\n"
)


@pytest.mark.parametrize(
    ("count", "shown"),
    [("5" * 5000, "5" * 20 + "…"), ("10001", "10001"), ("89", None), ("0" * 5000 + "89", None)],
)
def test_a_vote_count_beyond_the_bound_is_not_taken(count, shown):
    imported = parse_deliberation(SEANCE.format(count=count) + FICHE.format(n=1))
    vote = imported.plan["deliberation"]["vote"]
    notes = [r.explanation for r in imported.recoveries if r.field.startswith("deliberation.vote")]
    if shown is None:
        assert vote == {"en_exercice": 89, "presents": 73} and notes == []
    else:
        assert vote == {"presents": 73}
        assert notes == [
            f"compte invraisemblable « {shown} » : non repris (un compte du vote va de 0 à"
            " 10\u202f000)"
        ]


def test_a_defi_of_the_body_with_a_huge_number_is_not_taken():
    body = "- **" + "7" * 5000 + "^{er} défi : Coopérer sur le territoire,**\n\n"
    imported = parse_deliberation(body + FICHE.format(n=1))
    assert [r.explanation for r in imported.recoveries if r.field == "axes"][0].endswith(
        "non repris : son numéro est invraisemblable"
    )
