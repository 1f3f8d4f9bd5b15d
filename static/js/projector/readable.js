// The readable minimum for note text on the projector, and the size notes start at.
//
// The minimum is 1.25 vw: 24 px on a 1920 px wide image, the same physical size on any resolution.
// Why that number is readable from 8 m on a 2 m screen: docs/projector.md. Mirrored in
// static/css/projector.css (--min-note).

export const MIN_NOTE_VW = 1.25;
export const PREFERRED_NOTE_VW = 1.9;

export const minNotePx = () => (MIN_NOTE_VW * window.innerWidth) / 100;
export const preferredNotePx = () => (PREFERRED_NOTE_VW * window.innerWidth) / 100;
