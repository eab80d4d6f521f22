// The condition evaluator over a real chain.sqlite: every supported condition both ways, Lit's
// left-to-right operators and groups, and every unevaluable condition refused with its Lit code
// (never read as true, even where an `or` is already satisfied).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConditionsKind } from '../../protocol/access-control';
import { LitNodeError } from '../../protocol/errors';
import { toChecksumAddress } from '../../protocol/ethereum';
import {
  PKP_NFT_ADDRESS,
  PKP_PERMISSIONS_ADDRESS,
  RATE_LIMIT_NFT_ADDRESS,
} from '../chain/known-contracts';
import { ChainStore } from '../state/chain-store';
import { tempDataDir } from '../test-support';
import { conditionChainOf } from './chain-access';
import { evaluateConditions } from './evaluate';

const USER = toChecksumAddress('0x' + 'a1'.repeat(20));
const OTHER = toChecksumAddress('0x' + 'b2'.repeat(20));
const TOKEN_ID = 'cd'.repeat(32);
const T0 = 1_700_000_000;

let temp: ReturnType<typeof tempDataDir>;
let store: ChainStore;
let nowSeconds = T0;

beforeEach(() => {
  temp = tempDataDir('conditions-');
  nowSeconds = T0;
  store = ChainStore.openStore(join(temp.dir, 'chain.sqlite'), {
    create: true,
    clock: () => nowSeconds * 1000,
  });
  store.writeGenesis({
    meta: {
      networkId: 'ab'.repeat(32),
      chainId: 31337,
      nodeCount: 2,
      threshold: 2,
      epoch: { number: 1, epochLength: 3600, endTime: T0 + 3600, retries: 0, timeout: 60 },
      networkPublicKey: 'cd'.repeat(48),
      hdRootPubkeys: ['02' + '11'.repeat(32), '03' + '22'.repeat(32)],
      createdAt: T0,
    },
    nodes: [0, 1].map((index) => ({
      index,
      host: '127.0.0.1',
      port: 7470 + index,
      nodeAddress: '0x' + String(index + 1).repeat(40),
      blsShareId: index + 1,
      blsPublicShare: 'ee'.repeat(48),
    })),
  });
  store.insertPkp({
    tokenId: TOKEN_ID,
    publicKey: '0x04' + '11'.repeat(64),
    ethAddress: toChecksumAddress('0x' + 'c3'.repeat(20)),
    keyId: '00'.repeat(32),
    owner: USER,
    permittedAddresses: [USER],
    permittedAuthMethods: [],
    permittedActions: [],
  });
  store.insertCapacityCredit({ owner: USER, requestsPerKilosecond: 10, expiresAt: T0 + 86_400 });
});

afterEach(() => {
  store.close();
  temp.remove();
});

const evaluate = (kind: ConditionsKind, conditions: unknown[], user = USER) =>
  evaluateConditions(conditionChainOf(store), kind, conditions, { userAddress: user });

/** The Lit error code `fn` throws (fails the test when it returns). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LitNodeError);
    return (error as LitNodeError).errorCode;
  }
  throw new Error('expected a LitNodeError, got a result');
}

const basic = (over: Record<string, unknown>) => ({
  contractAddress: '',
  chain: 'ethereum',
  standardContractType: '',
  method: '',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '=', value: USER },
  ...over,
});
const userIs = (address: string) => basic({ returnValueTest: { comparator: '=', value: address } });
const AND = { operator: 'and' };
const OR = { operator: 'or' };

const contract = (over: Record<string, unknown>) => ({
  contractAddress: PKP_PERMISSIONS_ADDRESS,
  functionName: 'isPermittedAddress',
  functionParams: ['0x' + TOKEN_ID, ':userAddress'],
  functionAbi: {
    name: 'isPermittedAddress',
    inputs: [
      { name: 'tokenId', type: 'uint256' },
      { name: 'user', type: 'address' },
    ],
    outputs: [{ name: '', type: 'bool' }],
    stateMutability: 'view',
    type: 'function',
  },
  chain: 'ethereum',
  returnValueTest: { key: '', comparator: '=', value: 'true' },
  ...over,
});

describe('basic EVM conditions', () => {
  it(':userAddress equality compares address bytes, whatever the case', () => {
    expect(evaluate('accessControlConditions', [userIs(USER.toLowerCase())])).toBe(true);
    expect(evaluate('accessControlConditions', [userIs(USER)], OTHER)).toBe(false);
    expect(
      evaluate('accessControlConditions', [
        basic({ returnValueTest: { comparator: '!=', value: OTHER } }),
      ]),
    ).toBe(true);
    expect(codeOf(() => evaluate('accessControlConditions', [userIs('0x1234')]))).toBe(
      'NodeInvalidACCReturnValueTest',
    );
    expect(
      codeOf(() =>
        evaluate('accessControlConditions', [
          basic({ returnValueTest: { comparator: 'contains', value: USER } }),
        ]),
      ),
    ).toBe('NodeInvalidACCReturnValueTest');
  });

  it('string comparisons of a literal parameter: = != > >= < <= contains !contains', () => {
    const str = (comparator: string, value: string) =>
      evaluate('accessControlConditions', [
        basic({ parameters: ['banana'], returnValueTest: { comparator, value } }),
      ]);
    expect([str('=', 'banana'), str('=', 'Banana')]).toEqual([true, false]);
    expect([str('!=', 'apple'), str('!=', 'banana')]).toEqual([true, false]);
    expect([str('>', 'apple'), str('>', 'cherry')]).toEqual([true, false]);
    expect([str('>=', 'banana'), str('<', 'bananas'), str('<=', 'apple')]).toEqual([
      true,
      true,
      false,
    ]);
    expect([str('contains', 'nan'), str('contains', 'x')]).toEqual([true, false]);
    expect([str('!contains', 'x'), str('!contains', 'ban')]).toEqual([true, false]);
  });

  it('eth_getBalance reads the stand-in (every balance is 0 wei)', () => {
    const balance = (comparator: string, value: string) =>
      evaluate('accessControlConditions', [
        basic({
          method: 'eth_getBalance',
          parameters: [':userAddress', 'latest'],
          returnValueTest: { comparator, value },
        }),
      ]);
    expect([balance('>=', '0'), balance('>', '0'), balance('=', '0')]).toEqual([true, false, true]);
    expect(codeOf(() => balance('>=', '1e18'))).toBe('NodeInvalidACCReturnValueTest');
    expect(
      codeOf(() =>
        evaluate('accessControlConditions', [
          basic({ method: 'eth_getBalance', parameters: ['nobody'] }),
        ]),
      ),
    ).toBe('NodeConditionAddressConversionError');
  });

  it('timestamp compares against the latest block', () => {
    nowSeconds = T0 + 500;
    store.appendBlock();
    const ts = (comparator: string, value: number) =>
      evaluate('accessControlConditions', [
        basic({
          standardContractType: 'timestamp',
          method: 'eth_getBlockByNumber',
          parameters: ['latest'],
          returnValueTest: { comparator, value: String(value) },
        }),
      ]);
    expect([ts('>=', T0 + 500), ts('>', T0 + 500), ts('<', T0 + 501)]).toEqual([true, false, true]);
  });

  it('standard contracts the stand-in knows: ERC721 ownerOf/balanceOf, PKPPermissions', () => {
    const ownerIs = (value: string) =>
      basic({
        contractAddress: PKP_NFT_ADDRESS,
        standardContractType: 'ERC721',
        method: 'ownerOf',
        parameters: [BigInt('0x' + TOKEN_ID).toString()],
        returnValueTest: { comparator: '=', value },
      });
    expect(evaluate('accessControlConditions', [ownerIs(':userAddress')])).toBe(true);
    expect(evaluate('accessControlConditions', [ownerIs(':userAddress')], OTHER)).toBe(false);
    const credits = basic({
      contractAddress: RATE_LIMIT_NFT_ADDRESS,
      standardContractType: 'ERC721',
      method: 'balanceOf',
      parameters: [':userAddress'],
      returnValueTest: { comparator: '>', value: '0' },
    });
    expect(evaluate('accessControlConditions', [credits])).toBe(true);
    expect(evaluate('accessControlConditions', [credits], OTHER)).toBe(false);
    const permitted = basic({
      contractAddress: PKP_PERMISSIONS_ADDRESS,
      standardContractType: 'PKPPermissions',
      method: 'isPermittedAddress',
      parameters: ['0x' + TOKEN_ID],
      returnValueTest: { comparator: '=', value: 'true' },
    });
    expect(evaluate('accessControlConditions', [permitted])).toBe(true);
    expect(evaluate('accessControlConditions', [permitted], OTHER)).toBe(false);
  });
});

describe('EVM contract conditions', () => {
  it('call the stand-in and compare the output by its ABI type', () => {
    expect(evaluate('evmContractConditions', [contract({})])).toBe(true);
    expect(evaluate('evmContractConditions', [contract({})], OTHER)).toBe(false);
    const balance = contract({
      contractAddress: RATE_LIMIT_NFT_ADDRESS,
      functionName: 'balanceOf',
      functionParams: [':userAddress'],
      functionAbi: {
        name: 'balanceOf',
        inputs: [{ name: 'owner', type: 'address' }],
        outputs: [{ name: 'balance', type: 'uint256' }],
        stateMutability: 'view',
      },
      returnValueTest: { key: 'balance', comparator: '=', value: '1' },
    });
    expect(evaluate('evmContractConditions', [balance])).toBe(true);
  });

  it('refuse clearly what cannot be called: no contract, a missing function, bad params', () => {
    expect(
      codeOf(() =>
        evaluate('evmContractConditions', [contract({ contractAddress: '0x' + '77'.repeat(20) })]),
      ),
    ).toBe('NodeRpcError');
    const missing = contract({
      functionName: 'getPermittedAddresses',
      functionParams: ['1'],
      functionAbi: {
        name: 'getPermittedAddresses',
        inputs: [{ name: 'tokenId', type: 'uint256' }],
        outputs: [{ name: '', type: 'bool' }],
        stateMutability: 'view',
      },
    });
    expect(codeOf(() => evaluate('evmContractConditions', [missing]))).toBe('NodeRpcError');
    expect(
      codeOf(() => evaluate('evmContractConditions', [contract({ functionParams: ['1'] })])),
    ).toBe('NodeMismatchParameters');
    expect(
      codeOf(() =>
        evaluate('evmContractConditions', [contract({ functionParams: ['x', ':userAddress'] })]),
      ),
    ).toBe('NodeContractFunctionParamsEncodingError');
    // An unknown token reverts: a refusal, not "false".
    expect(
      codeOf(() =>
        evaluate('evmContractConditions', [contract({ functionParams: ['7', ':userAddress'] })]),
      ),
    ).toBe('NodeRpcError');
    const tuple = contract({
      functionAbi: { ...contract({}).functionAbi, outputs: [{ name: '', type: 'uint256[]' }] },
    });
    expect(codeOf(() => evaluate('evmContractConditions', [tuple]))).toBe(
      'NodeInvalidConditionTokenType',
    );
  });
});

describe('operators and groups', () => {
  const T = userIs(USER);
  const F = userIs(OTHER);

  it('apply and/or left to right, with nested groups', () => {
    expect(evaluate('accessControlConditions', [T, AND, F])).toBe(false);
    expect(evaluate('accessControlConditions', [T, OR, F])).toBe(true);
    // No precedence, as in Lit: (T or F) and F, where `and` binding tighter would give true.
    expect(evaluate('accessControlConditions', [T, OR, F, AND, F])).toBe(false);
    expect(evaluate('accessControlConditions', [T, OR, [F, AND, F]])).toBe(true);
    expect(evaluate('accessControlConditions', [[F, OR, T], AND, [T, AND, [F, OR, T]]])).toBe(true);
    expect(evaluate('accessControlConditions', [[F, OR, T], AND, [T, AND, [F, OR, F]]])).toBe(
      false,
    );
  });

  it('unified conditions mix basic and contract ones, typed by shape when conditionType is absent', () => {
    const mixed = [
      { ...T, conditionType: 'evmBasic' },
      AND,
      { ...contract({}), conditionType: 'evmContract' },
    ];
    expect(evaluate('unifiedAccessControlConditions', mixed)).toBe(true);
    expect(evaluate('unifiedAccessControlConditions', [T, AND, contract({})])).toBe(true);
    expect(evaluate('unifiedAccessControlConditions', [T, AND, contract({})], OTHER)).toBe(false);
  });

  it('an unevaluable condition is refused even where the rest already decides', () => {
    const poap = basic({
      contractAddress: '0x' + '22'.repeat(20),
      standardContractType: 'POAP',
      method: 'eventId',
      parameters: [':userAddress'],
      returnValueTest: { comparator: '=', value: '1' },
    });
    expect(codeOf(() => evaluate('accessControlConditions', [T, OR, poap]))).toBe(
      'NodeAccessControlConditionsCheckFailed',
    );
    const rpc = basic({ method: 'eth_getCode', parameters: [':userAddress'] });
    expect(codeOf(() => evaluate('accessControlConditions', [T, OR, rpc]))).toBe(
      'NodeAccessControlConditionsCheckFailed',
    );
    const sol = {
      method: 'getBalance',
      params: [':userAddress'],
      pdaParams: [],
      pdaInterface: { offset: 0, fields: {} },
      pdaKey: '',
      chain: 'solana',
      returnValueTest: { key: '', comparator: '>=', value: '0' },
    };
    expect(codeOf(() => evaluate('solRpcConditions', [sol]))).toBe('NodeChainNotSupported');
    expect(
      codeOf(() =>
        evaluate('unifiedAccessControlConditions', [T, OR, { ...sol, conditionType: 'solRpc' }]),
      ),
    ).toBe('NodeChainNotSupported');
    const cosmos = {
      conditionType: 'cosmos',
      path: '/cosmos/bank/v1beta1/balances/:userAddress',
      chain: 'cosmos',
      returnValueTest: { key: '$.balances[0].amount', comparator: '>=', value: '0' },
    };
    expect(codeOf(() => evaluate('unifiedAccessControlConditions', [cosmos]))).toBe(
      'NodeChainNotSupported',
    );
    const litParam = basic({ parameters: [':litParam:secret'] });
    expect(codeOf(() => evaluate('accessControlConditions', [litParam]))).toBe(
      'NodeAccessControlConditionsCheckFailed',
    );
  });

  it('malformed conditions are a parser error naming the path', () => {
    expect(codeOf(() => evaluate('accessControlConditions', [T, AND]))).toBe('NodeParserError');
    expect(codeOf(() => evaluate('accessControlConditions', [{ ...T, chain: 'mars' }]))).toBe(
      'NodeParserError',
    );
    const many = Array.from({ length: 131 }, (_, i) => (i % 2 === 0 ? T : AND));
    expect(codeOf(() => evaluate('accessControlConditions', many))).toBe('NodeParserError');
  });
});
