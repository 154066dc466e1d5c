"""A data file reached through a symbolic link, another name, or a planted link: one policy.

The policy is to follow a symbolic link: the lock, the temp file, the ``.bak`` and the replace act
on the file it points to, and the link stays a link. An attack found that the first save replaced
the link with a regular file (the target stopped receiving updates, ``.bak`` became a link to it),
that opening chmod'ed through the link, that ``forget`` reported success while the target kept the
data, and that another path to the same file bypassed the lock. Now the data file itself is
locked too (its inode, moved to each new version), so a second path of any kind — a symbolic
link, a hard link, a bind mount, a deleted lock file — is refused like a second ``als``; a data
file with a second hard link is refused outright (a save would leave the old version under the
other name); nothing is ever chmod'ed through a link.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.model import ALSet, Member
from als_tui.store import LockedError, Store, StoreError
from tests.factories import make_set, meeting_at


@pytest.fixture
def real(tmp_path: Path) -> Path:
    db = tmp_path / "real" / "d.json"
    with Store(db) as store:
        alset = make_set(store)
        m = meeting_at(store, alset, "summary")
        m.checkins[0].note = "Asha's private worry about the merger"
        store.save_meeting(m)
    return db


def _mentions(folder: Path, text: bytes) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink() and text in p.read_bytes())


def test_forget_through_a_symlink_acts_on_the_target_and_keeps_the_link(real, tmp_path, capsys):
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(link)]) == 0
    capsys.readouterr()
    assert link.is_symlink() and link.resolve() == real
    assert not (tmp_path / "link.json.bak").exists()  # the .bak is beside the target, a regular file
    bak = real.with_name("d.json.bak")
    assert bak.is_file() and not bak.is_symlink()
    assert _mentions(real.parent, b"private worry") == [] and _mentions(tmp_path, b"private worry") == []


def test_saves_through_a_symlink_keep_it_a_link(real, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(real)
    for i in range(3):
        with Store(link) as store:
            store.save_set(ALSet(name=f"Set {i}", members=[Member("Asha")], id=f"x{i}"))
    assert link.is_symlink()
    with Store(real) as store:
        assert {"Set 0", "Set 1", "Set 2"} <= {s.name for s in store.sets()}


def test_never_chmod_through_a_link(tmp_path, real, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    os.chmod(notes, 0o644)
    n = tmp_path / "n.json"
    n.symlink_to(notes)
    for argv in (["export", "--db", str(n)], ["demo", "--db", str(n)]):
        assert cli.main(argv) == 1
        capsys.readouterr()
    assert notes.read_text() == "my notes\n" and (notes.stat().st_mode & 0o777) == 0o644
    os.chmod(real, 0o644)  # the person's own data file, readable by others, opened through a link
    vl = tmp_path / "vl.json"
    vl.symlink_to(real)
    assert cli.main(["export", "--db", str(vl)]) == 0
    capsys.readouterr()
    assert (real.stat().st_mode & 0o777) == 0o644


@pytest.mark.parametrize("alias", ["symlink", "hard link", "dotdot", "deleted lock"])
def test_a_second_path_to_an_open_file_is_refused(real, tmp_path, capsys, alias):
    with Store(real):
        if alias == "symlink":
            other = tmp_path / "link.json"
            other.symlink_to(real)
        elif alias == "dotdot":
            other = real.parent / ".." / "real" / "d.json"
        elif alias == "deleted lock":
            real.with_name("d.json.lock").unlink()
            other = real
        else:
            other = tmp_path / "hl.json"
            os.link(real, other)
        before = real.read_bytes()
        with pytest.raises(StoreError) as exc:
            Store(other)
        assert isinstance(exc.value, LockedError) or "another name" in str(exc.value)
        assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(other)]) == 1
        assert "already open" in capsys.readouterr().err or alias == "hard link"
        assert real.read_bytes() == before


def test_the_inode_lock_follows_each_new_version(real, tmp_path):
    """The data file is replaced at every save: the lock moves to the new version."""
    with Store(real) as store:
        for i in range(3):
            store.save_set(ALSet(name=f"Set {i}", id=f"x{i}"))
            real.with_name("d.json.lock").unlink()  # only the lock on the file itself is left
            with pytest.raises(LockedError):
                Store(real)


def test_a_data_file_with_another_name_is_refused(real, tmp_path, capsys):
    extra = tmp_path / "extra.json"
    os.link(real, extra)
    before = real.read_bytes()
    assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(real)]) == 1
    err = capsys.readouterr().err
    assert "has another name (a hard link)" in err and err.count("\n") == 1
    assert real.read_bytes() == before and extra.read_bytes() == before


def test_planted_bak_and_lock_links_are_never_written_through(real, tmp_path, capsys):
    victim = tmp_path / "v1.txt"
    victim.write_text("v1\n")
    os.chmod(victim, 0o644)
    bak = real.with_name("d.json.bak")
    bak.unlink()
    bak.symlink_to(victim)
    assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(real)]) == 0
    capsys.readouterr()
    assert victim.read_text() == "v1\n" and (victim.stat().st_mode & 0o777) == 0o644
    assert not bak.is_symlink()  # the name was replaced, not written into
    lock_victim = tmp_path / "v3.txt"
    lock_victim.write_text("v3\n")
    os.chmod(lock_victim, 0o644)
    lock = real.with_name("d.json.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(lock_victim)
    assert cli.main(["export", "--db", str(real)]) == 1
    assert "not a lock of als" in capsys.readouterr().err
    assert lock_victim.read_text() == "v3\n" and (lock_victim.stat().st_mode & 0o777) == 0o644


def test_loops_and_folder_links_are_refused_a_dangling_link_is_followed(tmp_path, capsys):
    (tmp_path / "l1.json").symlink_to(tmp_path / "l2.json")
    (tmp_path / "l2.json").symlink_to(tmp_path / "l1.json")
    assert cli.main(["demo", "--db", str(tmp_path / "l1.json")]) == 1
    assert "loop of symbolic links" in capsys.readouterr().err
    (tmp_path / "adir").mkdir()
    (tmp_path / "ld.json").symlink_to(tmp_path / "adir")
    assert cli.main(["demo", "--db", str(tmp_path / "ld.json")]) == 1
    assert "folder" in capsys.readouterr().err and not list((tmp_path / "adir").iterdir())
    (tmp_path / "dl.json").symlink_to(tmp_path / "nowhere.json")
    assert cli.main(["demo", "--db", str(tmp_path / "dl.json"), "--meetings", "2"]) == 0
    capsys.readouterr()
    assert (tmp_path / "dl.json").is_symlink() and (tmp_path / "nowhere.json").is_file()


def test_a_bind_mount_of_the_folder_is_a_second_path(real, tmp_path, capsys):
    mount = tmp_path / "bm"
    mount.mkdir()
    if subprocess.run(["mount", "--bind", str(real.parent), str(mount)], capture_output=True).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        with Store(real):
            assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(mount / "d.json")]) == 1
            assert "already open" in capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(mount)], check=True)
