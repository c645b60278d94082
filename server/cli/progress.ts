// A progress line for long commands: amount done, percentage, rate and ETA. On a terminal it
// redraws in place; in logs (CI, pipes) it prints at most one line every few seconds.
export interface Progress {
  /** `note` is shown after the figures ("12,000 records"). */
  update(done: number, note?: string): void;
  finish(): void;
}

export interface ProgressOptions {
  /** Count things (default) or bytes, shown in MB. */
  unit?: 'items' | 'bytes';
  stream?: NodeJS.WriteStream;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const megabytes = (n: number) => (n / 1_000_000).toFixed(1);

export function progress(label: string, total: number | undefined, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const bytes = options.unit === 'bytes';
  const started = Date.now();
  let lastPrint = 0;
  let last = '';
  const render = (done: number, note?: string) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const amount = bytes
      ? `${megabytes(done)}${total ? `/${megabytes(total)}` : ''} MB`
      : `${count(done)}${total ? `/${count(total)}` : ''}`;
    const parts = [`${label}: ${amount}`];
    if (total) parts.push(`${((100 * done) / total).toFixed(1)}%`);
    parts.push(bytes ? `${megabytes(rate)} MB/s` : `${count(rate)}/s`);
    if (total && rate > 0 && done < total) parts.push(`ETA ${Math.ceil((total - done) / rate)}s`);
    if (note) parts.push(note);
    return parts.join(' · ');
  };
  return {
    update(done, note) {
      const now = Date.now();
      if (now - lastPrint < (stream.isTTY ? 100 : 3000)) return;
      lastPrint = now;
      last = render(done, note);
      stream.write(stream.isTTY ? `\r\x1b[2K${last}` : `${last}\n`);
    },
    finish() {
      if (stream.isTTY && last) stream.write('\n');
      last = '';
    },
  };
}
