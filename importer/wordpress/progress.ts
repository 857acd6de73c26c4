/**
 * A one-line progress bar on a terminal (the bytes of the file read so far, per pass); on
 * anything else (a pipe, a log file, CI) it prints nothing.
 */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  let last = ''
  return {
    update(label: string, done: number) {
      if (!stream.isTTY || total <= 0) return
      const fraction = Math.min(1, done / total)
      const width = 30
      const filled = Math.round(fraction * width)
      const line = `${label.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`
      if (line === last) return
      last = line
      stream.write(`\r${line}`)
    },
    finish() {
      if (stream.isTTY && last) stream.write('\n')
    },
  }
}
