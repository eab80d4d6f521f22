// Console output of one run: lines joined by "\n", capped in UTF-8 bytes with one marker.

export const TRUNCATION_MARKER = '[logs truncated]';

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between characters. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

export class LogBuffer {
  private readonly lines: string[] = [];
  private bytes = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  append(line: string): void {
    if (this.truncated) return;
    const separator = this.lines.length > 0 ? 1 : 0;
    const size = separator + Buffer.byteLength(line, 'utf8');
    if (this.bytes + size <= this.maxBytes) {
      this.lines.push(line);
      this.bytes += size;
      return;
    }
    const room = this.maxBytes - this.bytes - separator;
    if (room > 0) this.lines.push(truncateUtf8(line, room));
    this.truncated = true;
  }

  toString(): string {
    if (!this.truncated) return this.lines.join('\n');
    return [...this.lines, TRUNCATION_MARKER].join('\n');
  }
}
