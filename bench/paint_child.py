"""Child process of bench/run.py: start an app headless, stop it at its first paint, report.

    python bench/paint_child.py OUT.json bare
    python bench/paint_child.py OUT.json als [als arguments...]   e.g. als --db F   /   als prep --db F

``T0`` is taken on the first line of this file, before any import. "First paint" is the end of the
first compositor refresh of the target screen (the bare app's default screen; ``HomeScreen`` for
``als``; ``PrepScreen`` for ``als prep``) once that screen is the top screen AND its ``on_mount``
(async too) has finished: the moment the screen would have been written to a terminal. The app is
then told to exit. Both kinds of child go through exactly the same hook.

``als`` runs through ``als_tui.cli.main`` as the ``als`` command does (argument parsing,
``ALSApp(..., background_writes=True)``), with ``App.run`` forced to ``headless=True``.

Writes JSON to OUT: paint (seconds from T0 to first paint), complete (to the first paint with
everything of the prep screen that can be seen without scrolling and all its action rows, built
just after its first paint: figure 3b; = paint elsewhere), whole (to the first paint with the whole
prep form, the parts below the fold too; = complete elsewhere), below_fold (for prep: every part of
the form built after the "complete" paint lies below the form's fold, i.e. could not be seen in
it; None elsewhere), done (T0 to the end of ``run``, i.e. including shutdown and the store's
close), nodes (widgets in the painted screen), maxrss_kb (``ru_maxrss`` of this process), exit code.
An older checkout (bench/ab.py --against) without the two steps builds its whole form at once:
"complete" is then that paint.
"""

import time

T0 = time.perf_counter()

import json
import resource
import sys


def main() -> int:
    out, kind, *rest = sys.argv[1:]
    target = {"bare": "Screen", "als": "PrepScreen" if rest[:1] == ["prep"] else "HomeScreen"}[kind]
    seen: dict[str, float] = {}

    from textual.app import App
    from textual.screen import Screen

    original_refresh = Screen._compositor_refresh

    def compositor_refresh(self: Screen) -> None:
        original_refresh(self)
        if "whole" in seen or type(self).__name__ != target:
            return
        app = self.app
        if self is app.screen and self.is_mounted:
            now = time.perf_counter() - T0
            if "paint" not in seen:
                seen["paint"] = now
                seen["nodes"] = sum(1 for _ in self.walk_children(with_self=True))
                store = getattr(app, "store", None)
                seen["history_parsed_at_paint"] = None if store is None else not store.history_pending
            # Prep paints its issue field first, then builds what can be seen without scrolling
            # and the action rows (visible_ready; actions_loaded in a checkout that builds it all
            # at once), and just after that paint the rest of its form (form_ready).
            # For every other screen "complete" and "whole" are the first paint.
            prep = getattr(self, "alset", None) is not None
            if "complete" not in seen and (not prep or getattr(self, "visible_ready", getattr(self, "actions_loaded", True))) \
                    and laid_out(self, ".prep-action", "#prep-form-rest"):
                seen["complete"] = now
                seen["complete_nodes"] = count(self)
                seen["fold"] = fold_of(self) if prep else None
            if "complete" in seen and (not prep or getattr(self, "form_ready", True) and parts_laid_out(self)):
                seen["whole"] = now
                seen["whole_nodes"] = count(self)
                seen["below_fold"] = below_fold(self, *seen["fold"]) if prep else None
                app.exit()

    def count(screen: Screen) -> int:
        return sum(1 for _ in screen.walk_children(with_self=True))

    def laid_out(screen: Screen, *selectors: str) -> bool:
        """The widgets built after the first paint are in this paint (they have a place on the
        screen), not just mounted: a refresh that ran before their layout painted nothing new."""
        built = [w for w in (next(iter(screen.query(q)), None) for q in selectors) if w is not None]
        return all(w.region.area > 0 for w in built)

    def parts_laid_out(screen: Screen) -> bool:
        """Every part of the form (seen or not) has its place in this paint's layout."""
        rest = next(iter(screen.query("#prep-form-rest")), None)
        return rest is not None and all(w.virtual_region.area > 0 for w in rest.children if w.display)

    def fold_of(screen: Screen) -> tuple[int, set[int]]:
        """The rows of the form's box that can be seen, in the form's own (virtual) rows, and the
        parts of the form already built."""
        box = screen.query_one("#prep-form")
        rest = next(iter(screen.query("#prep-form-rest")), None)
        built = set() if rest is None else {id(w) for w in rest.children}
        return box.scrollable_content_region.height + round(box.scroll_y), built

    def below_fold(screen: Screen, fold: int, built: set[int]) -> bool:
        """Every part of the form built after the "complete" paint starts at or below *fold*."""
        rest = screen.query_one("#prep-form-rest")
        later = [w for w in rest.children if id(w) not in built and w.display]
        return all(rest.virtual_region.y + w.virtual_region_with_margin.y >= fold for w in later)

    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]

    original_run = App.run

    def run_headless(self, *args, **kwargs):
        kwargs["headless"] = True
        return original_run(self, *args, **kwargs)

    App.run = run_headless  # type: ignore[method-assign]

    if kind == "bare":
        from textual.app import ComposeResult
        from textual.widgets import Footer, Header, Static

        class BareApp(App):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Hello")
                yield Footer()

        BareApp().run()
        code = 0
    else:
        from als_tui.cli import main as als_main

        code = als_main(rest)
    done = time.perf_counter() - T0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"paint": seen.get("paint"), "nodes": seen.get("nodes"), "complete": seen.get("complete"),
                   "complete_nodes": seen.get("complete_nodes"), "whole": seen.get("whole"),
                   "whole_nodes": seen.get("whole_nodes"), "below_fold": seen.get("below_fold"),
                   "history_parsed_at_paint": seen.get("history_parsed_at_paint"), "done": done, "maxrss_kb": rss,
                   "code": code}, fh)
    return 0 if seen.get("paint") is not None and not code else 1


if __name__ == "__main__":
    raise SystemExit(main())
