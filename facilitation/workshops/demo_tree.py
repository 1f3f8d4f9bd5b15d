"""The tree's group notes at a real morning's volume: six groups of eight, each pinning what its table said.

Written in the voices the report describes (link workers and cultural providers); grouped here by topic
only to keep them readable, then dealt out to the groups in turn. With the report's own (demo_report.py)
they make about 120 notes on the tree.
"""

from __future__ import annotations

B, E = "Barriers", "Enablers"
LW, CP = "Link workers", "Cultural providers"

# (section, perspective, text)
GROUP_NOTES: list[tuple[str, str, str]] = [
    # Funding and commissioning
    (B, CP, "Project funding lasts a year, so good programmes stop just as referrals start"),
    (B, CP, "Small charities cannot afford to run free sessions for referred people"),
    (B, LW, "No budget to pay for a patient's first few sessions or travel"),
    (B, CP, "Commissioners want outcomes we have no funding to measure"),
    (E, CP, "Joint funding bids between the museum and the primary care network"),
    (E, LW, "A small personal budget per patient to try a cultural activity"),
    (B, CP, "Funding applications take more staff time than the sessions themselves"),
    (E, CP, "Core funding for a social prescribing lead in the cultural sector"),
    # Evidence and evaluation
    (B, CP, "Hard to evidence wellbeing outcomes in a way the NHS accepts"),
    (E, CP, "Simple shared outcome measures that both sectors can use"),
    (B, LW, "We do not hear back whether the person went or how it helped"),
    (E, LW, "Feedback from providers after a referral, even a short email"),
    (E, CP, "Case studies and stories alongside the numbers"),
    (B, CP, "Evaluation forms put people off coming back"),
    (E, CP, "Using the WHO arts and health report to make the case"),
    # Knowing what is on offer
    (B, LW, "No up-to-date directory of what cultural activities are on locally"),
    (B, LW, "Offers change every term and we cannot keep track"),
    (E, LW, "One shared online map of cultural offers for link workers"),
    (E, CP, "A named contact at each venue for link workers to ring"),
    (B, CP, "We do not know who the link workers are in our area"),
    (E, LW, "Taster days where providers come to the GP surgery"),
    (E, CP, "Inviting link workers to try sessions before they refer"),
    (B, LW, "Leaflets arrive but nobody explains what a session is actually like"),
    # Understanding social prescribing
    (B, CP, "Not sure what a link worker does or how referrals work"),
    (B, CP, "Social prescribing jargon makes it feel like a health service we are not part of"),
    (E, CP, "A short induction on social prescribing for museum and library staff"),
    (B, LW, "Link workers think museums are for tourists, not for our patients"),
    (E, LW, "Hearing from providers about who their sessions are really for"),
    (B, CP, "Worry that we would be expected to be therapists"),
    (E, CP, "Clear boundaries: we offer activity and company, not treatment"),
    # Referral pathways
    (B, LW, "Referral forms differ for every organisation"),
    (E, LW, "One simple referral form across the cultural sector"),
    (B, CP, "Referrals arrive without enough information about the person's needs"),
    (E, CP, "A phone call before the first session to meet the person's needs"),
    (B, LW, "Waiting lists for popular groups mean the moment passes"),
    (E, LW, "Warm handover: walking with someone to their first session"),
    # Access, transport and cost
    (B, LW, "Bus fares and poor transport stop people getting to venues"),
    (B, LW, "Venues in the city centre are far from the estates we work in"),
    (E, CP, "Pop-up sessions in community centres and libraries near people"),
    (B, CP, "Our building is not accessible for wheelchair users"),
    (E, LW, "Free entry cards for people referred by a link worker"),
    (B, LW, "Sessions during working hours exclude carers and people in work"),
    (E, CP, "Evening and weekend sessions for people who work"),
    # Confidence, stigma and first steps
    (B, LW, "People feel museums and theatres are 'not for people like me'"),
    (B, LW, "Anxiety about walking into a group of strangers"),
    (E, LW, "A buddy or volunteer to go along to the first session"),
    (E, CP, "Friendly welcome at the door and a cup of tea"),
    (B, CP, "Arts seen as a luxury rather than part of health"),
    (E, LW, "Describing activities in everyday words, not 'culture'"),
    # Risk and safeguarding
    (B, LW, "Risk assessments for every new activity take a long time"),
    (B, CP, "Unsure about safeguarding when someone discloses a problem"),
    (E, CP, "Shared safeguarding training for volunteers and staff"),
    (B, CP, "Insurance worries about people with complex health needs"),
    (E, LW, "A shared risk assessment template both sectors agree"),
    # Capacity and time
    (B, LW, "Caseloads are too big to spend time finding bespoke offers"),
    (B, CP, "Staff and volunteers are already stretched"),
    (E, LW, "Protected time in the link worker role for building community connections"),
    (B, CP, "Bespoke provision for one person is hard to staff"),
    (E, CP, "Co-designing programmes with the people who come takes longer but lasts"),
    # Relationships and networks
    (E, LW, "Regular networking meetings like OxSoP between the two sectors"),
    (E, CP, "Knowing each other by name makes referrals easier"),
    (B, LW, "High turnover of link workers means contacts are lost"),
    (E, CP, "A community of practice with shared resources"),
    (E, LW, "Swapping shadowing days between surgeries and venues"),
    (B, CP, "Competition between providers for the same referrals"),
    (E, CP, "Joining up with other providers instead of reinventing the wheel"),
    # Diversity and representation
    (B, CP, "Our audiences do not reflect the communities we want to reach"),
    (E, CP, "Activities led by people from the communities themselves"),
    (B, LW, "Language barriers for people who do not speak English"),
    (E, CP, "Culturally specific activities such as cooking or steel drumming"),
    (E, LW, "Women-only sessions so more people feel able to come"),
    (B, CP, "Few offers for younger adults or single parents"),
    # Older people and isolation
    (B, LW, "Isolated older people rarely leave the house at all"),
    (E, CP, "Home visits with museum objects for people who cannot travel"),
    (E, CP, "Sociable book groups for the over-60s"),
    (B, LW, "Digital offers leave out people without the internet"),
    (E, CP, "Phone-in singing sessions for people at home"),
    # Matching people to activities
    (E, LW, "Asking what someone enjoyed before they were unwell"),
    (E, LW, "Trying activities ourselves so we can describe them honestly"),
    (B, LW, "Hard to sell a cultural activity to someone who has never been to one"),
    (E, CP, "Offering a free taster before people commit"),
    (E, CP, "Building on people's strengths and what they already do"),
    # Sustainability and volunteers
    (B, CP, "Volunteers leave and groups fold"),
    (E, CP, "Training regulars to become volunteers and group leaders"),
    (E, LW, "Peer groups that carry on after the funded sessions end"),
    (B, CP, "Every project has to look new to get funded"),
    # Policy and strategy
    (B, CP, "Culture is missing from local health strategies"),
    (E, CP, "Feeding what we learn up to inform strategy and policy"),
    (E, LW, "Primary care networks naming cultural partners in their plans"),
    (B, LW, "GPs do not see cultural referrals as real treatment"),
    (E, LW, "GP champions who talk about arts on prescription"),
    # Sessions themselves
    (E, CP, "Small groups so everyone gets noticed"),
    (B, CP, "Drop-in sessions are unpredictable to plan for"),
    (E, CP, "A regular weekly slot people can build their week around"),
    (B, LW, "Six-week programmes end just as people are settling in"),
    (E, CP, "Mindfulness in nature and slow art for people with anxiety"),
    (E, CP, "Object handling sessions that spark conversation"),
    (B, CP, "Noisy open-plan galleries are hard for people with sensory needs"),
    (E, CP, "Quiet hours for people with sensory needs"),
    (E, LW, "Music and singing groups people can join at any point"),
    (B, LW, "Not knowing whether an activity suits someone with dementia"),
    (E, CP, "Dementia-friendly sessions with trained staff"),
]


def dealt_out(groups: int = 6) -> list[tuple[str, str, int, str]]:
    """(section, perspective, group number, text), the notes dealt to the groups in turn."""
    return [(section, perspective, i % groups + 1, text) for i, (section, perspective, text) in enumerate(GROUP_NOTES)]


# Words that make a bigger demo's extra notes differ from the ones they grew from (flask seed-demo --notes).
VARIATIONS = (
    "in rural areas",
    "for older people",
    "for young carers",
    "in the city",
    "on the estates",
    "for people with long-term conditions",
    "after COVID",
    "for families",
)


def more_notes(count: int, groups: int = 6) -> list[tuple[str, str, int, str]]:
    """`count` tree notes for a volume demo: the day's notes, then variations of them, never two the same."""
    notes = dealt_out(groups)
    extra = []
    round_ = 0
    while len(notes) + len(extra) < count:
        for i, (section, perspective, text) in enumerate(GROUP_NOTES):
            if len(notes) + len(extra) >= count:
                break
            variation = VARIATIONS[(i + round_) % len(VARIATIONS)]
            suffix = f" ({variation})" if round_ < len(VARIATIONS) else f" ({variation}, table {round_})"
            extra.append((section, perspective, (i + round_) % groups + 1, text + suffix))
        round_ += 1
    return (notes + extra)[:count]
