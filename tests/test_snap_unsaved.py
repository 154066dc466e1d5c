"""How the quit dialog looks while a change is not on disk (fixed paths: a stand-in for the store)."""

from pathlib import Path

from als_tui.screens.unsaved import UnsavedScreen
from als_tui.store import Store
from tests.factories import make_app, make_set


class FixedUnsaved:
    path = Path("/home/sam/.local/share/als-tui/als.json")

    def why(self) -> str:
        return "the disk is full"

    def changes(self) -> list[str]:
        return ["the set “Night shift”", "the meeting of 2026-03-10 of “Ward managers” (at check-in)",
                "an action of Asha: “Call the sponsor about the rota”"]

    def retry(self) -> bool:
        return False

    def default_copy_path(self) -> Path:
        return Path("/home/sam/als.unsaved-20260310-1830.json")

    def save_copy(self, target: Path) -> Path:
        return target


def test_unsaved_dialog(snap_compare, db_path):
    with Store(db_path) as store:
        make_set(store)

    async def run(pilot):
        pilot.app.push_screen(UnsavedScreen(FixedUnsaved()))
        await pilot.pause()

    assert snap_compare(make_app(db_path), terminal_size=(100, 30), run_before=run)
