// What the page that runs Lit's own client loads (bundled by ../lit-in-page.ts): the client with
// the one Node global its code expects at load, Buffer.
import { Buffer } from 'buffer';

(globalThis as unknown as { Buffer: typeof Buffer }).Buffer = Buffer;

export { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
