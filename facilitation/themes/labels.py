"""A short suggested label for a theme, from the words its notes share and the rest of the board uses less.

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


def suggest_label(theme_texts: Sequence[str], other_texts: Sequence[str]) -> str:
    """The one or two terms that best tell this theme apart, e.g. "Funding, evidence"; "" if none."""
    if not theme_texts:
        return ""
    counter = CountVectorizer(binary=True, stop_words="english", ngram_range=(1, 2), token_pattern=WORD_PATTERN)
    try:
        counts = counter.fit_transform([*theme_texts, *other_texts])
    except ValueError:
        return ""
    terms = counter.get_feature_names_out()
    inside = np.asarray(counts[: len(theme_texts)].sum(axis=0)).ravel() / len(theme_texts)
    outside = (
        np.asarray(counts[len(theme_texts) :].sum(axis=0)).ravel() / len(other_texts)
        if other_texts
        else np.zeros(len(terms))
    )
    # Shared within the theme, rarer outside it; a two-word phrase read as one is worth a little more.
    scores = inside - 0.5 * outside + np.array([0.05 if " " in t else 0.0 for t in terms])
    if len(theme_texts) > 1:
        scores = np.where(inside * len(theme_texts) >= 2, scores, scores - 1.0)
    ranked = sorted(range(len(terms)), key=lambda i: (-scores[i], terms[i]))
    chosen: list[str] = []
    for i in ranked[:12]:
        words = terms[i].split()
        if any(w in c.split() for c in chosen for w in words) or any(c in terms[i] for c in chosen):
            continue
        if chosen and scores[i] < 0.6 * scores[ranked[0]]:
            break
        if sum(len(c.split()) for c in chosen) + len(words) > MAX_WORDS:
            break
        candidate = ", ".join([*chosen, terms[i]])
        if len(candidate) > THEME_LABEL_MAX:
            break
        chosen.append(terms[i])
        if len(chosen) == 2:
            break
    label = ", ".join(chosen)
    return label[:1].upper() + label[1:]
