// Messages from the extension's own pages (popup, approval window, options). They carry
// privileged actions, so anything that is not an extension page is refused.
import type { Runtime } from 'webextension-polyfill';
import {
  ProviderErrorCode,
  internalRequestSchema,
  type InternalRequest,
  type InternalResponse,
  type InternalResults,
} from '../messages';
import { activityOf } from './activity-log';
import { decide, showPending } from './approvals';
import { answerConfirmation } from './confirmations';
import {
  accountStatus,
  createAccount,
  deleteAccount,
  importAccount,
  lockAccount,
  unlockAccount,
} from './builtin-account';
import { toChecksumAddress } from '../../protocol/ethereum';
import { listCredits, mintCredit } from './capacity-credits';
import { isDevnet, mintDevnetPkp } from './devnet-admin';
import { endSessions } from './end-sessions';
import { ProviderRpcError, toProviderError } from './errors';
import { addKnownPkp, knownPkps, removeKnownPkp } from './known-pkps';
import { forgetNetwork, currentNetwork } from './network';
import { toPendingView } from './pending-views';
import { isExtensionPage } from './senders';
import { allSessions } from './session-store';
import { toSessionSummary } from './session-summaries';
import { getSettings, saveSettings } from './settings';
import { extensionVersion, workerStartedAt } from './worker-info';
import { parseOrInvalid } from './validation';

type InternalHandlers = {
  [T in InternalRequest['type']]: (
    request: Extract<InternalRequest, { type: T }>,
  ) => Promise<InternalResults[T]>;
};

const REVOKED_BY_USER = 'The user revoked the sessions of this site';

/** The built-in account's address (locked or not); 4100 when there is none. */
async function builtinAddress(): Promise<string> {
  const { address } = await accountStatus();
  if (!address) {
    throw new ProviderRpcError(
      ProviderErrorCode.unauthorized,
      'There is no built-in account: create one first',
    );
  }
  return address;
}

const internalHandlers: InternalHandlers = {
  ui_confirm: ({ pendingId, approve }) => answerConfirmation(pendingId, approve),
  ui_getActivity: async ({ sessionId }) => {
    if (!(await allSessions()).some((r) => r.id === sessionId)) {
      throw new ProviderRpcError(
        ProviderErrorCode.invalidParams,
        'Invalid params: sessionId: no such session',
      );
    }
    return { entries: await activityOf(sessionId) };
  },
  ui_getStatus: async () => ({
    version: extensionVersion(),
    workerStartedAt,
    sessions: (await allSessions()).map(toSessionSummary),
  }),
  ui_revokeSession: async ({ sessionId }) => {
    const { ended, network } = await endSessions((r) => r.id === sessionId, {
      tellNetwork: true,
      rejectPending: REVOKED_BY_USER,
    });
    if (ended.length === 0) {
      throw new ProviderRpcError(ProviderErrorCode.invalidParams, 'That session is gone already');
    }
    return { revoked: ended.length, network };
  },
  ui_revokeAll: async () => {
    const { ended, network } = await endSessions(() => true, {
      tellNetwork: true,
      rejectPending: REVOKED_BY_USER,
    });
    return { revoked: ended.length, network };
  },
  ui_getPending: async () => {
    const [pending, account, settings] = await Promise.all([
      showPending(),
      accountStatus(),
      getSettings(),
    ]);
    return {
      pending: pending.map((p) => toPendingView(p)),
      account,
      defaultSessionMinutes: settings.defaultSessionMinutes,
    };
  },
  ui_decide: ({ pendingId, decision }) => decide(pendingId, decision),
  ui_getSettings: () => getSettings(),
  ui_setSettings: async ({ settings }) => {
    const saved = await saveSettings(settings);
    await forgetNetwork();
    try {
      return { settings: saved, network: { nodes: (await currentNetwork()).nodeUrls.length } };
    } catch (e) {
      return {
        settings: saved,
        network: { error: e instanceof Error ? e.message : 'unreachable' },
      };
    }
  },
  ui_getAccount: () => accountStatus(),
  ui_createAccount: ({ password }) => createAccount(password),
  ui_importAccount: ({ privateKey, password }) => importAccount(privateKey, password),
  ui_unlockAccount: ({ password }) => unlockAccount(password),
  ui_lockAccount: () => lockAccount(),
  ui_deleteAccount: () => deleteAccount(),
  ui_listPkps: async () => {
    const { rpcUrl } = await getSettings();
    const [pkps, devnet] = await Promise.all([knownPkps(rpcUrl), isDevnet(rpcUrl)]);
    return { pkps, devnet };
  },
  ui_createPkp: async ({ controller }) => {
    const { rpcUrl } = await getSettings();
    const address =
      controller === 'builtin' ? await builtinAddress() : toChecksumAddress(controller);
    const pkp = await mintDevnetPkp(rpcUrl, address);
    return addKnownPkp(rpcUrl, pkp.publicKey, address);
  },
  ui_addPkp: async ({ publicKey }) => addKnownPkp((await getSettings()).rpcUrl, publicKey, null),
  ui_removePkp: async ({ tokenId }) => ({
    pkps: await removeKnownPkp((await getSettings()).rpcUrl, tokenId),
  }),
  ui_listCredits: async () => {
    const { rpcUrl } = await getSettings();
    const [{ address }, devnet] = await Promise.all([accountStatus(), isDevnet(rpcUrl)]);
    return { owner: address, credits: address ? await listCredits(rpcUrl, address) : [], devnet };
  },
  ui_mintCredit: async ({ requestsPerKilosecond, days }) =>
    mintCredit((await getSettings()).rpcUrl, await builtinAddress(), {
      requestsPerKilosecond,
      days,
    }),
};

export async function handleInternalMessage(
  raw: unknown,
  sender: Runtime.MessageSender,
): Promise<InternalResponse<InternalRequest['type']>> {
  try {
    if (!isExtensionPage(sender)) {
      throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'Only extension pages may ask');
    }
    const request = parseOrInvalid(internalRequestSchema, raw, 'message');
    const handler = internalHandlers[request.type] as (r: InternalRequest) => Promise<unknown>;
    return { ok: true, result: (await handler(request)) as InternalResults[typeof request.type] };
  } catch (e) {
    return { ok: false, error: toProviderError(e) };
  }
}
