"""Which screen shows which phase of a meeting."""

from __future__ import annotations

from .base import MeetingContext, MeetingScreen


def shows_stage(ctx: MeetingContext) -> bool:
    """The meeting is at a timed stage of a presenter's session: the stage screen's phase (not
    the session's plan before its first stage, nor its actions)."""
    session = ctx.flow.current_session
    if ctx.meeting.phase != "session" or session is None or ctx.flow.in_actions:
        return False
    return not (session.current_stage == 0 and not session.clock and session.stages[0].actual_seconds == 0)


def screen_for(ctx: MeetingContext) -> MeetingScreen:
    phase = ctx.meeting.phase
    flow = ctx.flow
    if phase == "opening":
        from .opening import OpeningScreen

        return OpeningScreen(ctx)
    if phase == "checkin":
        from .checkin import CheckInScreen

        return CheckInScreen(ctx)
    if phase == "bids":
        from .bids import BidScreen

        return BidScreen(ctx)
    if phase == "selection":
        from .selection import SelectionScreen

        return SelectionScreen(ctx)
    if phase == "session":
        session = flow.current_session
        if session is None:  # every session done: the review is next
            flow.goto_phase("review")
            return screen_for(ctx)
        if flow.in_actions:
            from .actions import ActionScreen

            return ActionScreen(ctx)
        if not shows_stage(ctx):
            from .issue_session import IssueSessionScreen

            return IssueSessionScreen(ctx)
        from .stage import StageScreen

        return StageScreen(ctx)
    if phase == "review":
        from .review import ProcessReviewScreen

        return ProcessReviewScreen(ctx)
    from .summary import SummaryScreen

    return SummaryScreen(ctx)
