"""Command line: ``als`` starts the app; subcommands do the rest.

Textual is imported only by the commands that open a screen, so the others start fast.
Every failure is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
from pathlib import Path

from . import __version__

EPILOG = """\
examples:
  als                          open the app on your default data file
  als --db team.json           use another data file (or set ALS_DB)
  als banks                    list the meeting formats you can choose from
  als check-bank my-bank.yaml  validate a question bank
  als restore-backup           put <data file>.bak back after a bad crash
  als train                    open the question gym: practise asking, not telling
  als prep --member Asha       prepare alone for the next meeting: your issue, your actions
  als coach "Have you tried…?" check one question: its kind, what to watch, a better version
  als serve --port 8000        the same app in a web browser, for a set meeting over video
  als demo --db demo.json      create a sample set with six past meetings to explore
  als export --format md       every finished meeting's minutes, ready to paste into an email
  als export --format json --out backup.json
                               back up the whole data file (0600)
  als import backup.json --db new.json
                               restore a backup into an empty data file
  als forget "Sam Lee" --set "Ward managers"
                               remove a member's personal content, for good
"""


class CliError(Exception):
    """A one-line problem to print and exit 1 with."""


def _store_failed(exc: Exception) -> CliError:
    """The store's one line, as a command that runs once says it: a save that failed there is
    final (nothing was written), never "will be saved when possible"."""
    return CliError(getattr(exc, "nothing_written", None) or str(exc))


class _Version(argparse.Action):
    """``--version``: printed as any output is (argparse's own version action drops a write that
    fails, so ``als --version > /dev/full`` would exit 0)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"als-tui {__version__}")
        sys.stdout.flush()
        raise SystemExit(0)


def _db_path(args: argparse.Namespace) -> Path:
    from .paths import default_db_path

    return Path(args.db).expanduser() if args.db else default_db_path()


def _add_common(p: argparse.ArgumentParser, *, sub: bool = True) -> None:
    # Subcommands accept --db too; SUPPRESS keeps `als --db X cmd` from being reset to None.
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if sub else None,
        help="data file (default: $ALS_DB, else als.json in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="als",
        description="Run a peer-led action learning set on one shared screen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    _add_common(parser, sub=False)
    parser.add_argument("--bank", metavar="PATH", help="question bank YAML (default: the shipped classic bank)")
    # used by `als serve` for each browser session: a busy file shows a notice, not an error line
    parser.add_argument("--in-use-screen", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "check-bank",
        help="validate a question bank YAML file",
        description="Validate a question bank. Prints path:line: message for each problem.",
        epilog="example:\n  als check-bank content/questions.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", nargs="?", help="bank file (default: every shipped bank)")

    sub.add_parser(
        "banks",
        help="list the shipped meeting formats (question banks)",
        description="List the shipped meeting formats with group size and typical total time.",
        epilog="example:\n  als banks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    p = sub.add_parser(
        "restore-backup",
        help="put the .bak copy back in place of an unreadable data file",
        description=(
            "Replace the data file with <file>.bak; the file it replaces is kept as <file>.broken "
            "(.broken.2, … if that is taken). A data file that can still be read is newer than its "
            "backup: it is replaced only when you confirm, after being told what would be lost."
        ),
        epilog="example:\n  als restore-backup --db team.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p)
    p.add_argument("--yes", action="store_true",
                   help="replace a readable data file without asking (needed when not run in a terminal)")

    p = sub.add_parser(
        "coach",
        help="check a question: open, closed, leading or advice, with a tip",
        description=(
            "Say what kind of question this is (open, closed, leading, or advice in disguise; or not a "
            "question at all), which cues decided it, what to watch (stacked, why, long), and an open "
            "way to ask it. With no question, read one question per line from standard input."
        ),
        epilog=(
            "examples:\n"
            '  als coach "Have you tried talking to your manager?"\n'
            '  als coach --json "What matters most to you here?"\n'
            "  als coach < questions.txt        one verdict per line\n"
            "\n"
            "--json prints one object per question with exactly these keys:\n"
            '  question    the question as read (only when reading standard input)\n'
            '  kind        "open", "closed", "leading", "advice", or "statement" (not a question,\n'
            "              carrying neither advice nor a view)\n"
            '  flags       a list of "stacked", "why", "long", "not_a_question"\n'
            "  reasons     the cues that decided the kind, in words (a list, possibly empty)\n"
            "  tip         one or two sentences for the asker\n"
            "  rewrite     an open way to ask it, or null when it is already a clean open question\n"
            "  confidence  the model's probability for the kind, 0 to 1"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("question", nargs="?", help="the question, in quotes (default: read lines from stdin)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per question (keys below)")

    p = sub.add_parser(
        "train",
        help="open the app straight into the question gym",
        description="Open the question gym: spot the type, ask better, and your progress. Esc goes to the home screen.",
        epilog="example:\n  als train --db team.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p)

    p = sub.add_parser(
        "prep",
        help="open the app straight into one member's prep for the next meeting",
        description=(
            "Prepare alone for the next meeting: the issue you will bring (it fills in your bid) and "
            "what happened with your actions. Without --set/--member, the last choice is used. "
            "Esc goes to the home screen."
        ),
        epilog='examples:\n  als prep\n  als prep --member Asha\n  als prep --set "Ward managers" --member Asha',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--set", metavar="NAME", help="the learning set (default: the last one chosen in prep)")
    p.add_argument("--member", metavar="NAME", help="who is preparing (default: the last one chosen)")
    _add_common(p)
    _add_data_commands(sub)
    _add_serve_command(sub)
    return parser


# -- parsers of the data commands: demo, export, import, forget (issue 5) ------------------
def _meetings_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 2000:
        raise argparse.ArgumentTypeError(f"choose 1 to 2000 meetings, not {n}")
    return n


def _add_data_commands(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "demo",
        help="add a sample set (\"Demo set\") with a history of meetings to explore",
        description=(
            "Create \"Demo set\": six members and N past meetings with check-ins, bids, timed issue "
            "sessions, questions, actions with mixed statuses, process reviews, preps and question-gym "
            "results. The same every time (for a given --seed and day). Refused if the file already has one."
        ),
        epilog="examples:\n  als demo --db demo.json\n  als demo --db big.json --meetings 600",
        formatter_class=raw,
    )
    _add_common(p)
    p.add_argument("--meetings", type=_meetings_arg, default=6, metavar="N",
                   help="how many past meetings, 1 to 2000 (default 6)")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="another seed, other (repeatable) content")

    p = sub.add_parser(
        "export",
        help="minutes as Markdown, actions as CSV, or the whole file as a JSON backup",
        description=(
            "Write minutes (md: every finished meeting, newest first, or one with --meeting), actions "
            "(csv: member, meeting date, action, due, report to, status, support, confidence) or a "
            "versioned backup of the whole file (json; restore it with als import). Standard output "
            "unless --out; --out files are created readable by you alone (0600)."
        ),
        epilog=(
            "examples:\n"
            "  als export --format md --set \"Ward managers\" > minutes.md\n"
            "  als export --format md --meeting 2026-03-10\n"
            "  als export --format csv --out actions.csv\n"
            "  als export --format json --out backup.json"
        ),
        formatter_class=raw,
    )
    _add_common(p)
    p.add_argument("--format", choices=("md", "csv", "json"), default="md", help="what to write (default md)")
    p.add_argument("--set", metavar="NAME", help="only this set (md, csv)")
    p.add_argument("--meeting", metavar="DATE", help="only the meeting of this day, YYYY-MM-DD (md, csv)")
    p.add_argument("--out", metavar="FILE", help="write to FILE (created 0600) instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = sub.add_parser(
        "import",
        help="restore a JSON backup into an empty data file",
        description=(
            "Restore a backup made by `als export --format json` into a data file that holds no sets "
            "yet (a new file is created, 0600). A file that already holds sets is refused."
        ),
        epilog="example:\n  als import backup.json --db restored.json",
        formatter_class=raw,
    )
    _add_common(p)
    p.add_argument("file", metavar="FILE", help="the backup (JSON)")

    p = sub.add_parser(
        "forget",
        help="remove a member's personal content from the file and its backup",
        description=(
            "Forget a member of a set: their notes, issues, questions' authorship, review notes, "
            "action texts, preps and question-gym results are removed from the data file and its "
            ".bak, for good. Attendance, timings and the number and status of their actions stay, "
            "under \"former member N\". Asks first unless --yes."
        ),
        epilog='example:\n  als forget "Sam Lee" --set "Ward managers"',
        formatter_class=raw,
    )
    _add_common(p)
    p.add_argument("name", metavar="NAME", help="the member to forget")
    p.add_argument("--set", metavar="SETNAME", required=True, help="the set they belong to")
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not run in a terminal)")


def _add_serve_command(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser (needs the serve extra: textual-serve)",
        description=(
            "Serve the same app as a web page, for a set that meets over video and shares a browser "
            "tab. Each browser tab runs its own session on the data file; only one at a time can have "
            "the file open, and any other tab is told the file is in use. It prints the address to open, "
            "with a fresh random token each run: the page and its connection need it. Listens on "
            "localhost unless --host says otherwise."
        ),
        epilog=(
            "examples:\n"
            "  als serve                              prints http://127.0.0.1:8000/?token=…\n"
            "  als serve --port 8080 --db team.json\n"
            "  pipx inject als-tui textual-serve      if textual-serve is missing (pipx)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--token", metavar="TOKEN",
                   help="the key the address carries (default: a fresh random one each run; prefer that)")


# -- commands ------------------------------------------------------------------------
def cmd_tui(args: argparse.Namespace, start: str | None = None) -> int:
    from .store import StoreError

    db = _db_path(args)
    if args.bank:
        from .bank import BankError, load_bank  # only when asked: keeps YAML off the start path

        try:
            load_bank(args.bank)
        except BankError as exc:
            raise CliError(str(exc)) from None
    try:
        from .app import ALSApp

        app = ALSApp(db_path=db, bank_path=args.bank, start=start, background_writes=True)
        app.resume_collector_after_paint = getattr(args, "collector_paused", False)  # (see main)
    except StoreError as exc:
        if getattr(args, "in_use_screen", False):
            return _notice_app(db, exc)
        raise _store_failed(exc) from None
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
    from .in_use import IN_USE_TITLE, InUseApp, in_use_message
    from .store import LockedError

    if isinstance(exc, LockedError):
        app = InUseApp(IN_USE_TITLE, in_use_message(db.name))
    else:
        app = InUseApp("The set's file cannot be opened", str(exc))
    app.run()
    return 1


def cmd_check_bank(args: argparse.Namespace) -> int:
    from .bank import BankError, load_bank, shipped_banks, validate_file

    if args.path:
        errors = validate_file(args.path)
        if errors:
            for line in errors:
                print(line, file=sys.stderr)
            return 1
        bank = load_bank(args.path)
        print(f"{args.path}: OK — {bank.name}: {len(bank.stages)} stages, {bank.stage_minutes} min of stages.")
        return 0
    try:
        banks = shipped_banks()
    except BankError as exc:
        raise CliError(str(exc)) from None
    for bank in banks:
        print(f"{bank.path}: OK — {bank.name}: {len(bank.stages)} stages.")
    return 0


def cmd_banks(args: argparse.Namespace) -> int:
    from .bank import BankError, shipped_banks

    try:
        banks = shipped_banks()
    except BankError as exc:
        raise CliError(str(exc)) from None
    width = max(len(b.id) for b in banks)
    for b in banks:
        size = f"{b.group_min}" if b.group_min == b.group_max else f"{b.group_min}–{b.group_max}"
        total = b.total_minutes or b.stage_minutes
        stages = " → ".join(st.title for st in b.stages)
        print(f"{b.id:<{width}}  {b.name}: {b.description}")
        print(f"{'':<{width}}  {size} people · typically {total} min · {stages}")
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from .store import StoreError, restore_backup
    from .store.restore import NotConfirmed

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
        print(restore_backup(_db_path(args), confirm))
    except NotConfirmed as exc:
        raise CliError(f"{exc}; add --yes to put it back anyway") from None
    except StoreError as exc:
        raise _store_failed(exc) from None
    return 0


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
        from .store import Store, StoreError

        db = _db_path(args)
        if not db.is_file():
            raise CliError(f"there is no data file at {db}; give yours with --db PATH")
        try:
            with Store(db) as store:
                store.set_meta(PREP_META, _prep_choice(store, args.set, args.member))
        except StoreError as exc:
            raise _store_failed(exc) from None
    return cmd_tui(args, start="prep")


def _verdict_text(question: str, feedback) -> str:
    from .questioning import FLAG_HELP, FLAG_LABELS, KIND_HELP, KIND_LABELS

    what = KIND_HELP.get(feedback.kind, "")
    lines = [f"{KIND_LABELS.get(feedback.kind, feedback.kind)} — {what[:1].lower()}{what[1:]}"]
    if feedback.reasons:
        lines.append("  because: " + "; ".join(feedback.reasons))
    for flag in feedback.flags:
        if flag == "not_a_question" and feedback.kind == "statement":
            continue
        note = FLAG_HELP.get(flag, "")
        lines.append(f"  also: {FLAG_LABELS.get(flag, flag).lower()} — {note[:1].lower()}{note[1:]}")
    lines.append(f"  tip: {feedback.tip}")
    if feedback.rewrite:
        lines.append(f"  try instead: {feedback.rewrite}")
    return "\n".join(lines)


def cmd_coach(args: argparse.Namespace) -> int:
    import json

    from .model import clean_text
    from .questioning import classify

    def report(question: str, *, with_question: bool) -> None:
        feedback = classify(question)
        if args.json:
            data = feedback.to_dict()
            print(json.dumps({"question": question, **data} if with_question else data, ensure_ascii=False))
        else:
            if with_question:
                print(f"\u201c{question}\u201d")
            print(_verdict_text(question, feedback))

    if args.question is not None:
        question = clean_text(args.question, single_line=True)
        if not question:
            raise CliError('the question is empty; put it in quotes, e.g. als coach "What matters most to you here?"')
        report(question, with_question=False)
        return 0
    if sys.stdin is None:
        raise CliError('no question given; put one in quotes, e.g. als coach "What matters most to you here?"')
    if sys.stdin.isatty():
        print("Type a question and press Enter for its verdict; Ctrl+D to finish.", file=sys.stderr)
    first = True
    try:
        for line in sys.stdin:
            question = clean_text(line, single_line=True)
            if not question:
                continue
            if not first and not args.json:
                print()
            report(question, with_question=True)
            sys.stdout.flush()
            first = False
    except UnicodeDecodeError:
        raise CliError("standard input is not readable text; give one question per line in UTF-8") from None
    return 0


# -- data commands: demo, export, import, forget (issue 5) ----------------------------
def _open_store(path: Path, *, must_exist: bool):
    """The store on *path*, or CliError with the store's one line (locked, unreadable, …)."""
    from .store import Store, StoreError

    if must_exist and path.is_dir():
        raise CliError(f"{path} is a folder, not a data file")
    if must_exist and not path.exists():  # (a pipe or a device exists: the store refuses it by its kind)
        raise CliError(f"there is no data file at {path}; give yours with --db PATH")
    try:
        return Store(path)
    except StoreError as exc:
        raise _store_failed(exc) from None
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
    from .demo import DemoError, build_demo, demo_counts
    from .store import StoreError

    db = _db_path(args)
    new = not os.path.exists(db)
    store = _open_store(db, must_exist=False)
    with _all_or_nothing(store, new):
        try:
            store.load_history()  # (a damaged line is reported now, with the backup, not after another refusal)
            alset = build_demo(store, meetings=args.meetings, seed=args.seed)
            counts = demo_counts(store, alset)
        except (DemoError, StoreError) as exc:
            raise _store_failed(exc) from None
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
            from .store.guards import read_checked

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
    from .outfile import same_file_as

    try:
        out = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return
    if any(same_file_as(out, own) for own in _own_files(db)):
        raise CliError(f"standard output is {db} (the data file, its backup or its lock); "
                       "write the export somewhere else")


def _export_text(store, args: argparse.Namespace) -> tuple[str, str]:
    """(the text, what it is) for `als export`."""
    from .export import MEETING_SEPARATOR, actions_csv, all_minutes_markdown, backup_json

    if args.format == "json":
        raw = store.raw()
        n_sets = len(raw.get("sets", {}))
        n_meetings = len(raw.get("meetings", {}))
        plural = "" if n_sets == 1 else "s"
        return backup_json(raw), f"a backup of the whole file ({n_sets} set{plural}, {n_meetings} meetings)"
    sets = [_find_set(store, args.set)] if args.set else store.sets()
    if not sets:
        raise CliError(f"{store.path} has no sets yet; there is nothing to export")
    meetings = {s.id: store.meetings(s.id) for s in sets}
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
            all_minutes_markdown(s, meetings[s.id], actions[s.id], include_unfinished=bool(args.meeting))
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

    db = _db_path(args)
    if args.format == "json" and (args.set or args.meeting):
        raise CliError("--format json backs up the whole file; leave out --set and --meeting")
    if args.meeting:
        try:
            date.fromisoformat(args.meeting)
        except ValueError:
            raise CliError(f"--meeting wants a date as YYYY-MM-DD, not {args.meeting!r}") from None
    out = Path(args.out).expanduser() if args.out else None
    if out is not None:
        from .outfile import OutFileError, check_target

        try:
            check_target(out, force=args.force, protected=_own_files(db))
        except OutFileError as exc:
            raise CliError(str(exc)) from None
    else:
        _check_stdout(db)
    from .store import StoreError

    store = _open_store(db, must_exist=True)
    try:
        text, what = _export_text(store, args)
    except StoreError as exc:  # (the actions and meetings lines are read only now)
        raise _store_failed(exc) from None
    finally:
        store.close()
    if out is None:
        _write_stdout(text)
        return 0
    from .outfile import OutFileError, write_file

    try:
        write_file(out, text, force=args.force, protected=_own_files(db))
    except OutFileError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote {what} to {out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .export import BackupError, read_backup
    from .store import StoreError
    from .store.files import open_regular

    src = Path(args.file).expanduser()
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
    db = _db_path(args)
    from .outfile import is_protected
    from .store.guards import check_backup_data

    try:
        data, mended = check_backup_data(data)  # before a new data file is made for it
    except StoreError as exc:
        raise _store_failed(exc) from None
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
            raise _store_failed(exc) from None
    note = (f" {mended} text{'s' if mended != 1 else ''} held characters that are not valid Unicode; "
            "they were replaced by \ufffd." if mended else "")
    print(
        f"Imported {src} into {db}: {counts.get('sets', 0)} sets, {counts.get('meetings', 0)} meetings, "
        f"{counts.get('actions', 0)} actions.{note}"
    )
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from .store import StoreError

    db = _db_path(args)
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
        raise _store_failed(exc) from None
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


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise CliError(
            "als serve needs textual-serve: pip install textual-serve in als's environment "
            "(a checkout: pip install -e '.[serve]'; pipx: pipx inject als-tui textual-serve)"
        ) from None
    from . import serve
    from .bank import BankError, load_bank
    from .store import Store, StoreError

    if not 0 < args.port < 65536:
        raise CliError(f"--port must be 1 to 65535, not {args.port}")
    token = serve.new_token() if args.token is None else args.token
    if not token.strip() or len(token) < 8:
        raise CliError("--token must be at least 8 characters (leave it out for a fresh random one)")
    db = _db_path(args)
    if args.bank:
        try:
            load_bank(args.bank)
        except BankError as exc:
            raise CliError(str(exc)) from None
    try:  # the file must open now (created 0600 if new), not only in the first browser tab
        Store(db).close()
    except StoreError as exc:
        raise _store_failed(exc) from None
    import socket

    try:
        socket.getaddrinfo(args.host, args.port)
    except (OSError, UnicodeError, ValueError):
        raise CliError(f"cannot listen on {args.host}:{args.port}: that is not a host name or address here") from None
    if not serve.is_loopback(args.host):
        print(
            f"als: serving on {args.host}: anyone who can reach this address and has the token can open "
            f"{db.name}; the data is the set's confidential record.",
            file=sys.stderr,
        )
    server = serve.make_server(serve.session_command(db, args.bank), args.host, args.port, token,
                               "Action Learning Set", serve.browser_templates())
    try:
        server.serve()
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    except ValueError:  # (a host name the resolver cannot even encode: "bad..host")
        raise CliError(f"cannot listen on {args.host}:{args.port}: that is not a host name or address") from None
    return 0


COMMANDS = {
    None: cmd_tui,
    "check-bank": cmd_check_bank,
    "banks": cmd_banks,
    "restore-backup": cmd_restore_backup,
    "coach": cmd_coach,
    "train": cmd_train,
    "prep": cmd_prep,
    "serve": cmd_serve,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
    "forget": cmd_forget,
}


APP_COMMANDS = (None, "train", "prep")  # the commands that open the app in this process


def main(argv: list[str] | None = None) -> int:
    # Opening the app builds some 80,000 objects that live as long as it does (Textual's modules
    # and classes, styles, widgets) and the collector would scan them about a hundred times on
    # the way to the first screen (~10 ms). It is paused until the first screen is built; the app
    # then freezes what exists (gc.freeze: never scanned again; the ~1,000 start-up objects in
    # reference cycles stay too) and collects as usual from then on.
    we_paused = gc.isenabled()
    gc.disable()
    for stream in (sys.stdout, sys.stderr):  # (a name from a command line in a broken locale, say)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.collector_paused = we_paused and args.command in APP_COMMANDS
        if we_paused and not args.collector_paused:
            gc.enable()
        if getattr(args, "db", None) is None and os.environ.get("ALS_DB"):
            args.db = os.environ["ALS_DB"]
        if sys.stdout is None and _writes_to_stdout(args):
            raise CliError("standard output is closed: there is nowhere to write the result")
        restore_signals = (_stop_cleanly_on_signals() if args.command not in APP_COMMANDS and args.command != "serve"
                           else None)
        try:
            code = COMMANDS[args.command](args)
        finally:
            if restore_signals is not None:
                restore_signals()
        if sys.stdout is not None:
            sys.stdout.flush()  # (an error here is the command's, not the interpreter's at exit)
        return code
    except CliError as exc:
        _say(f"als: {exc}")
        return 1
    except Stopped as exc:
        _say(f"als: stopped by {exc.name}; a file being written was left as it was before.")
        return 128 + exc.signum
    except KeyboardInterrupt:
        _say("als: interrupted; everything up to the last step is saved.")
        return 130
    except SystemExit:  # argparse (--help, --version, a usage error): its output must reach the disk too
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as exc:
            _drop_stdout()
            _say(f"als: could not write the output ({exc.strerror or exc}); it is incomplete")
            raise SystemExit(1) from None
        raise
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        _drop_stdout()
        why = "it was closed early" if exc.errno == errno.EPIPE else (exc.strerror or str(exc))
        _say(f"als: could not write the output ({why}); it is incomplete")
        return 1
    except Exception as exc:
        errors = sys.modules.get("als_tui.store.errors")  # (imported by every command that opens a file)
        if errors is None or not isinstance(exc, errors.StoreError):
            raise
        _say(f"als: {_store_failed(exc)}")
        return 1
    finally:
        if we_paused:
            gc.enable()


# what writing to standard output fails with: a closed pipe, a full disk (/dev/full), a device error
_OUTPUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF)


class Stopped(KeyboardInterrupt):
    """A command that runs once was sent SIGTERM or SIGHUP: raised where it is, so that a write in
    progress removes its temp file and leaves the file as it was, and it ends with one line."""

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(name)
        self.signum, self.name = signum, name


def _stop_cleanly_on_signals():
    """Turn SIGTERM and SIGHUP into :class:`Stopped` while a command runs; returns what puts the
    previous handlers back (None where signals cannot be handled: not the main thread)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame) -> None:
        raise Stopped(signum, signal.Signals(signum).name)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def _writes_to_stdout(args: argparse.Namespace) -> bool:
    """The command's result goes to standard output (not a status line beside a file it wrote)."""
    return args.command in ("banks", "check-bank", "coach") or (args.command == "export" and not args.out)


def _write_stdout(text: str) -> None:
    """Write *text* to standard output whole, or raise. (A large write to a pipe closed early is
    written in part; Python's buffered stdout then drops the rest without an error, and the
    command would exit 0 with its output cut short. Its descriptor is written directly instead.)"""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # (not a real file: tests, or an embedding)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
    while data:
        data = data[os.write(fd, data):]


def _say(line: str) -> None:
    """One line on standard error, if there is one to write to (never raises)."""
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _drop_stdout() -> None:
    """Standard output failed: send whatever is still buffered for it nowhere, so the interpreter's
    own flush at exit does not fail a second time (with "Exception ignored …")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass
