// Time as the devnet sees it: injectable so tests can move a node or the chain through days.

/** Milliseconds since the Unix epoch. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export const unixSeconds = (clock: Clock): number => Math.floor(clock() / 1000);
