"""Bad input: fuzzed store API, CLI arguments and classifier; malformed data files with the exact
message each gets; every screen at terminal sizes from 40x12 to 300x100; text that must be shown
literally; 10,000-character pastes. (The bank loader's fuzz and 30+ malformed banks are in
tests/test_bank.py.)"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual import events

from als_tui import cli, model
from als_tui.cli import app_commands
from als_tui.model import Action, ALSet, Bid, CheckIn, Meeting, Member, Prep
from als_tui.questioning import classify
from als_tui.store import CorruptError, NewerSchemaError, Store, StoreError
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import screen_text

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

# -- strategies ------------------------------------------------------------------------------------
SPECIAL = [
    "🚑", "👩🏽‍⚕️", "مرحبا بالعالم", "שלום", "\u200f", "\u202e", "e\u0301", "Z\u0335\u0321a\u0336", "[bold]",
    "[/]", "[red]x[/red]", "[link=http://x]y[/link]", "\\", '"', "\x00", "\x07", "\x1b[31m", "\r\n", "\t",
    "\ud800", "\udcff", "\ufeff", "\uffff", "\U0010ffff", "中文", "ß", "İ", " ", "{}", "null",
]
any_char = st.characters(codec=None, exclude_categories=())  # every code point, lone surrogates too
texts = st.one_of(
    st.text(max_size=40),
    st.text(any_char, max_size=40),
    st.lists(st.sampled_from(SPECIAL), max_size=8).map("".join),
    st.builds(lambda piece, n: (piece or "x") * n, st.sampled_from(SPECIAL + ["ab"]),
              st.sampled_from([2500, 10_000])),
)


@contextlib.contextmanager
def temp_db():
    folder = Path(tempfile.mkdtemp(prefix="als-fuzz-"))
    try:
        yield folder / "als.json"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the store API ---------------------------------------------------------------------------------
@FUZZ
@given(name=texts, member=texts, note=texts, title=texts, body=texts)
@example(name="s", member="\ud800\udc00", note="", title="", body="")  # a pair: one character once read back
def test_store_round_trip_or_clean_error(name, member, note, title, body):
    alset = ALSet(name=name, members=[Member(member), Member(name)], ground_rules=[body], id="s1")
    meeting = Meeting(set_id="s1", id="m1", attendance={member: model.PRESENT, name: model.APOLOGIES},
                      checkins=[CheckIn(member, note)], bids=[Bid(member, title)],
                      review=model.ProcessReview({member: note}, body))
    action = Action("s1", member, body, "m1", support=note, id="a1")
    prep = Prep("s1", member, issue=title, why=body)
    with temp_db() as db:
        try:
            with Store(db) as s:
                s.save_set(alset)
                s.save_meeting(meeting)
                s.save_action(action)
                s.save_prep(prep)
        except StoreError:  # a clean, one-line refusal is allowed; nothing else
            return
        with Store(db) as s:
            assert s.get_set("s1").to_dict() == as_json(alset)
            assert s.get_meeting("m1").to_dict() == as_json(meeting)
            assert [a.to_dict() for a in s.actions("s1")] == [as_json(action)]
            assert s.get_prep("s1", member).to_dict() == as_json(prep)


def as_json(record) -> dict:
    """*record* as JSON can hold it: equal, except that two surrogate code points that form a
    pair (only a broken decoder makes those) come back as the one character they encode."""
    return json.loads(json.dumps(record.to_dict()))


def test_lone_surrogates_and_huge_numbers_survive_a_reopen(db_path):
    """Text from a command line in a broken locale carries lone surrogates; orjson refuses to
    write them and (once escaped) to read them, so both paths fall back to the standard library."""
    alset = ALSet(name="bad \udcff byte", members=[Member("\ud800")], cadence_weeks=2**70, id="s1")
    with Store(db_path) as s:
        s.save_set(alset)
    with Store(db_path) as s:
        assert s.get_set("s1").to_dict() == alset.to_dict()


# -- the CLI ---------------------------------------------------------------------------------------
def _commands() -> list[str]:
    parser = cli.build_parser()
    for action in parser._actions:
        if getattr(action, "choices", None) and isinstance(action.choices, dict):
            return sorted(action.choices)
    return []


ARGV_WORDS = _commands() + ["--db", "--bank", "--json", "--version", "--help", "-h", "--", "-", "--out",
                            "x.json", "als.json", "missing/dir/f.yaml", "", " "]
# argv comes from a shell: no NUL, but undecodable bytes arrive as surrogate escapes
argv_text = st.text(st.characters(codec=None, exclude_categories=(), exclude_characters="\x00"), max_size=20)
argv_lists = st.lists(st.one_of(st.sampled_from(ARGV_WORDS), argv_text), max_size=6)


@settings(FUZZ, max_examples=400)
@given(argv=argv_lists, stdin=st.text(max_size=200))
@example(argv=["import", "~0"], stdin="")  # no user "0": kept as typed, as a shell does
@example(argv=["export", "--db", "~no-such-user-here/x.json"], stdin="")
def test_cli_returns_a_code_or_usage_error(argv, stdin, monkeypatch, tmp_path):
    launched = []
    # (`als`, `als train` and `als prep` all open the app through app_commands.cmd_tui)
    monkeypatch.setattr(app_commands, "cmd_tui", lambda args, start=None: launched.append(args) or 0)
    monkeypatch.setitem(cli.COMMANDS, None, app_commands.cmd_tui)
    monkeypatch.setattr("textual.app.App.run", lambda *a, **k: pytest.fail("the TUI was started"))
    try:  # `als serve` would start a web server and wait for browsers: stub it
        import textual_serve.server
    except ImportError:
        pass
    else:
        monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, *a, **k: None)
    workdir = Path(tempfile.mkdtemp(dir=tmp_path))
    monkeypatch.chdir(workdir)  # relative paths in argv land here
    monkeypatch.setenv("ALS_DB", str(workdir / "default.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    # as in a UTF-8 terminal: stdout is strict, stderr replaces what it cannot encode
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    except SystemExit as exc:  # argparse: usage error (2), or --help / --version (0)
        assert exc.code in (0, 2), (argv, exc.code)
        return
    assert isinstance(code, int), (argv, code)
    err.seek(0)
    message = err.read()
    if code != 0:  # a failure is said on stderr: "als: …" (check-bank: path:line: message)
        assert message.startswith("als: ") or "check-bank" in argv, (argv, message)


# -- the classifier --------------------------------------------------------------------------------
@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(any_char, max_size=300), st.lists(st.sampled_from(
    SPECIAL + ["why", "Have you tried", "don't you think", "?", "what if", "or", ",", "isn't it", "how"]),
    max_size=30).map(" ".join)))
def test_classifier_never_raises(text):
    feedback = classify(text)
    assert isinstance(feedback.kind, str) and isinstance(feedback.tip, str)


def test_classifier_on_a_10000_character_paste():
    """A pasted wall of text gets a verdict and the 'long' flag; only its first part is analysed, so the
    work is bounded whatever the length (the time itself is measured in bench/coach.py, not here)."""
    from als_tui.questioning.text import MAX_CHARS, analyse

    for text in ("Have you tried " * 700, "why? " * 2000, "a" * 10_000, "[bold]" * 1700):
        fb = classify(text[:10_000])
        assert "long" in fb.flags
        assert len(analyse(text).normal) <= MAX_CHARS


# -- malformed data files --------------------------------------------------------------------------
NESTED = b'{"sets": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
MALFORMED = {
    # name: (file bytes, the reason shown in brackets)
    "truncated": (b'{"sets": {"1": {"name": "Ward', "it stops in the middle of the data at line 1, column 30: it was cut short"),
    "trailing garbage": (b'{"sets": {}} and more', "it is not valid JSON at line 1, column 14"),
    "empty object, bad meta": (b'{"_meta": {"1": {"schema": "one"}}}',
                               "its schema version 'one' is not a whole number of 0 or more"),
    "negative schema": (b'{"_meta": {"1": {"schema": -1}}}', "its schema version -1 is not a whole number of 0 or more"),
    "meta is a list": (b'{"_meta": []}', "the table '_meta' is a list, not an object of documents"),
    "top-level list": (b'[{"name": "Ward managers"}]', "the top level is a list, not an object"),
    "top-level string": (b'"Ward managers"', "the top level is a string, not an object"),
    "top-level null": (b"null", "the top level is null, not an object"),
    "binary garbage": (bytes([0x8F, 0x13, 0xA7, 0xFF, 0x42] * 40), "it is not UTF-8 text (byte 0 is invalid)"),
    "UTF-16": ('{"sets": {}}'.encode("utf-16"), "it is UTF-16 text, not UTF-8"),
    "UTF-16 without BOM": ('{"sets": {}}'.encode("utf-16-le"), "it is UTF-16 text, not UTF-8"),
    "NUL bytes after the data": (b'{"sets": {}}' + b"\x00" * 4096, "it contains NUL bytes (the first at byte 12), not text"),
    "only NUL bytes": (b"\x00" * 4096, "it contains NUL bytes (the first at byte 0), not text"),
    "invalid UTF-8 in a name": (b'{"sets": {"1": {"name": "Caf\xe9"}}}', "it is not UTF-8 text (byte 28 is invalid)"),
    "huge nesting": (NESTED, "it is nested too deeply (more than 1024 levels)"),
    "table is a list": (b'{"sets": [{"name": "Ward managers"}]}',
                        "the table 'sets' is a list, not an object of documents"),
    "document is a string": (b'{"sets": {"1": "Ward managers"}}',
                             "document 1 of the table 'sets' is a string, not an object"),
    "document id not a number": (b'{"sets": {"ward": {"name": "W"}}}',
                                 "the table 'sets' has a document id 'ward' that is not a number"),
}


def _cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(argv)
    return code, err.getvalue()


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_data_file_exact_message(case, db_path, monkeypatch):
    content, why = MALFORMED[case]
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    expected = f"{db_path} cannot be read ({why}); it has not been changed — there is no backup beside it."
    with pytest.raises(CorruptError) as exc:
        Store(db_path)
    assert str(exc.value) == expected
    monkeypatch.setattr("textual.app.App.run", lambda *a, **k: pytest.fail("the TUI was started"))
    assert _cli(["--db", str(db_path)]) == (1, f"als: {expected}\n")  # the app: one line, exit 1
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["als.json", "als.json.lock"]


def test_malformed_with_backup_names_the_restore_command(db_path):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One"))
        s.save_set(ALSet(name="Two"))
    db_path.write_bytes(MALFORMED["document is a string"][0])
    bak = db_path.with_name("als.json.bak")
    with pytest.raises(CorruptError) as exc:
        Store(db_path)
    assert str(exc.value) == (
        f"{db_path} cannot be read (document 1 of the table 'sets' is a string, not an object); it has not "
        f"been changed — the last good copy is {bak}; run `als restore-backup --db {db_path}` to put it back."
    )


def test_newer_schema_file_is_one_line(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"_meta": {"1": {"schema": 99}}}')
    with pytest.raises(NewerSchemaError) as exc:
        Store(db_path)
    assert str(exc.value) == (f"{db_path} was written by a newer als-tui (data schema 99; this version reads "
                              f"up to {model.SCHEMA_VERSION}). It has not been changed: upgrade als-tui to open it.")


@pytest.mark.parametrize("content", [b"", b"\n  \n", b"\xef\xbb\xbf{}"])
def test_empty_or_bom_file_without_backup_opens(db_path, content):
    """An empty file with no backup is what a crash while creating a new file leaves: a new store.
    A UTF-8 byte-order mark (Windows editors add one) is accepted."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with Store(db_path) as s:
        assert s.sets() == []
        s.save_set(ALSet(name="New", id="s1"))
    data = json.loads(db_path.read_text())
    assert data["_meta"]["1"]["schema"] == model.SCHEMA_VERSION and data["sets"]["1"]["name"] == "New"


# -- every screen at every size --------------------------------------------------------------------
SIZES = [(40, 12), (80, 24), (120, 40), (300, 100)]
SLOW_SIZES = [(41, 13), (60, 15), (100, 20), (160, 48), (200, 60), (250, 80), (299, 99)]
PHASE_SCREENS = {
    # screen: (meeting phase, tweak, the main control to reach)
    "opening": ("opening", None, "#next"),
    "checkin": ("checkin", None, "#next"),
    "bids": ("bids", None, "#next"),
    "selection": ("selection", None, "#next"),
    "issue": ("session", None, "#next"),
    "stage": ("session", "stage", "#b-next"),
    "actions": ("actions", None, "#save"),
    "review": ("review", None, "#finish"),
    "summary": ("summary", None, "#finish, #close"),
}
OTHER_SCREENS = {
    # screen: (keys from home, the main control to reach)
    "home": ((), "#sets"),
    "set setup": (("n",), "#save"),
    "help": (("f1",), "#close-help"),
    "gym": (("t",), "#drill-spot"),
    "spot": (("t", "s"), ".choice"),
    "ask": (("t", "a"), "#ask-input"),
    "progress": (("t", "p"), "#progress-body"),
}


async def check_sizes(pilot, selector: str, sizes) -> None:
    app = pilot.app
    for width, height in sizes:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        screen = app.screen
        target = screen.query(selector).first()
        target.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        region = target.region
        where = f"{type(screen).__name__} at {width}x{height}: {selector} at {region}"
        assert region.area > 0 and screen.region.contains_region(region), where
        hit, _ = screen.get_widget_at(*region.center)
        assert hit is target or target in hit.ancestors_with_self, where  # it can be clicked


async def _phase_screen(db_path, which: str, sizes) -> None:
    phase, tweak, selector = PHASE_SCREENS[which]
    with Store(db_path) as s:
        alset = make_set(s, 6)
        m = meeting_at(s, alset, phase)
        if tweak == "stage":
            m.sessions[0].current_stage = 2
            s.save_meeting(m)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.resume_meeting(app.store.get_set(alset.id), app.store.get_meeting(m.id))
        await pilot.pause()
        await check_sizes(pilot, selector, sizes)


async def _other_screen(db_path, which: str, sizes) -> None:
    keys, selector = OTHER_SCREENS[which]
    with Store(db_path) as s:
        make_set(s, 6)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await check_sizes(pilot, selector, sizes)


@pytest.mark.parametrize("which", list(PHASE_SCREENS))
async def test_meeting_screen_at_all_sizes(db_path, which):
    await _phase_screen(db_path, which, SIZES)


@pytest.mark.parametrize("which", list(OTHER_SCREENS))
async def test_other_screen_at_all_sizes(db_path, which):
    await _other_screen(db_path, which, SIZES)


@pytest.mark.slow
@pytest.mark.parametrize("which", list(PHASE_SCREENS))
async def test_meeting_screen_at_more_sizes(db_path, which):
    await _phase_screen(db_path, which, SLOW_SIZES)


@pytest.mark.slow
@pytest.mark.parametrize("which", list(OTHER_SCREENS))
async def test_other_screen_at_more_sizes(db_path, which):
    await _other_screen(db_path, which, SLOW_SIZES)


# -- text shown literally --------------------------------------------------------------------------
SET_NAME = "[bold]Ward[/] 🚑 مرحبا"
ODD_MEMBERS = ["[red]Asha[/red]", "Zoe\u0308", "שלום", "👩🏽‍⚕️ Ben", "[/]", "Dev"]
ODD_TITLE = "[b]Rota[/b] gaps — [link=x]🚑[/link] ليلة e\u0301"


def odd_set(store: Store) -> ALSet:
    alset = make_set(store, 6, name=SET_NAME)
    alset.members = [Member(n, joined="2026-01-01") for n in ODD_MEMBERS]
    store.save_set(alset)
    return alset


async def test_odd_text_is_shown_literally_on_home(db_path):
    with Store(db_path) as s:
        odd_set(s)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert SET_NAME in text
        for name in ("[red]Asha[/red]", "שלום", "[/]"):
            assert name in text


async def test_odd_text_is_shown_literally_on_checkin_and_stage(db_path):
    with Store(db_path) as s:
        alset = odd_set(s)
        m = meeting_at(s, alset, "checkin")
    app = make_app(db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        app.resume_meeting(app.store.get_set(alset.id), app.store.get_meeting(m.id))
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen"
        text = screen_text(app)
        assert SET_NAME in text and "[red]Asha[/red]" in text
    with Store(db_path) as s:
        m = s.get_meeting(m.id)
        s.delete_meeting(m.id)
        m = meeting_at(s, s.get_set(alset.id), "session")
        m.sessions[0].title = ODD_TITLE
        m.sessions[0].current_stage = 1
        m.sessions[0].questions.append(model.HarvestedQuestion("[/]", "[bold]Why[/bold] not?"))
        s.save_meeting(m)
    app = make_app(db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        app.resume_meeting(app.store.get_set(alset.id), app.store.get_meeting(m.id))
        await pilot.pause()
        assert type(app.screen).__name__ == "StageScreen"
        text = screen_text(app)
        assert "[b]Rota[/b] gaps" in text and "[red]Asha[/red]" in text


# -- 10,000-character pastes -----------------------------------------------------------------------
PASTE = ("[bold]x[/] 🚑 مرحبا e\u0301 " * 500)[:10_000]


async def paste_into(pilot, selector: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    widget.post_message(events.Paste(PASTE))
    await pilot.pause()


async def test_10000_character_pastes_are_taken_or_clipped(db_path):
    with Store(db_path) as s:
        alset = make_set(s, 5)
        m = meeting_at(s, alset, "checkin")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.resume_meeting(app.store.get_set(alset.id), app.store.get_meeting(m.id))
        await pilot.pause()
        first = app.screen.flow.current_checkin_member
        await paste_into(pilot, "#note")
        await pilot.press("ctrl+n")
        await pilot.pause()
        while type(app.screen).__name__ == "CheckInScreen":
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
        await paste_into(pilot, "#title-0")
        await pilot.press("ctrl+n")
        await pilot.pause()
    with Store(db_path) as s:
        saved = s.get_meeting(m.id)
        # Taken, clipped, or (Textual's Input with max_length refuses a paste that would not fit
        # whole) dropped — never garbled, and the meeting goes on.
        note = saved.checkin_for(first).note
        assert PASTE.startswith(note.rstrip())
        title = saved.bids[0].title if saved.bids else ""
        assert not title or PASTE.startswith(title.rstrip())


async def test_10000_character_paste_into_set_setup(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetSetupScreen"
        await paste_into(pilot, "#members")
        await pilot.press("ctrl+s")  # 500 lines of names: refused with a message, no crash
        await pilot.pause()
        assert type(app.screen).__name__ == "SetSetupScreen"
        app.screen.query_one("#members").text = "Asha\nBen"
        await paste_into(pilot, "#name")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store(db_path) as s:
        for alset in s.sets():  # saved only if valid: then a name of at most NAME_MAX characters
            assert len(alset.name) <= model.NAME_MAX and PASTE.startswith(alset.name)
