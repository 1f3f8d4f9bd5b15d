// One font for several regions (a board's sections must not differ in type size): the largest from the
// preferred size down to the readable minimum at which every region fits on one page.
import { minNotePx, preferredNotePx } from "./readable.js";

const SHRINK_STEP = 0.9;

export class Fitter {
  constructor(regions) {
    this.regions = regions;
    this.fontPx = preferredNotePx();
  }

  get atMinimum() {
    return this.fontPx <= minNotePx() + 0.01;
  }

  get pageCount() {
    return Math.max(1, ...this.regions.map((region) => region.pageCount));
  }

  fits(fontPx, cardsByRegion) {
    return this.regions.every((region, i) => {
      region.setFont(fontPx);
      return region.pagesNeeded(cardsByRegion[i]) === 1;
    });
  }

  // The largest font from preferred down to the minimum at which every region fits on one page.
  fit(cardsByRegion) {
    const min = minNotePx();
    const sizes = [];
    for (let size = preferredNotePx(); size > min; size *= SHRINK_STEP) sizes.push(size);
    sizes.push(min);
    let chosen = min;
    if (this.fits(sizes[0], cardsByRegion)) chosen = sizes[0];
    else if (sizes.length > 1 && this.fits(min, cardsByRegion)) {
      // Binary search between the first size that failed and the minimum that fits.
      let low = 0; // fails
      let high = sizes.length - 1; // fits
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (this.fits(sizes[mid], cardsByRegion)) high = mid;
        else low = mid;
      }
      chosen = sizes[high];
    }
    this.fontPx = chosen;
    this.regions.forEach((region, i) => {
      region.setFont(chosen);
      region.layout(cardsByRegion[i]);
    });
  }

  // Like fit, but never pages: false (and nothing laid out) when even the minimum needs a second page.
  fitOnOnePage(cardsByRegion) {
    if (!this.fits(minNotePx(), cardsByRegion)) return false;
    this.fit(cardsByRegion);
    return true;
  }

  show(index) {
    for (const region of this.regions) region.show(index);
  }
}
