const WIDTH = 28;
const REDRAW_MS = 100;

export interface PhaseProgress {
  /** Adds to the count done so far. */
  tick(n?: number): void;
}

/**
 * One in-place bar per phase on stderr (a plain line per finished phase when stderr is not a terminal), and
 * the seconds each phase took.
 */
export class Progress {
  readonly seconds: Record<string, number> = {};
  readonly #started = performance.now();

  constructor(private readonly out: NodeJS.WriteStream | null = process.stderr) {}

  async phase<T>(name: string, total: number, body: (p: PhaseProgress) => Promise<T>): Promise<T> {
    const start = performance.now();
    let done = 0;
    let drawn = 0;
    const tty = this.out?.isTTY === true;
    const draw = (final: boolean) => {
      if (!this.out || (!tty && !final)) return;
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(fraction * WIDTH);
      const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
      const counts = `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`;
      const elapsed = `${((performance.now() - start) / 1000).toFixed(1)} s`;
      const line = `${name.padEnd(14)} ${bar} ${counts.padStart(23)}  ${elapsed}`;
      this.out.write(tty ? `\r${line}${final ? "\n" : ""}` : `${line}\n`);
    };
    const result = await body({
      tick: (n = 1) => {
        done += n;
        const now = performance.now();
        if (now - drawn >= REDRAW_MS) {
          drawn = now;
          draw(false);
        }
      },
    });
    draw(true);
    this.seconds[name] = round((performance.now() - start) / 1000);
    return result;
  }

  note(text: string): void {
    this.out?.write(`${text}\n`);
  }

  get elapsedSeconds(): number {
    return round((performance.now() - this.#started) / 1000);
  }
}

const round = (s: number) => Math.round(s * 100) / 100;
