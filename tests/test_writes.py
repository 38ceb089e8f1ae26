"""Les écritures qui ne perdent rien.

`import --force` construit le nouveau dossier du plan à côté de l'ancien et l'échange d'un seul
renommage, sous un verrou : à tout instant l'ancien dossier est intact ou le nouveau complet ;
il n'écrit jamais à travers un lien. Les bornes de l'import (identifiant, taille du texte) sont
vérifiées avant usage. Les interruptions et la concurrence sont de vrais sous-processus,
arrêtés à un point précis (un `os.fsync` remplacé dans le processus fils), jamais par un
`sleep`.
"""

from __future__ import annotations

import errno
import gc
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS
from test_import import FICHE

from essplan.importer import writing

SOURCE = PLANS / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"
IMPORT_P = ["import", str(SOURCE), "--plan", "p", "--into", "plans"]
LOCK = ".essplan-import.lock"


def old_plan(root: Path, name: str = "p") -> Path:
    """`plans/<name>` : un plan existant (une copie de poitiers), que l'import remplacera."""
    folder = root / "plans" / name
    shutil.copytree(PLANS / "poitiers", folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(plans: Path) -> list[str]:
    """Ce qu'un import aurait laissé derrière lui : temporaires, dossiers de travail (le fichier
    du verrou peut rester après un arrêt net : il ne gêne pas le suivant, qui le retire)."""
    return sorted(str(p.relative_to(plans)) for p in plans.rglob(".*") if p.name != LOCK)


@pytest.fixture
def clermont(run_cli, tmp_path) -> dict[str, bytes]:
    """Le dossier que donne l'import de Clermont dans un dépôt neuf : ce qu'un `--force`
    complet doit laisser."""
    fresh = tmp_path / "neuf"
    fresh.mkdir()
    assert run_cli(*IMPORT_P, cwd=fresh).exit_code == 0
    return snapshot(fresh / "plans" / "p")


@pytest.fixture
def replaced(clermont) -> dict[str, bytes]:
    """Ce que laisse un `--force` complet sur `old_plan` : le plan importé, et la source de
    l'ancien plan, qui n'est pas un fichier du plan importé (seules les fiches en trop partent)."""
    kept = "sources/poitiers-feuille-de-route.txt"
    return {**clermont, kept: (PLANS / "poitiers" / kept).read_bytes()}


# -------------------------------------------------------------- un échec en cours d'écriture


def test_a_failed_force_import_leaves_the_old_plan_whole(run_cli, tmp_path, monkeypatch):
    """Le disque se remplit à la troisième écriture : plan.yaml ne doit pas être déjà remplacé
    (sinon validate accepterait un plan neuf avec les fiches de l'ancien)."""
    folder = old_plan(tmp_path)
    before = snapshot(folder)
    real_fsync, calls = os.fsync, []

    def disk_full_at_the_third_file(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_at_the_third_file)
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        "essplan : impossible d'écrire dans plans/p : disque plein\n",
    )
    assert snapshot(folder) == before
    assert leftovers(tmp_path / "plans") == []


def test_a_busy_device_is_said_in_french(run_cli, tmp_path, monkeypatch):
    old_plan(tmp_path)

    def busy(fd):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "fsync", busy)
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        "essplan : impossible d'écrire dans plans/p : fichier ou périphérique occupé\n",
    )


@pytest.mark.parametrize(
    ("into", "said"),
    [
        ("fichier", "un élément du chemin n'est pas un dossier"),  # Not a directory
        ("fichier/plans", "un élément du chemin n'est pas un dossier"),
    ],
)
def test_into_a_file_is_said_in_french(run_cli, tmp_path, into, said):
    (tmp_path / "fichier").write_text("x\n", encoding="utf-8")
    result = run_cli("import", str(SOURCE), "--plan", "p", "--into", into, cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        f"essplan : impossible d'écrire dans {into}/p : {said}\n",
    )
    assert (tmp_path / "fichier").read_text(encoding="utf-8") == "x\n"


def test_force_keeps_the_files_that_are_not_the_plan(run_cli, tmp_path, replaced):
    """Les fiches que l'import n'a pas sont retirées ; un autre fichier du dossier reste."""
    folder = old_plan(tmp_path)
    (folder / "sources" / "deliberation.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "notes.md").write_text("Mes notes.\n", encoding="utf-8")
    (folder / "fiches" / "9.9.yaml").write_text('id: "9.9"\n', encoding="utf-8")
    os.chmod(folder, 0o750)
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "  plans/p/fiches/9.9.yaml (retiré : l'import n'a pas cette fiche)\n" in result.stdout
    assert snapshot(folder) == {
        **replaced,
        "sources/deliberation.pdf": b"%PDF-1.4 ...",
        "notes.md": b"Mes notes.\n",
    }
    assert os.stat(folder).st_mode & 0o777 == 0o750
    assert leftovers(tmp_path / "plans") == []


# ------------------------------------------------------------------------ jamais un lien


def link_folder(root: Path) -> None:
    os.symlink("q", root / "plans" / "p")


def link_fiches(root: Path) -> None:
    (root / "plans" / "p").mkdir()
    shutil.copy(PLANS / "poitiers" / "plan.yaml", root / "plans" / "p" / "plan.yaml")
    os.symlink("../q/fiches", root / "plans" / "p" / "fiches")


def link_one_fiche(root: Path) -> None:
    shutil.copytree(PLANS / "poitiers", root / "plans" / "p")
    (root / "plans" / "p" / "fiches" / "1.yaml").unlink()
    os.symlink("../../q/fiches/1.yaml", root / "plans" / "p" / "fiches" / "1.yaml")


@pytest.mark.parametrize(
    ("arrange", "link"),
    [
        (link_folder, "plans/p"),
        (link_fiches, "plans/p/fiches"),
        (link_one_fiche, "plans/p/fiches/1.yaml"),
    ],
)
def test_force_never_writes_through_a_link(run_cli, tmp_path, arrange, link):
    other = old_plan(tmp_path, "q")
    arrange(tmp_path)
    before = snapshot(tmp_path / "plans")
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"essplan : « {link} » est un lien symbolique : essplan import n'écrit jamais à travers"
        " un lien ; rien n'est écrit\n",
    )
    assert snapshot(tmp_path / "plans") == before
    assert snapshot(other) == snapshot(PLANS / "poitiers")


def test_a_special_file_in_the_plan_folder_is_refused_unread(run_cli, tmp_path):
    folder = old_plan(tmp_path)
    os.mkfifo(folder / "tube")
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : « plans/p/tube » n'est ni un fichier ordinaire ni un dossier : essplan"
        " import ne le remplacera pas ; rien n'est écrit\n",
    )


# --------------------------------------------------- interruptions et concurrence, en vrai

# Le processus fils s'arrête juste après son N-ième `os.fsync` (le N-ième fichier écrit et
# forcé sur le disque), l'annonce par « PAUSE » et attend une ligne sur son entrée standard.
PAUSED = """
import os, sys
from essplan.cli import main
pause_at, calls, real_fsync = int(sys.argv[1]), [], os.fsync
def fsync(fd):
    real_fsync(fd)
    calls.append(fd)
    if len(calls) == pause_at:
        sys.stdout.write("PAUSE\\n")
        sys.stdout.flush()
        sys.stdin.readline()
os.fsync = fsync
sys.exit(main(sys.argv[2:]))
"""


def start_paused(root: Path, pause_at: int, *args: str, script: str = PAUSED) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(pause_at), *args],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = child.stdout.readline()
    assert first == "PAUSE\n", first + child.stderr.read()
    return child


def finish(child: subprocess.Popen) -> tuple[int, str, str]:
    child.wait(timeout=120)  # l'entrée standard reste ouverte : rien ne réveille le fils
    return child.returncode, child.stdout.read(), child.stderr.read()


def test_sigterm_while_writing_leaves_the_old_plan_whole(tmp_path):
    folder = old_plan(tmp_path)
    before = snapshot(folder)
    child = start_paused(tmp_path, 2, *IMPORT_P, "--force")
    child.send_signal(signal.SIGTERM)
    code, _, err = finish(child)
    assert (code, err) == (
        130,
        "essplan : interrompu ; aucun fichier n'a été laissé à moitié écrit\n",
    )
    assert snapshot(folder) == before
    assert leftovers(tmp_path / "plans") == []


def test_sigkill_while_writing_leaves_the_old_plan_and_the_next_import_cleans_up(
    run_cli, tmp_path, replaced
):
    folder = old_plan(tmp_path)
    before = snapshot(folder)
    child = start_paused(tmp_path, 2, *IMPORT_P, "--force")
    child.kill()
    finish(child)
    assert snapshot(folder) == before
    [left] = leftovers(tmp_path / "plans")  # le dossier de travail, que rien n'a pu retirer
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == (
        f"essplan : reste d'un import arrêté net, supprimé : plans/{left} (plans/p ne"
        " l'utilisait pas)\n"
    )
    assert leftovers(tmp_path / "plans") == []
    assert snapshot(folder) == replaced


def test_a_concurrent_import_is_refused_and_the_first_one_completes(tmp_path, replaced):
    folder = old_plan(tmp_path)
    before = snapshot(folder)
    (tmp_path / "petit.txt").write_text(FICHE.format(n=1), encoding="utf-8")
    first = start_paused(tmp_path, 2, *IMPORT_P, "--force")
    assert snapshot(folder) == before  # pendant qu'il écrit, l'ancien plan est intact
    second = subprocess.run(
        [sys.executable, "-m", "essplan", "import", "petit.txt", "--plan", "p"]
        + ["--into", "plans", "--force"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (second.returncode, second.stderr) == (
        1,
        "essplan : une autre commande d'essplan (import ou collect) écrit en ce moment dans"
        " plans : rien n'est écrit ; relancez quand elle aura fini\n",
    )
    first.stdin.write("\n")
    first.stdin.flush()
    code, _, err = finish(first)
    assert (code, err) == (0, "")
    assert snapshot(folder) == replaced


def test_an_import_leaves_no_lock_file_behind(run_cli, tmp_path):
    assert run_cli(*IMPORT_P, cwd=tmp_path).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["p"]


def test_a_lock_removed_by_its_holder_is_taken_again_on_the_new_file(
    run_cli, tmp_path, monkeypatch
):
    """L'import ouvre le fichier du verrou ; avant qu'il le verrouille, le détenteur finit et
    le retire. Verrouiller ce fichier orphelin ne protégerait de rien (un troisième import en
    créerait un autre) : l'import voit que le fichier n'est plus au chemin et recommence."""
    import fcntl

    real_flock, calls = fcntl.flock, []

    def flock_after_removal(handle, operation):
        calls.append(operation)
        if len(calls) == 1:
            os.unlink(tmp_path / "plans" / LOCK)
        return real_flock(handle, operation)

    monkeypatch.setattr(fcntl, "flock", flock_after_removal)
    result = run_cli(*IMPORT_P, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 2  # le fichier retiré, puis le nouveau
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["p"]


# Le fils note chaque écriture que Python voit (événements d'audit : ouverture en écriture,
# renommage, suppression, création, droits…) sur un chemin du dossier du plan, et chaque
# échange de dossiers fait par `essplan.atomic.exchange` ; la liste va dans un fichier.
AUDITED = """
import json, os, sys
from essplan import atomic
from essplan.cli import main
watched, journal = os.path.abspath(sys.argv[1]), sys.argv[2]
touched = []
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
PATHS = {
    "os.rename": ((0, 2), (1, 3)), "os.remove": ((0, 1),), "os.rmdir": ((0, 1),),
    "os.mkdir": ((0, 2),), "os.chmod": ((0, 2),), "os.symlink": ((1, 2),),
    "os.link": ((1, 3),), "os.truncate": ((0, None),), "os.utime": ((0, 3),),
    "os.chown": ((0, 3),), "shutil.rmtree": ((0, 1),), "shutil.copyfile": ((1, None),),
}
def inside(path, dir_fd):
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    path = os.fsdecode(path)
    if isinstance(dir_fd, int) and dir_fd >= 0:
        path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    full = os.path.abspath(path)
    return full == watched or full.startswith(watched + os.sep)
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITES
        )
        if writes and inside(path, None):
            touched.append([event, os.fsdecode(path)])
    for where, fd in PATHS.get(event, ()):
        if inside(args[where], args[fd] if fd is not None else None):
            touched.append([event, *(os.fsdecode(args[w]) for w, _ in PATHS[event])])
sys.addaudithook(hook)
real_exchange = getattr(atomic, "exchange", None)
if real_exchange is not None:
    def exchange(first, second):
        done = real_exchange(first, second)
        if done:
            touched.append(["exchange", str(first), str(second)])
        return done
    atomic.exchange = exchange
code = main(sys.argv[3:])
with open(journal, "w") as stream:
    json.dump(touched, stream)
sys.exit(code)
"""


def test_the_plan_folder_is_changed_by_one_rename_only(tmp_path, replaced):
    """La preuve qu'un lecteur ne voit jamais de mélange : rien n'écrit dans plans/p, sinon un
    seul échange de dossiers (renameat2), ou, là où le système ne sait pas échanger, deux
    renommages de dossiers entiers, signaux bloqués, repris au lancement suivant."""
    folder = old_plan(tmp_path)
    journal = tmp_path / "journal.json"
    run = subprocess.run(
        [sys.executable, "-c", AUDITED, str(folder), str(journal), *IMPORT_P, "--force"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    touched = json.loads(journal.read_text(encoding="utf-8"))
    work = [str(p) for p in (tmp_path / "plans").iterdir()]  # aucun : juste pour le message
    assert [event[0] for event in touched] in (["exchange"], ["os.rename", "os.rename"]), (
        touched,
        work,
    )
    assert all(str(folder) in event[1:] for event in touched)
    assert snapshot(folder) == replaced


# Le système ne sait pas échanger deux dossiers : le fils s'arrête entre les deux renommages.
BETWEEN_RENAMES = """
import os, sys
from essplan import atomic
from essplan.cli import main
atomic.exchange = lambda first, second: False
real_rename, folder = os.rename, os.path.abspath("plans/p")
def rename(source, target, **kwargs):
    if os.path.abspath(target) == folder:
        sys.stdout.write("PAUSE\\n")
        sys.stdout.flush()
        sys.stdin.readline()
    real_rename(source, target, **kwargs)
os.rename = rename
sys.exit(main(sys.argv[2:]))
"""


def test_sigkill_between_two_renames_is_undone_by_the_next_import(run_cli, tmp_path):
    folder = old_plan(tmp_path)
    before = snapshot(folder)
    child = start_paused(tmp_path, 0, *IMPORT_P, "--force", script=BETWEEN_RENAMES)
    assert not folder.exists()  # l'ancien dossier est à l'écart, intact, sous un autre nom
    child.kill()
    finish(child)
    [aside] = [name for name in leftovers(tmp_path / "plans") if ".old-" in name]
    result = run_cli(*IMPORT_P, cwd=tmp_path)  # sans --force : la reprise seule
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"essplan : import arrêté net entre deux renommages : plans/p remis en place depuis"
        f" plans/{aside}\n"
    )
    assert result.stderr.endswith(
        "essplan : le dossier plans/p existe déjà : rien n'est écrit (--force pour le remplacer)\n"
    )
    assert snapshot(folder) == before
    assert leftovers(tmp_path / "plans") == []


def test_without_exchange_two_renames_replace_the_folder(run_cli, tmp_path, monkeypatch, replaced):
    from essplan import atomic

    folder = old_plan(tmp_path)
    monkeypatch.setattr(atomic, "exchange", lambda first, second: False)
    result = run_cli(*IMPORT_P, "--force", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert snapshot(folder) == replaced
    assert leftovers(tmp_path / "plans") == []


# --------------------------------------------------------------- bornes, avant tout usage


def test_a_plan_id_too_long_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("import", str(SOURCE), "--plan", "a" * 300, "--into", "plans", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : identifiant de plan trop long (300 caractères, 64 au plus)\n",
    )
    assert not (tmp_path / "plans").exists()


# Un parent neuf mesure la mémoire d'un seul processus essplan (voir test_safety.py).
MEASURE = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "essplan", *sys.argv[1:]], capture_output=True)
sys.stderr.buffer.write(run.stderr)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_a_huge_text_is_refused_before_it_is_read(tmp_path):
    with open(tmp_path / "enorme.txt", "wb") as stream:
        stream.truncate(300 * 1024 * 1024)  # 300 Mo, creux : rien n'est écrit sur le disque
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, "import", "enorme.txt", "--plan", "e", "--into", "plans"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    code, peak_kib = map(int, run.stdout.split())
    assert (code, run.stderr) == (
        1,
        "essplan : enorme.txt : fichier trop gros (314\u202f572\u202f800 octets, limite"
        " 5\u202f242\u202f880) : une délibération et son annexe tiennent en quelques centaines"
        " de kilo-octets\n",
    )
    assert peak_kib / 1024 < 150, f"{peak_kib / 1024:.0f} Mio"
    assert not (tmp_path / "plans").exists()


def test_standard_input_is_read_no_further_than_the_limit(run_cli, tmp_path, monkeypatch):
    limit = 5 * 1024 * 1024
    stream = io.BytesIO(b"x" * (limit + 1000))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    result = run_cli("import", "-", "--plan", "e", "--into", "plans", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "essplan : entrée standard : fichier trop gros (plus de 5\u202f242\u202f880 octets"
    )
    assert stream.tell() <= limit + 1


def test_a_file_that_grows_after_stat_is_still_bounded(run_cli, tmp_path, monkeypatch):
    """La taille annoncée par `lstat` et `fstat` ne suffit pas (un fichier peut grossir) : la
    lecture s'arrête à la limite plus un octet."""
    limit = 5 * 1024 * 1024
    (tmp_path / "grossit.txt").write_bytes(b"x" * (limit + 1000))
    real_fstat, real_lstat = os.fstat, os.lstat

    class Small:
        def __init__(self, status):
            self.status = status

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self.status, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    monkeypatch.setattr(os, "lstat", lambda path: Small(real_lstat(path)))
    result = run_cli("import", "grossit.txt", "--plan", "e", "--into", "plans", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        "essplan : grossit.txt : fichier trop gros (plus de 5\u202f242\u202f880 octets, la"
        " limite) : une délibération et son annexe tiennent en quelques centaines de"
        " kilo-octets\n",
    )


@pytest.mark.parametrize(("make", "kind"), [("tube", "tube nommé"), ("/dev/zero", "périphérique")])
def test_a_text_that_is_not_a_regular_file_is_refused_unread(tmp_path, make, kind):
    """Un sous-processus, avec une limite de temps : ouvrir un tube nommé sans écrivain
    bloquerait pour toujours."""
    if make == "tube":
        os.mkfifo(tmp_path / "tube")
    run = subprocess.run(
        [sys.executable, "-m", "essplan", "import", make, "--plan", "e", "--into", "plans"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (
        2,
        f"essplan : « {make} » : ce n'est pas un fichier ordinaire ({kind}) : il n'est pas lu\n",
    )


# ------------------------------------------------------------------- forcé sur le disque


def test_each_file_and_folder_of_the_import_is_forced_to_disk(run_cli, tmp_path, monkeypatch):
    """Avant l'échange, chaque fichier et chaque dossier du nouveau plan a eu son `fsync` (les
    fichiers plusieurs à la fois, `atomic.fsync_files`)."""
    real_fsync, forced = os.fsync, set()

    def recorded(fd):
        forced.add(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recorded)
    assert run_cli(*IMPORT_P, cwd=tmp_path).exit_code == 0
    folder = tmp_path / "plans" / "p"
    written = [folder, *sorted(folder.rglob("*"))]
    assert (
        len(written) == 19
    )  # le dossier, plan.yaml, fiches/ et ses 14 fiches, sources/ et la copie
    assert [p for p in written if p.stat().st_ino not in forced] == []


def test_a_dry_run_forces_nothing_to_disk(run_cli, tmp_path, monkeypatch):
    """À blanc, la copie contrôlée est jetée : aucun `fsync`, et rien n'est laissé."""

    def refused(fd):
        raise AssertionError("fsync à blanc")

    monkeypatch.setattr(os, "fsync", refused)
    result = run_cli(*IMPORT_P, "--dry-run", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert list(tmp_path.iterdir()) == []


def test_the_cycle_collector_resumes_after_an_import(run_cli, tmp_path):
    """L'import suspend le ramasse-miettes des cycles le temps de son travail, jamais au-delà,
    qu'il réussisse ou échoue."""
    assert gc.isenabled()
    assert run_cli(*IMPORT_P, cwd=tmp_path).exit_code == 0
    assert gc.isenabled()
    refused = run_cli(*IMPORT_P, cwd=tmp_path)  # le dossier existe, sans --force
    assert refused.exit_code == 1, refused.stderr
    assert gc.isenabled()


def test_a_dry_run_is_the_same_in_memory_or_on_disk(run_cli, tmp_path, monkeypatch):
    memory = tmp_path / "memoire"
    memory.mkdir()
    (tmp_path / "depot").mkdir()
    monkeypatch.setattr(writing, "IN_MEMORY", memory)
    in_memory = run_cli(*IMPORT_P, "--dry-run", cwd=tmp_path / "depot")
    assert in_memory.exit_code == 0
    assert list(memory.iterdir()) == []  # la copie retirée
    monkeypatch.setattr(writing, "IN_MEMORY", tmp_path / "absent")
    on_disk = run_cli(*IMPORT_P, "--dry-run", cwd=tmp_path / "depot")
    assert (on_disk.exit_code, on_disk.stdout, on_disk.stderr) == (
        in_memory.exit_code,
        in_memory.stdout,
        in_memory.stderr,
    )
    assert list((tmp_path / "depot").iterdir()) == []


def test_the_dry_run_copy_goes_in_memory_only_where_there_is_room(tmp_path, monkeypatch):
    monkeypatch.setattr(writing, "IN_MEMORY", tmp_path)
    assert writing.scratch_folder(5 << 20, 11_488) == tmp_path
    room = os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
    assert writing.scratch_folder(room, 1) is None  # quatre fois la place : il n'y est pas
    monkeypatch.setattr(writing, "IN_MEMORY", tmp_path / "absent")
    assert writing.scratch_folder(10, 1) is None
