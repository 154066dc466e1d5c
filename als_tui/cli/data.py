"""The commands that work on the data file once: ``demo``, ``export``, ``import``, ``forget`` and
``restore-backup`` (issue 5). Each opens the file, does its work whole or not at all, and says so
in one line."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from ..paths import user_path

from .common import CliError, db_path, store_failed, write_stdout


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from ..store import StoreError, restore_backup
    from ..store.restore import NotConfirmed

    def confirm(question: str) -> bool:
        if args.yes:
            return True
        if sys.stdin is None or not sys.stdin.isatty():
            return False
        print(f"{question}.", file=sys.stderr)
        try:
            answer = input("Type yes to put the backup back (the file it replaces is kept beside it): ")
        except EOFError:
            answer = ""
        if answer.strip().casefold() not in ("y", "yes"):
            raise CliError("nothing was changed")
        return True

    try:
        print(restore_backup(db_path(args), confirm))
    except NotConfirmed as exc:
        raise CliError(f"{exc}; add --yes to put it back anyway") from None
    except StoreError as exc:
        raise store_failed(exc) from None
    return 0


def _open_store(path: Path, *, must_exist: bool):
    """The store on *path*, or CliError with the store's one line (locked, unreadable, …)."""
    from ..store import Store, StoreError

    if must_exist and path.is_dir():
        raise CliError(f"{path} is a folder, not a data file")
    if must_exist and not path.exists():  # (a pipe or a device exists: the store refuses it by its kind)
        raise CliError(f"there is no data file at {path}; give yours with --db PATH")
    try:
        return Store(path)
    except StoreError as exc:
        raise store_failed(exc) from None
    except OSError as exc:
        raise CliError(f"cannot open {path}: {exc.strerror or exc}") from None


def _find_set(store, name: str):
    alset = store.set_by_name(name)
    if alset is None:
        names = ", ".join(f"“{s.name}”" for s in store.sets())
        where = f"its sets: {names}" if names else "it has no sets yet"
        raise CliError(f"there is no set named “{name.strip()}” in {store.path}; {where}")
    return alset


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import DemoError, build_demo, demo_counts
    from ..store import StoreError

    db = db_path(args)
    new = not os.path.exists(db)
    store = _open_store(db, must_exist=False)
    with _all_or_nothing(store, new):
        try:
            store.load_history()  # (a damaged line is reported now, with the backup, not after another refusal)
            alset = build_demo(store, meetings=args.meetings, seed=args.seed)
            counts = demo_counts(store, alset)
        except (DemoError, StoreError) as exc:
            raise store_failed(exc) from None
    print(f"Created “{alset.name}” in {db}: {counts}.")
    return 0


@contextlib.contextmanager
def _all_or_nothing(store, new: bool):
    """Close *store* after the block; if the block failed (or was stopped) and the data file is
    one this command made, which still holds nothing, remove it: a command that did not do its
    work leaves no file behind (the lock file aside)."""
    try:
        yield
    except BaseException:
        if new:  # (still under the store's lock)
            from ..store.guards import read_checked

            try:
                held = read_checked(store.path)
            except ValueError:
                held = None
            if held is not None and not any(t for name, t in held.items() if name != "_meta"):
                store.path.unlink(missing_ok=True)
        store.close()
        raise
    store.close()


def _own_files(db: Path) -> list[Path]:
    """The data file and the files beside it that no command may write over: its backup and lock
    (beside the file a symbolic link points to, too: the store saves there)."""
    files = []
    for path in {db, Path(os.path.realpath(db))}:
        files += [path, path.parent / (path.name + ".bak"), path.parent / (path.name + ".lock")]
    return files


def _check_stdout(db: Path) -> None:
    """Refuse to write an export to standard output when that is the data file (``>> data.json``)."""
    from ..outfile import same_file_as

    try:
        out = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return
    if any(same_file_as(out, own) for own in _own_files(db)):
        raise CliError(f"standard output is {db} (the data file, its backup or its lock); "
                       "write the export somewhere else")


def _export_text(store, args: argparse.Namespace) -> tuple[str, str]:
    """(the text, what it is) for `als export`."""
    from ..export import MEETING_SEPARATOR, actions_csv, all_minutes_markdown, backup_json

    if args.format == "json":
        raw = store.raw()
        n_sets = len(raw.get("sets", {}))
        n_meetings = len(raw.get("meetings", {}))
        plural = "" if n_sets == 1 else "s"
        return backup_json(raw), f"a backup of the whole file ({n_sets} set{plural}, {n_meetings} meetings)"
    sets = [_find_set(store, args.set)] if args.set else store.sets()
    if not sets:
        raise CliError(f"{store.path} has no sets yet; there is nothing to export")
    meetings = held = {s.id: store.meetings(s.id) for s in sets}
    if args.meeting:
        chosen = {sid: [m for m in ms if m.date == args.meeting] for sid, ms in meetings.items()}
        if not any(chosen.values()):
            dates = sorted({m.date for ms in meetings.values() for m in ms}, reverse=True)
            listed = ", ".join(dates[:5]) + (", …" if len(dates) > 5 else "") if dates else "none yet"
            where = f"“{sets[0].name}”" if args.set else str(store.path)
            raise CliError(f"no meeting on {args.meeting} in {where}; latest meetings: {listed}")
        sets = [s for s in sets if chosen[s.id]]
        meetings = {s.id: chosen[s.id] for s in sets}
    actions = {s.id: store.actions(s.id) for s in sets}
    if args.format == "md":  # (all the set's actions: the minutes name those reported on at check-in)
        parts = [
            all_minutes_markdown(s, meetings[s.id], actions[s.id], include_unfinished=bool(args.meeting),
                                 held=held[s.id])
            for s in sets
        ]
        text = MEETING_SEPARATOR.join(p.rstrip("\n") + "\n" for p in parts)
        return text, "the minutes" + (f" of {args.meeting}" if args.meeting else "")
    if args.meeting:
        ids = {m.id for ms in meetings.values() for m in ms}
        actions = {sid: [a for a in acts if a.meeting_id in ids] for sid, acts in actions.items()}
    all_actions = [a for s in sets for a in actions[s.id]]
    all_meetings = [m for s in sets for m in meetings[s.id]]
    return actions_csv(sets, all_actions, all_meetings), f"{len(all_actions)} actions"


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import date

    db = db_path(args)
    if args.format == "json" and (args.set or args.meeting):
        raise CliError("--format json backs up the whole file; leave out --set and --meeting")
    if args.meeting:
        try:
            date.fromisoformat(args.meeting)
        except ValueError:
            raise CliError(f"--meeting wants a date as YYYY-MM-DD, not {args.meeting!r}") from None
    out = user_path(args.out) if args.out else None
    if out is not None:
        from ..outfile import OutFileError, check_target

        try:
            check_target(out, force=args.force, protected=_own_files(db))
        except OutFileError as exc:
            raise CliError(str(exc)) from None
    else:
        _check_stdout(db)
    from ..store import StoreError

    store = _open_store(db, must_exist=True)
    try:
        text, what = _export_text(store, args)
    except StoreError as exc:  # (the actions and meetings lines are read only now)
        raise store_failed(exc) from None
    finally:
        store.close()
    if out is None:
        write_stdout(text)
        return 0
    from ..outfile import OutFileError, write_file

    try:
        write_file(out, text, force=args.force, protected=_own_files(db))
    except OutFileError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote {what} to {out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..export import BackupError, read_backup
    from ..store import StoreError
    from ..store.files import open_regular

    src = user_path(args.file)
    try:
        with open_regular(src) as f:
            payload = f.read()
    except ValueError as exc:  # a pipe, a device …: never read
        raise CliError(f"cannot read {src}: {exc}") from None
    except FileNotFoundError:
        raise CliError(f"cannot read {src}: there is no such file") from None
    except IsADirectoryError:
        raise CliError(f"cannot read {src}: it is a folder") from None
    except OSError as exc:
        raise CliError(f"cannot read {src}: {exc.strerror or exc}") from None
    try:
        data = read_backup(payload)
    except BackupError as exc:
        raise CliError(f"{src}: {exc}") from None
    db = db_path(args)
    from ..outfile import is_protected
    from ..store.guards import check_backup_data

    try:
        data, mended = check_backup_data(data)  # before a new data file is made for it
    except StoreError as exc:
        raise store_failed(exc) from None
    if is_protected(src, [db]):
        raise CliError(f"{src} is the data file itself; import into another file with --db NEW.json")
    new = not os.path.exists(db)
    store = _open_store(db, must_exist=False)
    with _all_or_nothing(store, new):
        try:
            if not store.is_empty():
                sets = store.sets()
                held = (f"{len(sets)} set{'s' if len(sets) != 1 else ''} ({', '.join(s.name for s in sets)})"
                        if sets else "data")
                raise CliError(
                    f"{db} already holds {held}; import only restores into an empty data file: "
                    "choose a new one with --db NEW.json"
                )
            counts = store.import_data(data)
        except StoreError as exc:
            raise store_failed(exc) from None
    note = (f" {mended} text{'s' if mended != 1 else ''} held characters that are not valid Unicode; "
            "they were replaced by \ufffd." if mended else "")
    print(
        f"Imported {src} into {db}: {counts.get('sets', 0)} sets, {counts.get('meetings', 0)} meetings, "
        f"{counts.get('actions', 0)} actions.{note}"
    )
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from ..store import StoreError

    db = db_path(args)
    store = _open_store(db, must_exist=True)
    try:
        alset = _find_set(store, args.set)
        wanted = args.name.strip().casefold()
        member = next((m.name for m in alset.members if m.name.casefold() == wanted), None)
        if member is None:
            names = ", ".join(m.name for m in alset.members) or "none"
            raise CliError(f"“{args.name.strip()}” is not a member of “{alset.name}”; its members: {names}")
        if not args.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                raise CliError(f"not forgetting {member} without a confirmation: run this in a terminal, or add --yes")
            print(
                f"Forget {member} in “{alset.name}”? Their notes, issues, review notes, action texts, preps "
                f"and training results leave {db} and its backup for good; attendance and counts stay, anonymous.",
                file=sys.stderr,
            )
            try:
                answer = input("Type yes to forget them: ")
            except EOFError:
                answer = ""
            if answer.strip().casefold() not in ("y", "yes"):
                raise CliError("nothing was changed")
        counts = store.forget_member(alset.id, member)
    except StoreError as exc:
        raise store_failed(exc) from None
    finally:
        store.close()
    print(
        f"Forgot {member} in “{alset.name}”: now “{counts['placeholder']}” in {counts['meetings']} meetings' "
        f"attendance; removed {counts['checkin_notes']} check-in notes, {counts['bid_titles']} bid titles, "
        f"{counts['sessions']} presented issues, {counts['review_notes']} review notes, {counts['actions']} "
        f"action texts, {counts['preps']} preps and {counts['training']} training results from {db} and its backup."
    )
    for other in counts["other_copies"]:
        print(f"als: note: {other} is an older copy that still mentions {member}; delete it if you no longer need it.",
              file=sys.stderr)
    return 0
