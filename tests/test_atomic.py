"""Écriture atomique : une écriture qui échoue laisse l'ancien fichier intact et rien d'autre."""

from __future__ import annotations

import os

import pytest

from essplan.atomic import write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "sous-dossier" / "annexe.html"
    target.parent.mkdir()
    write_atomic(target, "première version")
    write_atomic(target, "seconde version")
    assert target.read_text(encoding="utf-8") == "seconde version"
    assert os.listdir(target.parent) == ["annexe.html"]


def test_a_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "annexe.html"
    target.write_text("version précédente", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "nouvelle version, jamais complète")
    assert target.read_text(encoding="utf-8") == "version précédente"
    assert os.listdir(tmp_path) == ["annexe.html"]


def test_the_folder_must_exist(tmp_path):
    """Créer les dossiers est l'affaire de l'appelant : un `-o` fautif n'en sème pas."""
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "absent" / "annexe.html", "texte")
    assert os.listdir(tmp_path) == []
