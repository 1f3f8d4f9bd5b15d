"""Grouping notes by what they say: TF-IDF of words and of character n-grams, and agglomerative clustering
on cosine distance (scikit-learn): complete linkage for a whole board, average linkage for telling whether
new notes are plainly alike. Pure functions of the texts, in the order given:
the same texts always give the same groups, and nothing is downloaded or sent anywhere.

Indices, never note ids: service.py maps them. A group is a sorted list of indices into the texts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

# More themes than this do not read as themes on a projector; the rest fold into their nearest or "Other".
MAX_THEMES = 12
# Average cosine distance below which new notes are alike enough to start a theme together (tried on the seed
# report's boards; tests/themes/test_quality.py measures the whole-board grouping).
JOIN_DISTANCE = 0.88
# A new note joins the nearest theme when its similarity to that theme's centre reaches this.
JOIN_SIMILARITY = 0.15
# A lone note is folded into its nearest theme at this similarity; below it, into "Other".
FOLD_SIMILARITY = 0.08
# Words carry the meaning, character n-grams catch "fund"/"funding"/"funders" without a stemmer.
WORD_WEIGHT = 0.7
# Terms in more than this share of a board's notes ("cultural", "sector" on the seed report's boards) say
# nothing about which theme a note is in; left out once a board has enough notes for the share to mean it.
COMMON_SHARE = 0.5
COMMON_FROM_NOTES = 10


def note_vectors(texts: Sequence[str]) -> csr_matrix:
    """Unit-length rows, one per text: word TF-IDF beside character (3-5)-gram TF-IDF."""
    max_df = COMMON_SHARE if len(texts) >= COMMON_FROM_NOTES else 1.0
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_df=max_df)
    try:
        parts = [char.fit_transform(texts) * (1.0 - WORD_WEIGHT)]
    except ValueError:
        parts = [TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit_transform(texts)]
    word = TfidfVectorizer(stop_words="english", sublinear_tf=True, max_df=max_df)
    # ValueError: only stop words and numbers on this board; characters alone then.
    with suppress(ValueError):
        parts.insert(0, word.fit_transform(texts) * WORD_WEIGHT)
    return normalize(hstack(parts).tocsr())


def similarities(vectors: csr_matrix) -> np.ndarray:
    """Cosine similarity of every pair (the rows are unit length)."""
    return np.asarray((vectors @ vectors.T).todense())


def centre(vectors: csr_matrix, members: Sequence[int]) -> np.ndarray:
    """A group's centre: the normalised mean of its rows."""
    return _unit(np.asarray(vectors[list(members)].mean(axis=0)).ravel())


class Centres:
    """Themes' centres while notes are placed one by one: each kept as the sum of its rows (the normalised sum
    is the normalised mean, centre()), so placing a note adds one row instead of averaging the whole theme
    again; on a board of a thousand notes that was most of a refresh."""

    def __init__(self, vectors: csr_matrix, members: dict[int, Sequence[int]]):
        self.vectors = vectors
        self.sums = {key: np.asarray(vectors[list(rows)].sum(axis=0)).ravel() for key, rows in members.items()}
        self.units = {key: _unit(total) for key, total in self.sums.items()}

    def __len__(self) -> int:
        return len(self.sums)

    def nearest(self, index: int) -> tuple[int | None, float]:
        """The theme whose centre is most like row `index` (the first on a tie) and the similarity."""
        return nearest(self.vectors, index, list(self.units.values()), keys=list(self.units))

    def add(self, key: int, index: int) -> None:
        row = self.vectors.getrow(index)  # sparse: a few dozen terms of tens of thousands
        np.add.at(self.sums[key], row.indices, row.data)
        self.units[key] = _unit(self.sums[key])


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def theme_count(notes: int) -> int:
    """How many themes a board of this many notes is cut into: about one per eight notes at a room's volume
    (sqrt(n / 2): 8 for 120 notes, 10 for 200), at least two, never more than MAX_THEMES - 1."""
    return max(2, min(MAX_THEMES - 1, round(math.sqrt(notes / 2))))


def cluster(vectors: csr_matrix, n_clusters: int | None = None, linkage: str = "average") -> list[list[int]]:
    """Groups by agglomerative clustering on cosine distance: average linkage cut at JOIN_DISTANCE (notes that
    are plainly alike), or any linkage cut into exactly n_clusters.

    Groups come ordered by their first index, so the result never depends on scikit-learn's numbering.
    """
    count = vectors.shape[0]
    if count == 0:
        return []
    if count == 1:
        return [[0]]
    distance = np.clip(1.0 - similarities(vectors), 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    if n_clusters is not None:
        model = AgglomerativeClustering(n_clusters=min(n_clusters, count), metric="precomputed", linkage=linkage)
    else:
        model = AgglomerativeClustering(
            n_clusters=None, distance_threshold=JOIN_DISTANCE, metric="precomputed", linkage="average"
        )
    labels = model.fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda members: members[0])


def readable_groups(vectors: csr_matrix) -> tuple[list[list[int]], list[int]]:
    """Themes for a whole board: (groups of two or more, the lone notes left for "Other").

    Complete linkage cut into theme_count(n) groups: short notes share few words, and average linkage (or a
    distance cut) chains most of a board into one theme through its common words, where complete linkage
    keeps themes of readable size. Each lone note then joins the nearest group when similar enough.
    """
    groups = cluster(vectors, theme_count(vectors.shape[0]), linkage="complete")
    themes = [g for g in groups if len(g) > 1]
    lone = sorted(g[0] for g in groups if len(g) == 1)
    centres = [centre(vectors, g) for g in themes]
    other: list[int] = []
    for index in lone:
        best, similarity = nearest(vectors, index, centres)
        if best is not None and similarity >= FOLD_SIMILARITY:
            themes[best].append(index)
        else:
            other.append(index)
    return [sorted(g) for g in themes], other


def nearest(
    vectors: csr_matrix, index: int, centres: Sequence[np.ndarray], keys: Sequence[Any] | None = None
) -> tuple[Any, float]:
    """The centre most like row `index` (the first on a tie) and its similarity; (None, 0) with no centres.
    The centre is named by its position, or by its entry in `keys`."""
    if not centres:
        return None, 0.0
    row = vectors.getrow(index)
    scores = [float(row.data @ c[row.indices]) for c in centres]
    best = int(np.argmax(scores))
    return (best if keys is None else keys[best]), scores[best]
