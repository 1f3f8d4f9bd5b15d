"""The graphic recording in the PDF report: a page per image, fitted to the frame, with its caption.

Takes the stored files (already re-encoded and stripped by recordings.images); pure otherwise."""

from __future__ import annotations

from pathlib import Path

from flask_babel import gettext as _
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer

from facilitation.exports.formats.pdf_export import FRAME_HEIGHT, FRAME_WIDTH, _styles, para

IMAGE_SHARE_OF_PAGE = 0.78


def recording_flowables(images: list[tuple[str, Path, int, int]]) -> list:
    """[(caption, file, width, height)] as report pages headed "Graphic recording"; [] when there are none."""
    if not images:
        return []
    styles = _styles()
    story: list = [CondPageBreak(FRAME_HEIGHT), para(_("Graphic recording"), styles["h1"])]
    for caption, path, width, height in images:
        scale = min(FRAME_WIDTH / width, FRAME_HEIGHT * IMAGE_SHARE_OF_PAGE / height)
        picture = Image(str(path), width=width * scale, height=height * scale)
        items = [picture, Spacer(1, 4)]
        if caption:
            items.append(para(caption, styles["muted"]))
        story += [KeepTogether(items), Spacer(1, 10)]
    return story
