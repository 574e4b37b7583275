/** A one-line progress bar on stderr when it is a terminal; silent otherwise (pipes, CI logs). */
export class ProgressBar {
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly total: number,
    private readonly label: string,
  ) {}

  update(done: number, unit = 'items'): void {
    if (!this.tty) return;
    const width = 30;
    const ratio = this.total === 0 ? 1 : done / this.total;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - done) / rate) : 0;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    process.stderr.write(`\r${this.label} [${bar}] ${done}/${this.total} ${unit} ${rate.toFixed(1)}/s ETA ${eta}s `);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
