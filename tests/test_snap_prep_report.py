"""How a check-in turn looks with what the member reported before the meeting (in prep): the
still-open action's card carries its earlier report, the done one is listed below, read-only."""

from als_tui.clock import FakeClock
from als_tui.flow import report_between_meetings
from als_tui.model import DONE, FINISHED, PARTLY, Action, Meeting
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import no_blink, open_meeting


def app_with_reports(db_path):
    with Store(db_path) as store:
        alset = make_set(store, 5)
        earlier = Meeting(set_id=alset.id, date="2026-02-10", status=FINISHED, id="feb")
        store.save_meeting(earlier)
        meeting = meeting_at(store, alset, "checkin")
        meeting.checkin_order, meeting.checkins = [], []
        store.save_meeting(meeting)
        for i, (text, status, note) in enumerate([
            ("Talk to the night team about handovers", PARTLY, "Spoke to two of the four leads"),
            ("Draft the new escalation checklist", DONE, "Shared it; the night team asked for a shorter one"),
        ]):
            action = Action(set_id=alset.id, owner="Asha", text=text, meeting_id="feb", due="2026-03-01",
                            created="2026-02-10", id=f"a{i}")
            report_between_meetings(action, status, note, "2026-03-08", [earlier])
            store.save_action(action)
    return make_app(db_path, FakeClock(1000.0))


async def _open(pilot):
    await open_meeting(pilot)
    no_blink(pilot.app)
    await pilot.pause()


def test_checkin_with_reports_made_before_the_meeting(snap_compare, db_path):
    assert snap_compare(app_with_reports(db_path), terminal_size=(100, 36), run_before=_open)
