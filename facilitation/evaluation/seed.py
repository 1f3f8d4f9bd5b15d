"""The demo's 34 questionnaire replies, made to reproduce the report's figures exactly and every time.

The report gives averages (enjoyment 4.8, contribution 4.1, aim met 4.4 out of 5), how many chose each
follow-up (28, 25, 23), that one person made no new connections, and quotes comments. The individual
scores are not in the report: the distributions below are one set that gives those averages.
"""

from __future__ import annotations

from facilitation.evaluation.service import questionnaire_of
from facilitation.extensions import db
from facilitation.models import Answer, Questionnaire, Response, Workshop
from facilitation.workshops.templates import OXFORD_FOLLOW_UPS

RESPONSES = 34
# score -> number of people, per rating question in the template's order.
RATING_COUNTS = [
    {5: 28, 4: 6},  # enjoyment: 164 / 34 = 4.82
    {5: 10, 4: 19, 3: 5},  # contribution: 141 / 34 = 4.15
    {5: 17, 4: 14, 3: 3},  # aim met: 150 / 34 = 4.41
]
# Rotations spread the lower scores over different people, as real replies would be.
RATING_ROTATIONS = [0, 7, 13]
FOLLOW_UP_COUNTS = [28, 25, 23]
FOLLOW_UP_ROTATIONS = [0, 11, 23]
NO_NEW_CONNECTIONS = 1

WORKED_WELL = [
    "It opened my eyes to the present state of social prescribing with all its facets, partnerships, "
    "challenges and opportunities.",
    "Enjoyed sampling activities - much easier then to recommend to patients.",
    "It has been a great opportunity to meet others, learn and share ideas, and do some networking too.",
    "Really nice to hear what is happening in the sector, not just focusing on challenges, but also solutions.",
    "Extremely useful to see the range of organisations involved in social prescribing and stimulating to "
    "consider potential projects and partnerships.",
    "I thought it worked very well as a learning experience, networking and a change to try out some "
    "brilliant activities.",
    "Discussion and opportunity to think about opportunities and gaps. Activities were fun and got ideas "
    "flowing. Networking and useful connections I'll follow up on.",
    "It was useful to get a sense of what's on offer and be able to describe in more detail, but also the "
    "activities were just really fun!",
    "It was great to get an insight into what people can expect from the events so that I can tell them "
    "about the groups with confidence.",
    "Good to connect and feel part of a wider picture.",
    "Opportunity to network with people in my own sector (museums) and wider plus great activities.",
    "It was the first time I have met any social prescribers. As a small grassroots charity it has been so "
    "difficult to find the contacts, so it was really incredibly useful to be able to show what we do.",
    "Meeting people develops strengths. Use of shared resources and greater scope for referral.",
    "I enjoyed all elements of the day. Well presented and not flat or death by PowerPoint. Thank you.",
    "I thought it was all great. Well thought out and interactive without feeling uncomfortable.",
    "The whole event was perfect! Everything was so well planned and executed from the warm up to the "
    "discussion groups and afternoon activities.",
]
TO_IMPROVE = [
    "A break in the morning",
    "Coverage of how to measure and evaluate social prescribing",
    "Presence of other stakeholders (e.g. commissioners, policy makers, funders, health professionals, "
    "community groups)",
    "Swap tables in the morning between activities to meet more people",
    "More information on completed research and future research",
    "Staggering activities in the afternoon",
]


def _scores(counts: dict[int, int], rotation: int) -> list[int]:
    ordered = [score for score in sorted(counts, reverse=True) for _ in range(counts[score])]
    assert len(ordered) == RESPONSES
    return ordered[rotation:] + ordered[:rotation]


def demo_answers(person: int, follow_up_options: list[str] = OXFORD_FOLLOW_UPS) -> dict[str, object]:
    """Person `person` (0-33)'s answers, keyed by question kind and order: pure data, no database.

    The follow-up choices are counted by position, so the same people tick the same choices whichever
    language the questionnaire's options are written in (the Welsh template's are in the same order)."""
    ratings = [_scores(c, r)[person] for c, r in zip(RATING_COUNTS, RATING_ROTATIONS, strict=True)]
    follow_ups = [
        option
        for option, count, rotation in zip(follow_up_options, FOLLOW_UP_COUNTS, FOLLOW_UP_ROTATIONS, strict=True)
        if (person + rotation) % RESPONSES < count
    ]
    return {
        "ratings": ratings,
        "follow_ups": follow_ups,
        "new_connections": person >= NO_NEW_CONNECTIONS,
        "worked_well": WORKED_WELL[person] if person < len(WORKED_WELL) else "",
        # The improvements came from other people than the quoted praise, as on the day's forms.
        "to_improve": TO_IMPROVE[person - 20] if 20 <= person < 20 + len(TO_IMPROVE) else "",
    }


def add_demo_evaluation(workshop: Workshop) -> Questionnaire | None:
    """Open the demo's questionnaire with the day's 34 replies, comments approved (caller commits).

    The comments are what people wrote on the day, so they stay in their own words (English) in a
    workshop made from the Welsh template too; the choices ticked are the questionnaire's own options."""
    questionnaire = questionnaire_of(workshop.id)
    if questionnaire is None:
        return None
    questions = list(questionnaire.questions)
    ratings = [q for q in questions if q.kind == "rating"]
    follow_up = next(q for q in questions if q.kind == "multiple_choice")
    connections = next(q for q in questions if q.kind == "yes_no")
    worked_well, to_improve = [q for q in questions if q.kind == "free_text"]
    for person in range(RESPONSES):
        given = demo_answers(person, list(follow_up.options))
        answers = [Answer(question_id=q.id, value=v) for q, v in zip(ratings, given["ratings"], strict=True)]
        if given["follow_ups"]:
            answers.append(Answer(question_id=follow_up.id, value=given["follow_ups"]))
        answers.append(Answer(question_id=connections.id, value=given["new_connections"]))
        for question, key in ((worked_well, "worked_well"), (to_improve, "to_improve")):
            if given[key]:
                answers.append(Answer(question_id=question.id, value=given[key], moderation="approved"))
        db.session.add(Response(questionnaire_id=questionnaire.id, participant_id=None, answers=answers))
    questionnaire.status = "open"
    db.session.flush()
    return questionnaire
