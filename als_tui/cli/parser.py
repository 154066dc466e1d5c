"""The arguments of every command: ``als --help`` and each subcommand's help."""

from __future__ import annotations

import argparse
import sys

from .. import __version__


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


class _Version(argparse.Action):
    """``--version``: printed as any output is (argparse's own version action drops a write that
    fails, so ``als --version > /dev/full`` would exit 0)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"als-tui {__version__}")
        sys.stdout.flush()
        raise SystemExit(0)


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
            '  als coach --planning "When will you start?"   as asked in a future-action stage\n'
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
    p.add_argument("--planning", action="store_true",
                   help="judge it as asked in a stage where the presenter chooses their own actions (a bank "
                        "stage with the rule planning): a question may take their step for granted there")

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


# -- the data commands: demo, export, import, forget (issue 5) ------------------------------
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
