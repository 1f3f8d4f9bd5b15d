"""How well the themes match the seed report's own grouping of Figure 2's twelve solutions (5 Knowledge,
4 Time, 3 Funding), asked for three themes. The numbers are what the clustering scores today: words alone
find little of a grouping by meaning, so they are low, and this test keeps them from getting worse.
"""

from __future__ import annotations

from collections import Counter

from sklearn.metrics import adjusted_rand_score

from facilitation.themes import clustering
from facilitation.workshops.demo_report import FIGURE_2_SOLUTIONS

# Measured on 2026-12-02 (issue 12): purity 0.667, adjusted Rand 0.137 (average linkage scored 0.583 and 0.160).
# Raise them when the clustering improves.
PURITY_AT_LEAST = 0.666
ADJUSTED_RAND_AT_LEAST = 0.136


def found_labels() -> list[int]:
    vectors = clustering.note_vectors([text for _heading, text in FIGURE_2_SOLUTIONS])
    labels = [0] * len(FIGURE_2_SOLUTIONS)
    # As a board is grouped (clustering.readable_groups), asked for three themes.
    for number, group in enumerate(clustering.cluster(vectors, n_clusters=3, linkage="complete")):
        for index in group:
            labels[index] = number
    return labels


def purity(truth: list[str], found: list[int]) -> float:
    """Share of notes in their theme's most common heading."""
    pairs = list(zip(truth, found, strict=True))
    biggest = sum(Counter(t for t, f in pairs if f == k).most_common(1)[0][1] for k in set(found))
    return biggest / len(truth)


def test_figure_2_asked_for_three_themes_scores_no_worse_than_measured():
    truth = [heading for heading, _text in FIGURE_2_SOLUTIONS]
    assert Counter(truth) == {"Knowledge": 5, "Time": 4, "Funding": 3}
    found = found_labels()
    assert len(set(found)) == 3
    assert purity(truth, found) >= PURITY_AT_LEAST
    assert adjusted_rand_score(truth, found) >= ADJUSTED_RAND_AT_LEAST
    assert found_labels() == found  # and the same every time
