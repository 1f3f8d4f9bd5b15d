// Turns the pages over every few seconds and keeps the footer's "Page 1/3" right.
export class PageTurner {
  constructor(onTurn, seconds) {
    this.onTurn = onTurn;
    this.seconds = seconds;
    this.index = 0;
    this.count = 1;
    this.timer = null;
  }

  setCount(count) {
    this.count = Math.max(1, count);
    if (this.index >= this.count) this.index = 0;
    clearInterval(this.timer);
    this.timer = this.count > 1 ? setInterval(() => this.turn(1), this.seconds * 1000) : null;
    this.onTurn(this.index, this.count);
  }

  turn(step) {
    this.index = (this.index + step + this.count) % this.count;
    this.onTurn(this.index, this.count);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }
}
