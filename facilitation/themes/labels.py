"""A short suggested label for each theme, from the words its notes share and the rest of the board uses less.

Whole words only: a label is built from terms, never cut to a length, so no word ever ends mid-way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from facilitation.models import THEME_LABEL_MAX

OTHER_LABEL = "Other"
# Letters only, two or more: no numbers or stray punctuation in a heading.
WORD_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
MAX_WORDS = 4
# "Link workers" reads better than "Link, workers": a phrase beats its own words when about as common.
PHRASE_BONUS = 0.15


def board_labels(texts: Sequence[str], themes: Sequence[Sequence[int]]) -> list[str]:
    """A label per theme (indices into texts), counting the board's words once for all of them; "" if none."""
    counter = CountVectorizer(binary=True, stop_words="english", ngram_range=(1, 2), token_pattern=WORD_PATTERN)
    try:
        counts = counter.fit_transform(texts).tocsc()
    except ValueError:
        return ["" for _ in themes]
    terms = counter.get_feature_names_out()
    phrase_bonus = np.array([PHRASE_BONUS if " " in t else 0.0 for t in terms])
    everywhere = np.asarray(counts.sum(axis=0)).ravel()
    rows = counts.tocsr()
    return [_label(rows, terms, everywhere, phrase_bonus, list(members), len(texts)) for members in themes]


def suggest_label(theme_texts: Sequence[str], other_texts: Sequence[str]) -> str:
    """The label of one theme among the board's other notes."""
    return board_labels([*theme_texts, *other_texts], [range(len(theme_texts))])[0]


def _label(rows, terms, everywhere, phrase_bonus, members: list[int], total: int) -> str:
    if not members:
        return ""
    inside_count = np.asarray(rows[members].sum(axis=0)).ravel()
    inside = inside_count / len(members)
    outside = (everywhere - inside_count) / (total - len(members)) if total > len(members) else 0 * inside
    # Shared within the theme, rarer outside it; a two-word phrase read as one is worth a little more.
    scores = inside - outside + phrase_bonus
    if len(members) > 1:
        scores = np.where(inside_count >= 2, scores, scores - 1.0)
    candidates = np.flatnonzero(inside_count)
    ranked = sorted(candidates, key=lambda i: (-scores[i], terms[i]))[:12]
    chosen: list[str] = []
    for i in ranked:
        words = terms[i].split()
        if any(w in c.split() for c in chosen for w in words) or any(c in terms[i] for c in chosen):
            continue
        if chosen and scores[i] < 0.6 * scores[ranked[0]]:
            break
        if sum(len(c.split()) for c in chosen) + len(words) > MAX_WORDS:
            break
        if len(", ".join([*chosen, terms[i]])) > THEME_LABEL_MAX:
            break
        chosen.append(terms[i])
        if len(chosen) == 2:
            break
    label = ", ".join(chosen)
    return label[:1].upper() + label[1:]
