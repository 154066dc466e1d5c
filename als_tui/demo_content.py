"""The demo set's words: members, issues and the actions that follow from each, check-in moods,
learning lines, questions, insights, review notes and changes. Data only (see :mod:`als_tui.demo`)."""

from __future__ import annotations

from . import model

MEMBERS = ("Priya Shah", "Tom Okafor", "Helen Marsh", "Marcus Lee", "Sofia Alvarez", "Dan Whitfield")

GROUND_RULES = (
    "Confidentiality: what is said in the set stays in the set.",
    "Time keeping: we start and finish on time and share the time fairly.",
    "Attendance and apologies: we come to every meeting, or tell the set beforehand.",
    "Questions, not advice: we help by asking open questions.",
    "Phones away while a presenter has the floor.",
)

# Each issue with the actions a presenter might choose after working on it: the demo's actions
# follow from the issue their owner brought (and so belong to the person who brought it).
ISSUE_ACTIONS: dict[str, tuple[str, ...]] = {
    "My team's sickness absence has doubled since the restructure": (
        "Look at the absence figures by team and month with HR",
        "Hold return-to-work conversations myself for a month",
        "Ask the team what the restructure changed in their day",
    ),
    "Getting the new rota accepted by the night staff": (
        "Ask the night staff what would make the rota work for them",
        "Trial the new rota on one ward for four weeks",
        "Meet the night staff rep before the rota goes out",
    ),
    "A senior colleague keeps undermining me in meetings": (
        "Ask my colleague for a one-to-one before the next meeting",
        "Note down what happens in the next three meetings, as it happens",
        "Agree the agenda with the chair in advance",
    ),
    "Whether to apply for the deputy director post": (
        "Ask the current deputy director what the job is really like",
        "Write a short note on what I want from this job in two years",
        "Ask my mentor how she made the move",
    ),
    "Our budget is cut by 12% and I have to choose what stops": (
        "List what we would stop, pause and protect, with the cost of each",
        "Check the budget figures with the finance business partner",
        "Ask the team which work they would stop first",
    ),
    "Two of my team leaders no longer speak to each other": (
        "Meet both team leaders separately, then together",
        "Agree with both how decisions between their teams get made",
    ),
    "Handing over a project I started to someone I don't trust with it": (
        "Write the handover notes and walk through them in person",
        "Agree three check-in dates with the new lead",
        "Name what exactly I am worried about and test it with my manager",
    ),
    "The new case-management system is live and nobody uses it": (
        "Sit with two caseworkers and watch them use the system",
        "Ask the supplier for the usage figures by team",
        "Find one team that uses it and ask how they got started",
    ),
    "I say yes to everything and my own work slips": (
        "Say no to one new request this month and notice what happens",
        "Keep Thursday mornings free of meetings for my own work",
        "List what only I can do and what others could do instead",
    ),
    "A long-serving colleague is underperforming and everyone knows it": (
        "Book a private conversation about what I have seen, with examples",
        "Ask HR how to set a fair improvement plan",
        "Check whether anything has changed in their life or their role",
    ),
    "Merging two teams with very different cultures": (
        "Ask each team what they want to keep from how they work now",
        "Run one joint team meeting a month, chaired in turn",
    ),
    "Getting a decision out of a board that keeps deferring it": (
        "Put the decision to the board as two clear options",
        "Map who needs to agree before the board meets",
        "Ask the chair what the board needs to decide",
    ),
    "Recruiting for a role nobody applies to": (
        "Rewrite the advert with someone who does the job now",
        "Ask the last three people who declined what put them off",
        "Talk to HR about the salary band before advertising again",
    ),
    "My manager wants weekly reports that nobody reads": (
        "Ask my manager what decisions the report is meant to support",
        "Hand the weekly report to a team leader for a month",
        "Propose a one-page monthly summary instead",
    ),
    "Leading a team that is half remote and half on site": (
        "Ask three people in my team for honest feedback on my meetings",
        "Run every team meeting as if everyone were remote, for a month",
        "Agree with the team which days we are all together",
    ),
    "Coming back from parental leave to a changed team": (
        "Have a coffee with each team member in my first month back",
        "Agree with my manager what has changed in my role",
    ),
    "A supplier who misses every deadline but is hard to replace": (
        "Call the supplier's account manager and agree a recovery date",
        "Find out what it would take to have a second supplier",
        "Write down the cost of the delays so far",
    ),
    "Complaints from families about how we communicate discharge dates": (
        "Ask the families' forum to review our discharge letter",
        "Sit in on two discharge conversations on the ward",
        "Read the last ten complaints and sort them by cause",
    ),
    "Taking over a team from a much-loved manager": (
        "Ask the team what the last manager did that I should keep",
        "Tell the team what I will change and what I will not, and when",
    ),
    "Staff survey results that say people don't feel heard": (
        "Share the survey results with the team and ask what to fix first",
        "Hold two listening sessions without the senior team in the room",
    ),
    "Being asked to lead a change I don't agree with": (
        "Tell my director what I disagree with, and what I can commit to",
        "Find out why the change was decided and who decided it",
        "Decide what I will say to my team, and say it once",
    ),
    "Our waiting list has grown six months in a row": (
        "Break the waiting list down by referral source and reason",
        "Visit a service elsewhere that brought its list down",
        "Ask the commissioner for a meeting on the figures",
    ),
    "Making time for strategy when every day is firefighting": (
        "Take the first hour of Monday for planning, away from my desk",
        "Keep a log of every interruption for one week",
        "Agree with my deputy which fires they put out",
    ),
    "A grievance in my team that is dragging on": (
        "Ask HR for a date when the investigation will report",
        "Meet the person who raised it to ask how they are",
    ),
    "Winning support from finance for a pilot that saves money later": (
        "Draft a one-page proposal for the pilot and share it with finance",
        "Agree one measure of success for the pilot with my manager",
        "Check the savings figures with the finance business partner",
    ),
    "Whether to stay in practice or move fully into management": (
        "Ask two former clinicians now in management what they miss",
        "Spend a day shadowing a full-time manager",
        "Keep a note for a month of which days left me energised, and why",
    ),
    "Getting three partner agencies to share data": (
        "Set up a monthly call with the partner agencies",
        "Ask each agency's data lead what stops them sharing",
        "Draft a one-page data-sharing agreement to start the conversation",
    ),
    "Volunteers who are quietly drifting away from the project": (
        "Thank the volunteers one by one and ask what keeps them",
        "Find out what the volunteers who left would say",
    ),
    "Running a restructuring consultation with my own team": (
        "Write down the questions I dread and draft honest answers",
        "Ask HR to walk me through the consultation steps",
        "Tell the team the timetable before the formal letter",
    ),
    "Delegating to a team that keeps bringing problems back to me": (
        "Ask 'what would you do?' before I answer the next ten questions",
        "Notice which problems come back to me, and from whom, for two weeks",
        "Agree with each team leader what they decide without me",
    ),
    "My first year as head of department: where to focus": (
        "Ask five people what they would change first, and why",
        "Write three priorities for the year and test them with my director",
    ),
    "A high performer who wants a promotion I can't give": (
        "Tell them honestly what is and isn't possible this year",
        "Find a project that stretches them before the next round",
        "Ask HR about acting-up or secondment options",
    ),
    "Bringing a failing project back on track without blaming anyone": (
        "Run a short retrospective on the last project",
        "Agree a recovery plan with the sponsor, with dates",
        "Tell the team what went wrong in the system, not in people",
    ),
    "Meetings that overrun and decide nothing": (
        "Trial a new meeting format for one month",
        "Send the decision needed with every agenda item",
        "Stop the meeting on time once, and see what happens",
    ),
    "Introducing peer review to a team that fears it": (
        "Ask two volunteers to try peer review on one case each",
        "Have my own work reviewed first, in front of the team",
    ),
    "Planning for a key person who retires in six months": (
        "Ask them to list what only they know",
        "Pair them with a colleague for their last three months",
        "Agree the handover plan with my manager",
    ),
    "Keeping my temper when the chief executive is dismissive": (
        "Prepare three questions for the meeting with the chief executive",
        "Notice what sets me off, and write it down after each meeting",
    ),
    "Half our new starters leave within their first year": (
        "Find out what the exit interviews actually say",
        "Draft a buddy scheme for new starters with two recent joiners",
        "Meet each new starter at six weeks",
    ),
    "Cutting agency spend without burning out permanent staff": (
        "Check the agency figures by shift with the finance business partner",
        "Ask the team what overtime they would really take on",
        "Visit the site team in person instead of emailing",
    ),
    "Saying no to a commissioner without losing the contract": (
        "Write down what we can offer instead of a plain no",
        "Ask a colleague who works with the commissioner how they take news",
        "Prepare the figures that show what the request would cost",
    ),
}
ISSUES = tuple(ISSUE_ACTIONS)

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
