"""The words of a stage: its rule, who speaks, the method card, and its help. No Textual
widgets: the stage screen, the session's plan and the help use them."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ..bank import Bank, Method, Stage
from ..helptext import help_for


NO_ADVICE_RULE = "questions, not advice"  # the template's rule (its title), as sets keep it


def rules_for_format(rules: Sequence[str], bank: Bank) -> list[str]:
    """The set's ground rules as read aloud at the opening: in a format with stages that welcome
    suggestions (Kollegiale Beratung's consultation, Intervision's advice round) "Questions, not
    advice" says where suggestions belong instead of forbidding what the format asks for."""
    welcome = [s.title for s in bank.stages if s.rules.advice_allowed]
    if not welcome:
        return list(rules)
    where = " and ".join(f"“{t}”" for t in welcome)
    line = (f"Questions, and suggestions only where {bank.name} asks for them: in {where} the set "
            "offers ideas the presenter is free to take or leave; in every other stage we ask open "
            "questions and do not advise.")
    return [line if r.casefold().startswith(NO_ADVICE_RULE) else r for r in rules]


def rule_line(stage: Stage) -> str:
    """The stage's rule for the big box: what the set may and may not do here."""
    r = stage.rules
    if r.questions_only:
        return "Questions only — no advice"
    if r.advice_allowed:
        text = "Suggestions welcome in this stage"
        return text + "; nobody interrupts" if r.uninterrupted else text
    if r.presenter_listens:
        return "The set talks it through — no advice"
    return stage.rule_text


def speaker_line(stage: Stage | None, presenter: str) -> str:
    """Who talks in this stage, in words, with the presenter's name."""
    p = presenter or "the presenter"
    if stage is None:
        return f"Everyone talks, {p} included"
    r = stage.rules
    if stage.speaker == "presenter":
        return f"{p} speaks; the set listens" if r.uninterrupted else f"{p} speaks; the set may ask to understand"
    if stage.speaker == "set":
        if r.questions_only:
            return f"The set asks, one question at a time; {p} answers"
        if r.presenter_listens:
            return f"The set talks it through, to each other; {p} only listens"
        return f"The set speaks; {p} listens"
    if stage.speaker == "scribe":
        if r.presenter_listens:
            return f"The scribe speaks; {p} only listens"
        return f"The scribe speaks; {p} and the set listen"
    if r.presenter_listens:
        return f"Everyone else talks; {p} only listens"
    return f"Everyone talks, {p} included"


def listens_line(stage: Stage | None, presenter: str) -> str:
    """The banner for a stage where the presenter only listens ("" if they take part)."""
    if stage is None or not stage.rules.presenter_listens:
        return ""
    return f"{presenter or 'The presenter'} listens — turned away, not answering"


def method_card(methods: Sequence[Method], chosen: str, choosing: bool) -> Content:
    """The method card: the chosen method, big, with how it works; or, while nothing is chosen
    yet, the methods to choose from. *choosing* is true on the stage where the set chooses."""
    if chosen:
        description = next((m.description for m in methods if m.name == chosen), "")
        heading = "Method chosen" if choosing else "Work with the method chosen"
        parts: list[str | tuple[str, str]] = [(f"{heading}\n", "dim"), (f" {chosen.upper()} ", "bold reverse")]
        if description:
            parts.append(f"\n{description}")
        if choosing:
            parts.append(("\n(m to change it)", "dim"))
        return Content.assemble(*parts)
    parts = [("Methods to choose from — press m to choose one", "dim")]
    for m in methods:
        parts += ["\n• ", (m.name, "bold"), f" — {m.description}"]
    return Content.assemble(*parts)


def stage_help(bank: Bank, stage: Stage | None, presenter: str) -> dict[str, str]:
    """Help for a stage of *bank*'s format: the stage the set is in (its rule, who speaks, what it
    is for), then how the format's stages work. Only a questions-only stage warns of advice
    dressed as questions; a stage that welcomes suggestions says how to offer them."""
    classic = bank.id == "classic"
    base = help_for("session" if classic else "session_format")
    parts: list[str] = []
    if stage is not None:
        parts.append(f"**Now: {stage.title}.** {rule_line(stage)}. {speaker_line(stage, presenter)}.")
        for text in (stage.purpose, stage.guidance):
            if text.strip():
                parts.append(text.strip())
    parts.append(base["body"].strip())
    if stage is not None and not classic:
        extra = "watch_for" if stage.rules.questions_only else "suggestions" if stage.rules.advice_allowed else ""
        if extra:
            topic = help_for(extra)
            parts.append(f"**{topic['title']}:**\n\n{topic['body'].strip()}")
    title = f"{base['title']}: {bank.name}" if not classic else base["title"]
    return {"title": title, "body": "\n\n".join(parts)}

