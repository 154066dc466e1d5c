"""The demo set's issues, each with the actions its presenter might choose, in the order they
would take them: first finding out, then deciding, then acting. A presenter who brings an issue
back moves it on from where they left it (see :mod:`als_tui.demo`). Data only."""

from __future__ import annotations

ISSUE_ACTIONS: dict[str, tuple[str, ...]] = {
    "My team's sickness absence has doubled since the restructure": (
        "Ask the team what the restructure changed in their day",
        "Look at the absence figures by team and month with HR",
        "Hold return-to-work conversations myself for a month",
    ),
    "Getting the new rota accepted by the night staff": (
        "Ask the night staff what would make the rota work for them",
        "Meet the night staff rep before the rota goes out",
        "Trial the new rota on one ward for four weeks",
    ),
    "A senior colleague keeps undermining me in meetings": (
        "Note down what happens in the next three meetings, as it happens",
        "Ask my colleague for a one-to-one before the next meeting",
        "Agree the agenda with the chair in advance",
    ),
    "Whether to apply for the deputy director post": (
        "Write a short note on what I want from this job in two years",
        "Ask the current deputy director what the job is really like",
        "Ask my mentor how she made the move",
    ),
    "Our budget is cut by 12% and I have to choose what stops": (
        "Check the budget figures with the finance business partner",
        "Ask the team which work they would stop first",
        "List what we would stop, pause and protect, with the cost of each",
    ),
    "Two of my team leaders no longer speak to each other": (
        "Meet both team leaders separately, then together",
        "Agree with both how decisions between their teams get made",
        "Check in with each of them a month on, one to one",
    ),
    "Handing over a project I started to someone I don't trust with it": (
        "Name what exactly I am worried about and test it with my manager",
        "Write the handover notes and walk through them in person",
        "Agree three check-in dates with the new lead",
    ),
    "The new case-management system is live and nobody uses it": (
        "Sit with two caseworkers and watch them use the system",
        "Ask the supplier for the usage figures by team",
        "Find one team that uses it and ask how they got started",
    ),
    "I say yes to everything and my own work slips": (
        "List what only I can do and what others could do instead",
        "Keep Thursday mornings free of meetings for my own work",
        "Say no to one new request this month and notice what happens",
    ),
    "A long-serving colleague is underperforming and everyone knows it": (
        "Check whether anything has changed in their life or their role",
        "Book a private conversation about what I have seen, with examples",
        "Ask HR how to set a fair improvement plan",
    ),
    "Merging two teams with very different cultures": (
        "Ask each team what they want to keep from how they work now",
        "Run one joint team meeting a month, chaired in turn",
        "Pair people across the two teams on one piece of work",
    ),
    "Getting a decision out of a board that keeps deferring it": (
        "Ask the chair what the board needs to decide",
        "Map who needs to agree before the board meets",
        "Put the decision to the board as two clear options",
    ),
    "Recruiting for a role nobody applies to": (
        "Ask the last three people who declined what put them off",
        "Talk to HR about the salary band before advertising again",
        "Rewrite the advert with someone who does the job now",
    ),
    "My manager wants weekly reports that nobody reads": (
        "Ask my manager what decisions the report is meant to support",
        "Propose a one-page monthly summary instead",
        "Hand the weekly report to a team leader for a month",
    ),
    "Leading a team that is half remote and half on site": (
        "Ask three people in my team for honest feedback on my meetings",
        "Agree with the team which days we are all together",
        "Run every team meeting as if everyone were remote, for a month",
    ),
    "Coming back from parental leave to a changed team": (
        "Agree with my manager what has changed in my role",
        "Have a coffee with each team member in my first month back",
        "Choose one thing I will not pick up again, and say so",
    ),
    "A supplier who misses every deadline but is hard to replace": (
        "Write down the cost of the delays so far",
        "Call the supplier's account manager and agree a recovery date",
        "Find out what it would take to have a second supplier",
    ),
    "Complaints from families about how we communicate discharge dates": (
        "Read the last ten complaints and sort them by cause",
        "Sit in on two discharge conversations on the ward",
        "Ask the families' forum to review our discharge letter",
    ),
    "Taking over a team from a much-loved manager": (
        "Ask the team what the last manager did that I should keep",
        "Tell the team what I will change and what I will not, and when",
        "Ask the last manager for an hour on what they would do next",
    ),
    "Staff survey results that say people don't feel heard": (
        "Hold two listening sessions without the senior team in the room",
        "Share the survey results with the team and ask what to fix first",
        "Report back to the team on one thing we changed because they said so",
    ),
    "Being asked to lead a change I don't agree with": (
        "Find out why the change was decided and who decided it",
        "Tell my director what I disagree with, and what I can commit to",
        "Decide what I will say to my team, and say it once",
    ),
    "Our waiting list has grown six months in a row": (
        "Break the waiting list down by referral source and reason",
        "Visit a service elsewhere that brought its list down",
        "Ask the commissioner for a meeting on the figures",
    ),
    "Making time for strategy when every day is firefighting": (
        "Keep a log of every interruption for one week",
        "Agree with my deputy which fires they put out",
        "Take the first hour of Monday for planning, away from my desk",
    ),
    "A grievance in my team that is dragging on": (
        "Meet the person who raised it to ask how they are",
        "Ask HR for a date when the investigation will report",
        "Plan with HR how the team is told once it is settled",
    ),
    "Winning support from finance for a pilot that saves money later": (
        "Check the savings figures with the finance business partner",
        "Agree one measure of success for the pilot with my manager",
        "Draft a one-page proposal for the pilot and share it with finance",
    ),
    "Whether to stay in practice or move fully into management": (
        "Keep a note for a month of which days left me energised, and why",
        "Ask two former clinicians now in management what they miss",
        "Spend a day shadowing a full-time manager",
    ),
    "Getting three partner agencies to share data": (
        "Ask each agency's data lead what stops them sharing",
        "Draft a one-page data-sharing agreement to start the conversation",
        "Set up a monthly call with the partner agencies",
    ),
    "Volunteers who are quietly drifting away from the project": (
        "Find out what the volunteers who left would say",
        "Thank the volunteers one by one and ask what keeps them",
        "Give two long-standing volunteers a part in planning the next season",
    ),
    "Running a restructuring consultation with my own team": (
        "Ask HR to walk me through the consultation steps",
        "Write down the questions I dread and draft honest answers",
        "Tell the team the timetable before the formal letter",
    ),
    "Delegating to a team that keeps bringing problems back to me": (
        "Notice which problems come back to me, and from whom, for two weeks",
        "Ask 'what would you do?' before I answer the next ten questions",
        "Agree with each team leader what they decide without me",
    ),
    "My first year as head of department: where to focus": (
        "Ask five people what they would change first, and why",
        "Write three priorities for the year and test them with my director",
        "Tell the department the three priorities, and what waits",
    ),
    "A high performer who wants a promotion I can't give": (
        "Ask HR about acting-up or secondment options",
        "Tell them honestly what is and isn't possible this year",
        "Find a project that stretches them before the next round",
    ),
    "Bringing a failing project back on track without blaming anyone": (
        "Run a short retrospective on the project so far",
        "Tell the team what went wrong in the system, not in people",
        "Agree a recovery plan with the sponsor, with dates",
    ),
    "Meetings that overrun and decide nothing": (
        "Stop the meeting on time once, and see what happens",
        "Send the decision needed with every agenda item",
        "Trial a new meeting format for one month",
    ),
    "Introducing peer review to a team that fears it": (
        "Have my own work reviewed first, in front of the team",
        "Ask two volunteers to try peer review on one case each",
        "Ask the two volunteers to tell the team how it went",
    ),
    "Planning for a key person who retires in six months": (
        "Ask them to list what only they know",
        "Agree the handover plan with my manager",
        "Pair them with a colleague for their last three months",
    ),
    "Keeping my temper when the chief executive is dismissive": (
        "Notice what sets me off, and write it down after each meeting",
        "Prepare three questions for the meeting with the chief executive",
        "Ask a trusted colleague to watch how I come across in the next meeting",
    ),
    "Half our new starters leave within their first year": (
        "Find out what the exit interviews actually say",
        "Meet each new starter at six weeks",
        "Draft a buddy scheme for new starters with two recent joiners",
    ),
    "Cutting agency spend without burning out permanent staff": (
        "Check the agency figures by shift with the finance business partner",
        "Ask the team what overtime they would really take on",
        "Agree a limit on extra shifts per person with the staff side",
    ),
    "Saying no to a commissioner without losing the contract": (
        "Prepare the figures that show what the request would cost",
        "Ask a colleague who works with the commissioner how they take news",
        "Write down what we can offer instead of a plain no",
    ),
}
ISSUES = tuple(ISSUE_ACTIONS)
