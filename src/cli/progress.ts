/** A one-line progress indicator on a terminal, plain lines otherwise (CI logs). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY;
  let last = 0;
  return {
    update(done: number, total: number, note = '') {
      const now = Date.now();
      if (tty) {
        const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${note}`.padEnd(80));
      } else if (now - last > 1000 || done === total) {
        stream.write(`${label}: ${done}/${total} ${note}\n`);
        last = now;
      }
    },
    done(message?: string) {
      if (tty) stream.write('\n');
      if (message) stream.write(`${message}\n`);
    },
  };
}
