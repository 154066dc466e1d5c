"""The demo set's words: members, issues and the actions that follow from each, check-in moods,
learning lines, questions, insights, review notes and changes. Data only (see :mod:`als_tui.demo`)."""

from __future__ import annotations

from . import model
from .demo_issues import ISSUE_ACTIONS, ISSUES  # the issues and their actions (re-exported here)

MEMBERS = ("Priya Shah", "Tom Okafor", "Helen Marsh", "Marcus Lee", "Sofia Alvarez", "Dan Whitfield")

GROUND_RULES = (
    "Confidentiality: what is said in the set stays in the set.",
    "Time keeping: we start and finish on time and share the time fairly.",
    "Attendance and apologies: we come to every meeting, or tell the set beforehand.",
    "Questions, not advice: we help by asking open questions.",
    "Phones away while a presenter has the floor.",
)

MOODS = (
    "Tired but glad to be here.",
    "A busy month: the inspection took most of it.",
    "Good, actually. A quiet few weeks for once.",
    "Distracted: a staffing crisis this morning.",
    "Back from leave and still catching up.",
    "Energised after our away day.",
    "A bit flat; the restructure news landed this week.",
    "Looking forward to this after a long week.",
    "Nervous about a meeting tomorrow, otherwise fine.",
    "Pleased: the pilot got its funding.",
    "Stretched thin, with two people off sick.",
    "Calm, which makes a change.",
    "Frustrated with how the budget round went.",
    "Proud of my team this month.",
    "Still thinking about what came up last time.",
    "Fine. Ask me again after the board meeting.",
)

LEARNING = {
    model.DONE: (
        "It was easier than I feared once I asked directly.",
        "People were waiting for someone to go first.",
        "Putting it in my diary is what made it happen.",
        "Listening first changed the whole conversation.",
        "The numbers settled an argument we had been having for months.",
        "Saying it out loud here made me follow through.",
        "They had been worrying about the same thing.",
        "It took twenty minutes; I had built it up into a day's work.",
        "The answer surprised me, and it changed what I do next.",
        "Doing it once made the second time much easier.",
    ),
    model.PARTLY: (
        "Started it, then the month ran away with me.",
        "Got halfway; I am still waiting for the figures.",
        "I had the conversation but avoided the hard part.",
        "Done for one team, not yet for the other.",
        "I drafted it but have not sent it.",
        "I did the easy half and noticed I was dodging the rest.",
        "One meeting happened; the second was cancelled twice.",
    ),
    model.NOT_DONE: (
        "I kept putting it off; I think I was avoiding the conflict.",
        "Cover shifts ate every spare hour.",
        "Waiting on someone else, and I did not chase.",
        "It felt less urgent once the crisis passed.",
        "I realised I did not know what I wanted from it.",
        "I wrote it on my list every week and moved it every week.",
    ),
    model.DROPPED: (
        "Things changed: the post was withdrawn.",
        "On reflection it was not the real problem.",
        "My manager took it over.",
        "The pilot was cancelled, so there was no point.",
        "Overtaken by the restructure.",
        "Someone else in the team had already done it.",
    ),
}


# The support a presenter asks for follows from what the action needs: the first rule whose words
# the action contains gives it; an action none of them fits asks for the set's interest or nothing.
SUPPORT_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("HR",), ("Half an hour with HR to check the process", "HR's guidance on the policy")),
    (("finance", "figures", "budget", "cost", "savings", "spend"),
     ("The figures from finance", "A finance colleague to check my numbers")),
    (("Draft", "Write", "Rewrite", "proposal", "advert", "notes"),
     ("Someone in the set to read my draft", "Half an hour to write it without interruptions")),
    (("Visit", "Sit ", "shadowing", "watch"), ("Cover for the afternoon I am away", "Cover for one shift")),
    (("manager", "director", "chair", "sponsor"),
     ("A slot in my manager's diary", "A set member to rehearse the conversation with")),
)
SUPPORT_ANY = ("", "", "", "A check-in call from a set member in two weeks",
               "Someone in the set to ask me how it went")


def support_for(action: str, pick) -> str:
    """The support a presenter would ask for to do *action*; *pick* chooses among fitting ones."""
    for words, supports in SUPPORT_RULES:
        if any(w in action for w in words):
            return str(pick(supports))
    return str(pick(SUPPORT_ANY))


QUESTIONS = (
    "What would success look like for you?",
    "What have you already tried?",
    "Who else has a stake in this?",
    "What is stopping you from acting on it?",
    "How does this affect you personally?",
    "What matters most to you here?",
    "What do you think they would say if we asked them?",
    "How will you know it has worked?",
    "What are you assuming about your manager's view?",
    "What would be a small first step?",
    "Where do you feel most stuck?",
    "What has changed since you first noticed this?",
    "What support would make the biggest difference?",
    "How would someone you admire handle this?",
    "What is the cost of doing nothing?",
    "What did you learn the last time something like this happened?",
    "Which part of this is within your control?",
    "What are you not saying about this?",
    "What would you do with another month?",
    "How do you feel when you picture the conversation?",
    "Have you spoken to HR yet?",
    "Is there a deadline?",
    "Does your manager know?",
    "How many people are in the team?",
    "When does the board meet?",
    "Don't you think they are testing you?",
    "Surely the budget is the real problem?",
    "That must feel unfair, doesn't it?",
    "Have you tried talking to them one to one?",
    "Why don't you escalate it?",
    "What if you just said no?",
    "Could you ask finance for a pilot budget?",
    "Why did you agree to it in the first place?",
    "What happened next, and how did the team react?",
)

INSIGHTS = (
    "I have been waiting for permission I don't need.",
    "The problem is less the rota than how it was decided.",
    "I avoid the conversation because I like them.",
    "My team copies how I handle pressure.",
    "Saying no is part of the job, not a failure.",
    "I had framed it as my problem alone.",
    "The data would settle it; I just haven't asked for it.",
    "I want the role partly for the wrong reasons.",
    "I have been solving the symptom, not the cause.",
    "A small experiment feels safer than a big announcement.",
    "My manager may not know what I need from her.",
    "I am more worried about being liked than about being fair.",
)

REVIEW_NOTES = (
    "Good pace; we kept to questions.",
    "Some advice crept in during the deeper analysis.",
    "The timekeeper kept us honest.",
    "Check-in ran long again.",
    "It felt rushed at the end.",
    "The silence after the account was useful.",
    "The questions today opened things up for me.",
    "I talked too much in the reflective stage.",
    "Two presenters worked well today.",
    "We lost focus after the break.",
    "Good to hear everyone report back on their actions.",
    "The question bank prompts helped when we got stuck.",
    "I noticed I was waiting to give my own answer instead of listening.",
    "We let the presenter off the hook on the hard question.",
    "Quieter members asked some of the best questions.",
    "The scribe's notes saved the presenter writing anything down.",
    "We rushed the actions; they could be sharper.",
    "Felt safe enough today to say what was really going on.",
    "We drifted into swapping stories in the clarifying stage.",
    "Starting with the report-back set a good tone.",
)

CHANGES = (
    "Start check-in on time and keep to three minutes each.",
    "Say 'question, please' when advice creeps in.",
    "One presenter only when fewer than five of us are here.",
    "Take a short break between presenters.",
    "Write questions down during the account instead of interrupting.",
    "Agree the time split before the first presenter starts.",
    "Leave five minutes for actions, not two.",
    "Use the bank's prompts in the reflective stage.",
    "Open the review with what worked, not what didn't.",
    "Send apologies to the facilitator before the day.",
)

PREPS = (
    {
        "why": "It is affecting morale and I am running out of goodwill.",
        "tried": "Two team meetings and a one-to-one with each team leader.",
        "want": "Questions that help me see what I am missing.",
        "success": "A plan I believe in, and one conversation booked.",
    },
    {
        "why": "I have been avoiding it for three months and it is getting worse.",
        "tried": "Raised it informally; nothing changed.",
        "want": "A sounding board, and someone to hold me to it.",
        "success": "Knowing what my first step is and when I will take it.",
    },
)
