"""Écriture atomique : une écriture qui échoue laisse l'ancien fichier intact et rien d'autre."""

from __future__ import annotations

import os

import pytest

from essplan.atomic import fsync_files, write_atomic


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


def test_fsync_files_forces_each_file_once(tmp_path, monkeypatch):
    paths = [tmp_path / f"{n}.yaml" for n in range(100)]
    for path in paths:
        path.write_text("id: 1\n", encoding="utf-8")
    real_fsync, forced = os.fsync, []

    def recorded(fd):
        forced.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recorded)
    fsync_files(paths, workers=8)
    assert sorted(forced) == sorted(path.stat().st_ino for path in paths)


def test_fsync_files_raises_the_disk_error(tmp_path, monkeypatch):
    paths = [tmp_path / f"{n}.yaml" for n in range(20)]
    for path in paths:
        path.write_text("id: 1\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        fsync_files(paths, workers=4)


def test_fsync_files_refuses_a_link(tmp_path):
    (tmp_path / "cible.yaml").write_text("id: 1\n", encoding="utf-8")
    (tmp_path / "lien.yaml").symlink_to(tmp_path / "cible.yaml")
    with pytest.raises(OSError):
        fsync_files([tmp_path / "lien.yaml"])
