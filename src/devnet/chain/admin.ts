// The admin API (loopback only, JSON in and out): mint PKPs, change their permissions, mint
// capacity credits, and read the network's status.
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth';
import { randomBytes } from '@noble/hashes/utils.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fromHex, toHex } from '../../protocol/bytes';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { unixSeconds, type Clock } from '../clock';
import { deriveHdPublicKey } from '../hd-keys';
import type { ChainStore } from '../state/chain-store';
import { describeZodError } from '../zod-message';
import { CapacityMintRequest, MintPkpRequest, PkpPermissionsRequest } from './admin-schemas';

/** An admin failure: `{ error: { code, message } }` with a 4xx status. */
export class AdminError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function sendAdminError(reply: FastifyReply, error: AdminError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/json')
    .send({ error: { code: error.code, message: error.message } });
}

export const isAdminUrl = (url: string): boolean => url.startsWith('/devnet/') || url === '/devnet';

/**
 * Whether a request is for the admin API. The matched route counts, not only the raw URL: fastify
 * routes `/%64evnet/pkp/mint` to `/devnet/pkp/mint`, and a raw-URL check let that skip the guard.
 */
export const isAdminRequest = (request: FastifyRequest): boolean =>
  isAdminUrl(request.url) || isAdminUrl(request.routeOptions.url ?? '');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const isLoopbackAddress = (ip: string | undefined): boolean =>
  ip !== undefined && (ip === '::1' || /^127\./.test(ip) || /^::ffff:127\./.test(ip));

/** Loopback peers only, addressed by a loopback name (no DNS rebinding), sending JSON. */
function guard(request: FastifyRequest): void {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    throw new AdminError(403, 'forbidden', 'the admin API answers loopback clients only');
  }
  if (!LOOPBACK_HOSTS.has(request.hostname)) {
    throw new AdminError(403, 'forbidden', 'the admin API answers requests to 127.0.0.1 only');
  }
  const type = request.headers['content-type'];
  if (request.method === 'POST' && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    throw new AdminError(415, 'unsupported_media_type', 'send Content-Type: application/json');
  }
}

function parseBody<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  let body: unknown;
  if (typeof raw === 'string' && nestsDeeperThan(raw)) {
    throw new AdminError(
      400,
      'invalid_json',
      `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  try {
    body = JSON.parse(typeof raw === 'string' ? raw : '');
  } catch {
    throw new AdminError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new AdminError(400, 'invalid_request', describeZodError(result.error));
  }
  return result.data;
}

export function registerAdminRoutes(app: FastifyInstance, store: ChainStore, clock: Clock): void {
  app.addHook('preHandler', async (request) => {
    if (isAdminRequest(request)) guard(request);
  });

  app.post('/devnet/pkp/mint', async (request) => {
    const body = parseBody(MintPkpRequest, request.body);
    const roots = store.network().hdRootPubkeys.map((pk) => fromHex(pk, 33));
    const keyId = body.keyId !== undefined ? fromHex(body.keyId, 32) : randomBytes(32);
    const publicKey = deriveHdPublicKey(roots, keyId);
    const tokenId = pkpTokenIdFromPublicKey(publicKey);
    // A key id is claimed once, as on Lit's chain.
    if (store.pkp(tokenId)) throw new AdminError(409, 'conflict', 'that key id is already minted');
    const pkp = store.insertPkp({
      tokenId,
      publicKey: '0x' + toHex(publicKey),
      ethAddress: addressFromPublicKey(publicKey),
      keyId: '0x' + toHex(keyId),
      owner: body.owner ?? null,
      permittedAddresses: body.permittedAddresses ?? [],
      permittedAuthMethods: body.permittedAuthMethods ?? [],
      permittedActions: body.permittedActions ?? [],
    });
    return { tokenId: pkp.tokenId, publicKey: pkp.publicKey, ethAddress: pkp.ethAddress };
  });

  app.post('/devnet/pkp/permissions', async (request) => {
    const body = parseBody(PkpPermissionsRequest, request.body);
    const permissions = store.updatePkpPermissions(body.tokenId, {
      ...(body.add ? { add: body.add } : {}),
      ...(body.remove ? { remove: body.remove } : {}),
    });
    if (!permissions) throw new AdminError(404, 'not_found', 'no PKP with that tokenId');
    return permissions;
  });

  app.post('/devnet/capacity/mint', async (request) => {
    const body = parseBody(CapacityMintRequest, request.body);
    if (body.expiresAt <= unixSeconds(clock)) {
      throw new AdminError(400, 'invalid_request', 'expiresAt: must be in the future');
    }
    const credit = store.insertCapacityCredit({
      owner: body.owner,
      requestsPerKilosecond: body.requestsPerKilosecond,
      expiresAt: body.expiresAt,
    });
    return { tokenId: credit.tokenId };
  });

  app.get('/devnet/status', async () => {
    const meta = store.network();
    const latest = store.latestBlock();
    return {
      nodes: store.nodes().map((n) => n.url),
      threshold: meta.threshold,
      epoch: meta.epoch.number,
      networkPublicKey: meta.networkPublicKey,
      latestBlock: { number: latest.number, hash: latest.hash, timestamp: latest.timestamp },
    };
  });
}
