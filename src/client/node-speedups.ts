// Node only. What a Node program calls once to make src/client faster than in a browser: node
// calls over node:http(s) (`node-http-transport.ts`) and PKP signatures checked with libsecp256k1
// (src/protocol/libsecp256k1-node.ts). Same answers, same errors; the extension keeps fetch and
// noble, which run in its service worker.
import { setEcdsaVerifyBackend } from '../protocol/ecdsa-backend';
import { libsecp256k1VerifyBackend } from '../protocol/libsecp256k1-node';
import { setHttpTransport } from './node-call';
import { nodeHttpTransport } from './node-http-transport';

/** Switches this process's src/client to the Node transport and verifier (idempotent). */
export function useNodeSpeedups(): void {
  setHttpTransport(nodeHttpTransport);
  setEcdsaVerifyBackend(libsecp256k1VerifyBackend);
}
