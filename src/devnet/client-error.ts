// Answers to what Node's HTTP parser refuses before any route sees it: a header line without a
// colon, headers over Node's size limit, a bad Content-Length, Content-Length with
// Transfer-Encoding, a request that did not arrive within the server's request timeout. Fastify's
// own answer is `{"error":"Bad Request","message":"Client Error","statusCode":400}`; each devnet
// server answers in its own error shape instead. There is no request object at this point, so
// the answer is written to the socket as raw HTTP, then the socket is closed (the parser cannot
// go on after an error).
import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';

export type ClientErrorKind = 'timeout' | 'headersTooLarge' | 'malformed';

export interface ClientError {
  kind: ClientErrorKind;
  /** 408, 431 or 400. */
  status: number;
  /** What went wrong, in a line: Node's parser code and reason. */
  detail: string;
}

/** Node's header size limit, for messages ("16 KiB"). */
export const MAX_HEADER_KIB = maxHeaderSize / 1024;

type ParserError = Error & { code?: string; reason?: string };

export function classifyClientError(error: ParserError): ClientError {
  const code = typeof error.code === 'string' ? error.code : 'ERR_UNKNOWN';
  const reason = typeof error.reason === 'string' && error.reason ? error.reason : error.message;
  const detail = `${code}: ${reason}`.slice(0, 200);
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { kind: 'timeout', status: 408, detail };
  if (code === 'HPE_HEADER_OVERFLOW') return { kind: 'headersTooLarge', status: 431, detail };
  return { kind: 'malformed', status: 400, detail };
}

/** The raw HTTP response for `status` with a JSON body and `headers`, closing the connection. */
export function rawJsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): string {
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(text)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
  ];
  return lines.join('\r\n') + '\r\n\r\n' + text;
}

/**
 * A fastify `clientErrorHandler` that answers each refused request with `answer(error)` as JSON.
 * A reset socket gets nothing; nor does one whose current response has already started (its
 * request arrived whole and the parser failed on the next one): writing then would corrupt it.
 */
export function clientErrorHandler(
  answer: (error: ClientError) => unknown,
  headers: Record<string, string> = {},
): (error: ParserError, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const refused = classifyClientError(error);
      socket.write(rawJsonResponse(refused.status, answer(refused), headers));
    }
    socket.destroy();
  };
}
