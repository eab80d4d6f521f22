import { afterEach, describe, expect, it } from 'vitest';
import {
  getEcdsaVerifyBackend,
  nobleEcdsaVerifyBackend,
  setEcdsaVerifyBackend,
} from '../protocol/ecdsa-backend';
import { libsecp256k1VerifyBackend } from '../protocol/libsecp256k1-node';
import { fetchTransport, setHttpTransport } from './node-call';
import { nodeHttpTransport } from './node-http-transport';
import { useNodeSpeedups } from './node-speedups';

afterEach(() => {
  setHttpTransport(fetchTransport);
  setEcdsaVerifyBackend(nobleEcdsaVerifyBackend);
});

describe('useNodeSpeedups', () => {
  it('plugs in the node:http transport and the libsecp256k1 check, and may be called again', () => {
    useNodeSpeedups();
    useNodeSpeedups();
    expect(setHttpTransport(fetchTransport)).toBe(nodeHttpTransport);
    expect(getEcdsaVerifyBackend()).toBe(libsecp256k1VerifyBackend);
  });
});
