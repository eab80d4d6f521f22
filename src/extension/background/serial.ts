// Runs async read-modify-write steps on one piece of storage one at a time, so two requests in
// the same worker never overwrite each other's change.
export function serialized(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
