// How many Lit Actions one caller may have running or waiting on a node at once. The sandbox
// queues 64 actions per node; without a share per caller, one dApp calling executeJs in a loop
// takes every place and everyone else is told the node is busy.
import { NodeTransportError } from './errors';

/** Enough for any dApp's parallel calls (a browser opens 6 connections per node). */
export const MAX_ACTIONS_PER_CALLER = 16;

export class ActionAdmission {
  /** Lowercase caller address → actions running or waiting. */
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly maxPerCaller = MAX_ACTIONS_PER_CALLER) {}

  /**
   * Takes a place for `caller` (the session's address) and returns its release; throws 429
   * `NodeJsTooManyActions` when the caller already holds `maxPerCaller`.
   */
  enter(caller: string): () => void {
    const key = caller.toLowerCase();
    const held = this.inFlight.get(key) ?? 0;
    if (held >= this.maxPerCaller) {
      throw new NodeTransportError(
        {
          status: 429,
          errorKind: 'Validation',
          errorCode: 'NodeJsTooManyActions',
          message: 'Too many Lit Actions from this caller at once; try again when one has ended',
          details: [
            `${caller} has ${held} Lit Actions running or waiting on this node, the most allowed`,
          ],
        },
        { 'retry-after': '1' },
      );
    }
    this.inFlight.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }

  /** Actions `caller` has running or waiting (tests). */
  held(caller: string): number {
    return this.inFlight.get(caller.toLowerCase()) ?? 0;
  }
}
