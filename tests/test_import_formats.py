"""`essplan import` d'un document Word, OpenDocument ou PDF : le texte de Clermont 2016 mis en
document (un paragraphe par ligne ; en Word et OpenDocument, les pilotes et associés dans un
tableau à deux colonnes) s'importe au même plan que le texte, fichier pour fichier ; le genre
se lit dans le contenu ; ce qui ne peut pas être lu est refusé en français, sans rien écrire."""

from __future__ import annotations

from pathlib import Path

import pytest
import source_documents as documents
from conftest import PLANS

SOURCE = PLANS / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()
BUILDERS = {
    "docx": documents.docx_bytes,
    "odt": documents.odt_bytes,
    "pdf": documents.pdf_bytes,
}


def import_file(run_cli, tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return run_cli("import", name, "--plan", "clermont-2016", "--into", "plans", cwd=tmp_path)


def written(folder: Path) -> dict[str, str]:
    """Les fiches et plan.yaml écrits, par chemin relatif (la copie de la source à part)."""
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.yaml"))
    }


@pytest.fixture
def from_text(run_cli, tmp_path_factory):
    """Le plan importé du texte, par le même point d'entrée."""
    here = tmp_path_factory.mktemp("texte")
    result = run_cli("import", str(SOURCE), "--plan", "clermont-2016", "--into", "plans", cwd=here)
    assert result.exit_code == 0, result.stderr
    return written(here / "plans" / "clermont-2016")


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
def test_a_document_imports_to_the_same_plan_as_the_text(run_cli, tmp_path, from_text, suffix):
    result = import_file(
        run_cli, tmp_path, f"clermont-2016-deliberation.{suffix}", BUILDERS[suffix](LINES)
    )
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "plans" / "clermont-2016"
    ours = written(folder)
    assert sorted(ours) == sorted(from_text)
    assert len([name for name in ours if name.startswith("fiches/")]) == 14
    different = [name for name in from_text if ours[name] != from_text[name]]
    assert not different, different
    # La copie dans sources/ est le texte extrait, sous le nom du document en .txt.
    copy = folder / "sources" / "clermont-2016-deliberation.txt"
    assert "Pilote : Raymond Collet" in copy.read_text(encoding="utf-8")
    assert "Reprises de l'import" in result.stdout
    assert "est un PDF" not in result.stdout


def test_a_txt_that_is_a_pdf_is_read_as_a_pdf_and_told(run_cli, tmp_path, from_text):
    result = import_file(
        run_cli, tmp_path, "clermont-2016-deliberation.txt", documents.pdf_bytes(LINES)
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "  plan : « clermont-2016-deliberation.txt » est un PDF, non un texte comme le dit son"
        " extension : lu comme un PDF\n" in result.stdout
    )
    ours = written(tmp_path / "plans" / "clermont-2016")
    assert ours == from_text


def test_a_docx_named_odt_is_read_as_word_and_told(run_cli, tmp_path):
    result = import_file(run_cli, tmp_path, "plan.odt", documents.docx_bytes(LINES))
    assert result.exit_code == 0, result.stderr
    assert (
        "« plan.odt » est un document Word (.docx), non un document OpenDocument texte (.odt)"
        " comme le dit son extension : lu comme un document Word (.docx)" in result.stdout
    )
    assert (tmp_path / "plans" / "clermont-2016" / "sources" / "plan.txt").is_file()


def docm(lines):
    data = documents.docx_bytes(lines)
    return documents.with_member(data, "word/vbaProject.bin", b"\xcc" * 64)


def docm_by_type(lines):
    """Un .docm qui se dit tel dans ses types de contenu, sans vbaProject.bin."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(lines)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            archive.writestr(info, data)
    return buffer.getvalue()


NO_TEXT = (
    "le PDF n'a pas de couche texte (une numérisation ?) : rien à importer. Passez-le d'abord"
    " par une reconnaissance de caractères (par exemple « ocrmypdf source.pdf sortie.pdf »)"
)
MACROS = (
    "document à macros (code VBA ou Basic) : il n'est pas lu. Enregistrez-le sans macros (en"
    " .docx ou .odt), ou exportez-le en PDF"
)
REFUSED = {
    "sans-texte.pdf": (lambda: documents.pdf_without_text(), NO_TEXT),
    "vide.pdf": (lambda: documents.pdf_bytes([]), NO_TEXT),
    "chiffre.pdf": (
        lambda: documents.encrypted_pdf(LINES[:40]),
        "le PDF est protégé par un mot de passe : il n'est pas lu. Enregistrez-en une copie"
        " sans mot de passe",
    ),
    "casse.pdf": (
        lambda: documents.pdf_bytes(LINES[:40])[:300],
        "PDF illisible",
    ),
    "macros.docx": (lambda: docm(LINES), MACROS),
    "macros.docm": (lambda: docm_by_type(LINES), MACROS),
    "macros.odt": (
        lambda: documents.with_member(
            documents.odt_bytes(LINES), "Basic/Standard/Module1.xml", b"<x/>"
        ),
        MACROS,
    ),
    "corrompu.docx": (
        lambda: documents.docx_bytes(LINES)[:2000],
        "archive zip corrompue (un document Word ou OpenDocument abîmé ?) : elle n'est pas lue."
        " Enregistrez le document à nouveau, ou exportez-le en PDF",
    ),
    "bombe.docx": (
        lambda: documents.zip_bomb(documents.docx_bytes(LINES[:40]), 6 << 20),
        "archive trop grosse une fois décompressée (",
    ),
    "archive.docx": (
        lambda: documents.with_member(documents.with_member(b"", "a.txt", b"x"), "b.txt", b"y"),
        "archive zip qui n'est ni un document Word (.docx) ni un document OpenDocument texte"
        " (.odt) : rien à importer",
    ),
    "chiffre.docx": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "ce fichier est un document Office chiffré par un mot de passe, ou un ancien .doc",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_document_that_cannot_be_read_is_refused_and_nothing_written(run_cli, tmp_path, name):
    build, message = REFUSED[name]
    result = import_file(run_cli, tmp_path, name, build())
    assert result.exit_code == 1
    assert result.stderr.startswith(f"essplan : {name} : {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plans").exists()


def test_the_zip_bomb_is_refused_before_decompression(run_cli, tmp_path, monkeypatch):
    """La taille décompressée se lit dans l'annuaire de l'archive : rien n'est décompressé."""
    import io
    import zipfile

    from essplan.french import number

    def never(*args, **kwargs):
        raise AssertionError("un membre a été décompressé")

    bomb = documents.zip_bomb(documents.docx_bytes(LINES[:40]), 6 << 20)
    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    result = import_file(run_cli, tmp_path, "bombe.docx", bomb)
    assert result.exit_code == 1
    total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert total > 6 << 20
    assert result.stderr == (
        f"essplan : bombe.docx : archive trop grosse une fois décompressée ({number(total)}"
        f" octets, limite {number(5 << 20)}) : elle n'est pas décompressée\n"
    )
    assert len(bomb) < 64 << 10


def test_a_document_over_the_file_limit_is_refused_before_reading(run_cli, tmp_path):
    (tmp_path / "essplan.toml").write_text("[limits]\nmax-file-size = 20000\n")
    result = import_file(run_cli, tmp_path, "gros.docx", documents.docx_bytes(LINES))
    assert result.exit_code == 1
    assert "fichier trop gros (" in result.stderr
    assert "limite 20" in result.stderr
    assert not (tmp_path / "plans").exists()
