// A progress line for long commands: count, percentage, rate and ETA. On a terminal it redraws
// in place; in logs (CI, pipes) it prints at most one line every few seconds.
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function progress(label: string, total: number | undefined, stream = process.stderr): Progress {
  const started = Date.now();
  let lastPrint = 0;
  let last = '';
  const render = (done: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const parts = [
      `${label}: ${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''}`,
    ];
    if (total) parts.push(`${((100 * done) / total).toFixed(1)}%`);
    parts.push(`${Math.round(rate).toLocaleString('en-US')}/s`);
    if (total && rate > 0 && done < total) parts.push(`ETA ${Math.ceil((total - done) / rate)}s`);
    return parts.join(' · ');
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - lastPrint < (stream.isTTY ? 100 : 3000)) return;
      lastPrint = now;
      last = render(done);
      stream.write(stream.isTTY ? `\r\x1b[2K${last}` : `${last}\n`);
    },
    finish() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
