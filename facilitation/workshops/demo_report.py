"""What the seed report (Oxford, 23 June 2022) records on each board, as the demo's notes.

Solutions are Figure 2's twelve under its own three headings; the lists are the report's. Group notes on
the tree (demo_tree.py) add the volume of a real morning: six groups of eight.
"""

from __future__ import annotations

SOLUTIONS = "Solutions"
WASHING_LINE = "Washing line of knowledge"
CURRENT = "Current cultural provision"
NEW = "New cultural provision"
RESEARCH = "Research ideas"

# Figure 2: (heading, solution). 5 Knowledge, 4 Time, 3 Funding.
FIGURE_2_SOLUTIONS: list[tuple[str, str]] = [
    (
        "Knowledge",
        "Creating a community of practice between cultural providers and link workers (e.g. prescribearts.org)",
    ),
    ("Knowledge", "Enabling link workers to try out cultural offers, knowing how it might feel for service users"),
    ("Knowledge", "Identifying and addressing knowledge gaps in each sector, link workers and the cultural sector"),
    (
        "Knowledge",
        "Both sectors working together to produce an activity analysis for cultural offers: resources required, "
        "skills a service user needs, potential therapeutic benefits",
    ),
    (
        "Knowledge",
        "Working together means cultural sector staff do not need to be healthcare experts but have support "
        "from this sector",
    ),
    (
        "Time",
        "Building in time to get the cultural offer correct: it takes longer for social prescribing, needs more "
        "care, bespoke provision can be hard for the cultural sector",
    ),
    (
        "Time",
        "Involving partners and users in design and delivery of cultural offers: co-creation of programmes, "
        "building on people's strengths",
    ),
    ("Time", "Planning in ways to make the offers sustainable"),
    (
        "Time",
        "Having a clear part of a link worker's job role as time for building community connections, including "
        "with the cultural sector",
    ),
    (
        "Funding",
        "Developing evidence that social prescribing involving the cultural sector can reduce pressure on the "
        "NHS: economic benefits, evidencing impact as in the WHO report on arts and health",
    ),
    ("Funding", "Feeding information up to inform strategy and policy"),
    (
        "Funding",
        "Joining up resources, not just funding: volunteers, joining up with other providers, not reinventing "
        "the wheel",
    ),
]

# Ideas board 1: current cultural provision (9 items).
CURRENT_PROVISION: list[str] = [
    "Brampton Community Hub (exhibitions/workshops)",
    "Oxford Dance Festival – engagement projects",
    "Dance for Parkinson's programme",
    "Age UK Oxfordshire social prescribing are going to work with Hope project at the museum",
    "Libraries – scrabble club, crochet groups, lots of activities",
    "Oxford Youth Partnership Networking – monthly online meetings",
    "The Mill Art Centre – Banbury",
    "Cutteslowe Garden Project – offers experiences of micro-enterprise (e.g. crafting/art and selling products "
    "to visitors)",
    "The Story Museum – dedicated early years story based play available – cost-free to target families",
]

# Ideas board 2: new cultural provision (9 items).
NEW_PROVISION: list[str] = [
    "Pop up events – bring things to the community",
    "Women only offers",
    "Writing groups",
    "Cultural specific activities (e.g. Asian cooking, steel drumming)",
    "Photography groups",
    "Theatre/cinema clubs",
    "Social and physical activities, with interpreters for the deaf community",
    "Offers for single parents that children can come to",
    "Community choirs",
]

# Ideas board 3: the research topics the report lists.
RESEARCH_TOPICS: list[str] = [
    "Diversity: how to engage different communities in cultural offers",
    "The relative impact of the number of sessions: occasional sessions compared with regular, frequent ones",
    "How to measure impact (e.g. using a recovery star)",
    "The specific benefits of specific activities",
    "How to evaluate the arts, cultural and heritage sector in a way that gets health policy makers to take notice",
    "How to build bridges between different stakeholders",
    "Mapping the infrastructure needed for collaboration to succeed",
    "Augmented reality technology to support those who are more isolated",
]

# The washing line: times the cultural sector supported someone's well-being, in the testimonials' spirit.
WASHING_LINE_CARDS: list[str] = [
    "Joining a singing group after my husband died got me out of the house every Tuesday",
    "A museum volunteering role gave a patient of mine a reason to get up in the morning",
    "Our TeaBooks group for the over-60s: people who came alone now meet for coffee in between",
    "Knitting and crochet circle at the library helped my mum through lockdown",
    "Drawing from museum objects calmed a young man with anxiety more than anything else we tried",
    "Dance for Parkinson's: my dad moves more freely for days after a class",
    "A garden project let someone on my caseload sell what they had made for the first time",
    "Slow art sessions in the gallery: an hour with one painting, and I slept properly that night",
    "Community choir rehearsals gave a lonely client a circle of friends",
    "Sampling activities myself made it much easier to recommend them to patients",
    "Story Museum early-years play was free for the families we work with, and they went back",
    "Mindfulness walks in nature helped staff as much as the people we refer",
]

# Figure 3 and the text around it: tree notes the report names, (section, perspective, group, text).
TREE_FROM_REPORT: list[tuple[str, str, int, str]] = [
    ("Barriers", "Link workers", 1, "Not clear how to access cultural sector provision"),
    ("Barriers", "Link workers", 2, "Not understanding how the cultural sector might support social prescribing"),
    ("Barriers", "Link workers", 3, "Seeing the cultural sector as not relevant to the people we assist"),
    ("Barriers", "Cultural providers", 4, "Unsure what social prescribing is and how we can be involved"),
    ("Barriers", "Link workers", 5, "Doing risk assessments for cultural activities"),
    ("Barriers", "Link workers", 6, "Selling cultural activities to people who don't see it as their 'thing'"),
    ("Barriers", "Cultural providers", 1, "Health funders and commissioners seeing arts and culture as 'fluff'"),
    ("Barriers", "Cultural providers", 2, "Funding for bespoke provision to people in need"),
    ("Barriers", "Cultural providers", 3, "Perceptions of people engaging in social prescribing and their needs"),
    ("Barriers", "Cultural providers", 4, "Lack of representation and diversity within activities"),
    ("Enablers", "Link workers", 5, "Identifying what people might be interested in"),
    ("Enablers", "Link workers", 6, "Trying out cultural offers ourselves"),
    ("Enablers", "Cultural providers", 1, "A need to evidence the benefits of cultural engagement"),
    ("Enablers", "Cultural providers", 2, "Involving a range of people in planning cultural activities"),
    ("Enablers", "Cultural providers", 3, "Developing relationships to provide bespoke provision"),
    ("Enablers", "Link workers", 4, "Greater dialogue between link workers and cultural sector staff"),
]
