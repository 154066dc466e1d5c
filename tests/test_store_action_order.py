"""A presenter's actions come back in the order they were written (the summary, the minutes,
the check-in and the actions step on a return all list them so), not by their random ids."""

from __future__ import annotations

from pathlib import Path

from als_tui.model import Action
from als_tui.store import Store


def test_a_days_actions_come_back_in_the_order_they_were_saved_even_after_an_edit(tmp_path: Path) -> None:
    db = tmp_path / "als.json"
    texts = ["Meet both ward sisters", "Ask HR for the rota rules", "Draft a swap policy"]
    ids = ["zz9", "aa1", "mm5"]  # random ids: their order is not the order written
    with Store(db) as store:
        for text, id_ in zip(texts, ids):
            store.save_action(Action("s1", "Asha", text, meeting_id="m1", created="2026-03-10", id=id_))
        store.save_action(Action("s1", "Ben", "Phone the night team", meeting_id="m1", created="2026-03-10"))
        first = store.actions("s1", "Asha")[0]
        first.support = "my manager"  # an edit does not move it to the end
        store.save_action(first)
        assert [a.text for a in store.actions("s1", "Asha")] == texts
        assert [a.text for a in store.actions("s1") if a.owner == "Asha"] == texts
        assert [a.text for a in store.actions_where("s1", lambda d: True, "Asha")] == texts
    with Store(db) as store:  # and after a reopen
        assert [a.text for a in store.actions("s1", "Asha")] == texts
        assert [a.text for a in store.actions_where("s1", lambda d: d.get("meeting_id") == "m1")
                if a.owner == "Asha"] == texts
