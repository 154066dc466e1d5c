"""The commands that open the app in this process: ``als``, ``als train`` and ``als prep``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import CliError, check_bank, db_path, store_failed


def cmd_tui(args: argparse.Namespace, start: str | None = None, prep_choice: list[str] | None = None) -> int:
    from ..store import StoreError

    db = db_path(args)
    check_bank(args.bank)
    try:
        from ..app import ALSApp

        app = ALSApp(db_path=db, bank_path=args.bank, start=start, background_writes=True)
        app.resume_collector_after_paint = getattr(args, "collector_paused", False)  # (see main)
        app.prep_choice = prep_choice
    except StoreError as exc:
        if getattr(args, "in_use_screen", False):
            return _notice_app(db, exc)
        raise store_failed(exc) from None
    _quit_on_hangup(app)
    app.run()
    if app.fatal_message or app.exit_report:
        raise CliError(app.fatal_message or app.exit_report)
    return app.return_code or 0


def _quit_on_hangup(app) -> None:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) quits without asking: the running
    meeting's clock is saved and every queued save reaches the disk before the process ends; what
    cannot be saved is copied elsewhere, and the exit says where (:meth:`ALSApp.quit_unattended`)."""
    import signal

    def handler(signum, frame) -> None:
        app.call_later(app.quit_unattended)

    for name in ("SIGHUP", "SIGTERM", "SIGINT"):  # (Ctrl+C in the app is a key, not SIGINT: this is `kill -INT`)
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, handler)


def _notice_app(db: Path, exc: Exception) -> int:
    """A served session that cannot open the file: a readable screen instead of an error line."""
    from ..in_use import IN_USE_TITLE, InUseApp, in_use_message
    from ..store import LockedError

    if isinstance(exc, LockedError):
        app = InUseApp(IN_USE_TITLE, in_use_message(db.name))
    else:
        app = InUseApp("The set's file cannot be opened", str(exc))
    app.run()
    return 1


def cmd_train(args: argparse.Namespace) -> int:
    return cmd_tui(args, start="gym")


PREP_META = "prep_last"  # the prep screen's remembered [set id, member] (screens/prep.py META_KEY)


def _prep_choice(store, set_name: str | None, member: str | None) -> list[str]:
    """[set id, member] for `als prep --set/--member`, or CliError naming what exists."""
    sets = store.sets()
    remembered = store.get_meta(PREP_META) or ["", ""]
    wanted = (member or "").strip().casefold()

    def find_member(alset) -> str | None:
        return next((m for m in alset.active_members if m.casefold() == wanted), None)

    if set_name:
        alset = store.set_by_name(set_name)
        if alset is None:
            names = ", ".join(f"“{s.name}”" for s in sets)
            where = f"its sets: {names}" if names else "it has no sets yet"
            raise CliError(f"there is no set named “{set_name.strip()}” in {store.path}; {where}")
        if not wanted:
            keep = remembered[1] if remembered[0] == alset.id else ""
            return [alset.id, keep]
        name = find_member(alset)
        if name is None:
            raise CliError(f"“{alset.name}” has no member named “{member.strip()}”; "  # type: ignore[union-attr]
                           f"its members: {', '.join(alset.active_members)}")
        return [alset.id, name]
    having = [s for s in sets if find_member(s)]
    if not having:
        raise CliError(f"no set in {store.path} has a member named “{(member or '').strip()}”")
    if len(having) > 1:
        preferred = next((s for s in having if s.id == remembered[0]), None)
        if preferred is None:
            names = ", ".join(f"“{s.name}”" for s in having)
            raise CliError(f"“{member.strip()}” is in several sets ({names}); choose one with --set NAME")  # type: ignore[union-attr]
        having = [preferred]
    return [having[0].id, find_member(having[0])]


def cmd_prep(args: argparse.Namespace) -> int:
    if args.set or args.member:
        from ..store import Store, StoreError

        db = db_path(args)
        if not db.is_file():
            raise CliError(f"there is no data file at {db}; give yours with --db PATH")
        try:
            with Store(db) as store:  # (only read: the prep screen remembers the choice, after its first paint)
                choice = _prep_choice(store, args.set, args.member)
        except StoreError as exc:
            raise store_failed(exc) from None
        return cmd_tui(args, start="prep", prep_choice=choice)
    return cmd_tui(args, start="prep")
