"""Word frequencies of an ideas board, for the projector's word cloud.

Computed here rather than in the browser so every screen shows the same cloud and the stop-word list
lives in one place. Only visible notes count. The output is stable: sorted by count, then word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.models import Board, Note

MAX_WORDS = 80
# Longer "words" are links, pasted codes or keyboard mashing; they would swamp a cloud.
MAX_WORD_LENGTH = 30
# Letters (any script) with inner apostrophes or hyphens: "link-workers", "don't", "café", "مكتبة".
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

_STOP_WORD_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each etc few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her
    here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's
    its itself just let's like lot lots make many may me might more most much must mustn't my myself need no nor
    not now of off often on once one only or other ought our ours ourselves out over own per really same shan't
    she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
    there there's these they they'd they'll they're they've this those through thus to too under until up upon
    us use used using very via was wasn't we we'd we'll we're we've well were weren't what what's when when's
    where where's whether which while who who's whom why why's will with within without won't would wouldn't
    yes yet you you'd you'll you're you've your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


def _normalise(word: str) -> str:
    """One spelling per word: NFC (so é typed two ways counts once), curly apostrophes straightened."""
    return unicodedata.normalize("NFC", word).replace("’", "'").casefold()


def word_frequencies(texts: list[str], limit: int = MAX_WORDS) -> dict[str, Any]:
    """Count the words of `texts` without stop-words; the `limit` most frequent, ties by word."""
    counts: Counter[str] = Counter()
    for text in texts:
        # Compose first: "e" + combining acute is one letter, which the pattern would otherwise split.
        for match in WORD.finditer(unicodedata.normalize("NFC", text)):
            word = _normalise(match.group())
            if len(word) < 2 or len(word) > MAX_WORD_LENGTH or word in STOP_WORDS:
                continue
            counts[word] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {
        "words": [{"word": word, "count": count} for word, count in ranked[:limit]],
        "distinct": len(counts),
        "total": sum(counts.values()),
    }


def board_word_cloud(actor: Actor, workshop_id: Any, board_id: Any) -> dict[str, Any]:
    """The word frequencies of one ideas board's visible notes, for anyone who may view the workshop."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    board = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    texts = db.session.scalars(
        select(Note.text).where(Note.board_id == board.id, Note.status == "visible").order_by(Note.id)
    ).all()
    return {"board_id": board.id, **word_frequencies(list(texts))}
