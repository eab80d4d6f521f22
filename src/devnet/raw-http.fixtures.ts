// Tests' raw HTTP: bytes no HTTP client would send (a header line without a colon, a stalled
// body), and what came back before the server closed the socket.
import { connect } from 'node:net';

export interface RawExchange {
  /** Status code of the answer, or null when the server closed without one. */
  status: number | null;
  headers: Record<string, string>;
  /** The body as text ('' when none). */
  body: string;
  /** Milliseconds from connecting until the server closed the socket. */
  closedAfterMs: number;
}

/**
 * Connects to 127.0.0.1:`port`, writes `request` (latin1) without ending the socket (a stalled
 * client), and resolves once the server closes it, or rejects after `giveUpMs`.
 */
export function rawExchange(
  port: number,
  request: string,
  giveUpMs = 10_000,
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(request, 'latin1')));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer is the server closing without reading the rest: fine.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: match ? Number(match[1]) : null,
        headers,
        body: split < 0 ? '' : text.slice(split + 4),
        closedAfterMs: performance.now() - started,
      });
    });
  });
}
