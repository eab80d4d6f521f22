// `crypto` (Node's) for Lit's client in a page: its only use of it, Bitcoin address derivation,
// is not on the path of the calls the bench makes, so it is an error if reached.
export function createHash(): never {
  throw new Error("Node's crypto module is not available in a page");
}

export default { createHash };
