// Every node endpoint, one file each: add a registrar here to serve a new one.
import type { FastifyInstance } from 'fastify';
import type { NodeContext } from '../context';
import { registerEncryptionSign } from './encryption-sign';
import { registerExecute } from './execute';
import { registerHandshake } from './handshake';
import { registerPeerMessage } from './peer-message';
import { registerPkpClaim } from './pkp-claim';
import { registerPkpSign } from './pkp-sign';
import { registerRevokeSession } from './revoke-session';
import { registerSignSessionKey } from './sign-session-key';
import { registerSigningJwt } from './signing-jwt';
import { registerVerifySession } from './verify-session';

export type RouteRegistrar = (app: FastifyInstance, ctx: NodeContext) => void;

export const NODE_ROUTES: readonly RouteRegistrar[] = [
  registerHandshake,
  registerSignSessionKey,
  registerVerifySession,
  registerRevokeSession,
  registerEncryptionSign,
  registerSigningJwt,
  registerPkpSign,
  registerPkpClaim,
  registerExecute,
  registerPeerMessage,
];
