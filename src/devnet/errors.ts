// The devnet's own failures (bad flags, a busy port, a foreign data dir): one line a person can act
// on, and the exit code the CLI ends with.

/** A failure the CLI prints as its one line on stderr before exiting with `exitCode`. */
export class DevnetError extends Error {
  override readonly name = 'DevnetError';
  /** 2 for command-line usage errors, 1 for everything else. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Message of any thrown value, on one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
