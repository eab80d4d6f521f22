// Test fixtures only: Lit's SDK as the oracle for condition hashing, and sample conditions.
import { expect } from 'vitest';
import * as accs from '@lit-protocol/access-control-conditions';
import { isValidBooleanExpression } from '@lit-protocol/misc';
import { hashConditions, type ConditionsKind } from './access-control';
import { toHex } from './bytes';

export type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lit's SDK end to end, as `encrypt` runs it: param checks, boolean form, schemas, hash. */
export async function litHash(kind: ConditionsKind, conditions: unknown): Promise<string> {
  if (!Array.isArray(conditions) || !isValidBooleanExpression(conditions as Any)) {
    throw new Error('Lit: invalid boolean expression');
  }
  const validate = {
    accessControlConditions: accs.validateAccessControlConditionsSchema,
    evmContractConditions: accs.validateEVMContractConditionsSchema,
    solRpcConditions: accs.validateSolRpcConditionsSchema,
    unifiedAccessControlConditions: accs.validateUnifiedAccessControlConditionsSchema,
  }[kind];
  const hash = {
    accessControlConditions: accs.hashAccessControlConditions,
    evmContractConditions: accs.hashEVMContractConditions,
    solRpcConditions: accs.hashSolRpcConditions,
    unifiedAccessControlConditions: accs.hashUnifiedAccessControlConditions,
  }[kind];
  await validate(conditions as Any);
  return toHex(new Uint8Array(await hash(conditions as Any)));
}

export async function ours(kind: ConditionsKind, conditions: unknown): Promise<string> {
  return toHex(hashConditions(kind, conditions));
}

/** Both reject, or both accept with the same hash. */
export async function expectSameAsLit(kind: ConditionsKind, conditions: unknown): Promise<void> {
  const [a, b] = await Promise.allSettled([ours(kind, conditions), litHash(kind, conditions)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') expect(a.value).toBe(b.value);
  else expect([a.status, b.status], JSON.stringify(conditions)).toEqual(['rejected', 'rejected']);
}

export const address = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
export const basic = {
  contractAddress: '',
  standardContractType: '',
  chain: 'ethereum',
  method: '',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '=', value: address },
};
export const erc20 = {
  conditionType: 'evmBasic',
  contractAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  standardContractType: 'ERC20',
  chain: 'polygon',
  method: 'balanceOf',
  parameters: [':userAddress'],
  returnValueTest: { value: '1000000', comparator: '>=' },
};
export const contract = {
  contractAddress: '0x7C7757a9675f06F3BE4618bB68732c4aB25D2e88',
  functionName: 'isMember',
  functionParams: [':userAddress', '7'],
  functionAbi: {
    type: 'function',
    stateMutability: 'view',
    outputs: [{ internalType: 'bool', name: '', type: 'bool' }],
    name: 'isMember',
    inputs: [
      { internalType: 'address', name: 'who', type: 'address' },
      { name: 'tier', type: 'uint256' },
    ],
  },
  chain: 'sepolia',
  returnValueTest: { key: '', comparator: '=', value: 'true' },
};
export const solV2 = {
  method: 'getBalance',
  params: [':userAddress'],
  pdaParams: [],
  pdaInterface: { offset: 0, fields: {} },
  pdaKey: '',
  chain: 'solana',
  returnValueTest: { key: '', comparator: '>=', value: '100000000' },
};
export const solV1 = Object.fromEntries(Object.entries(solV2).filter(([k]) => k !== 'pdaParams'));
export const cosmos = {
  conditionType: 'cosmos',
  path: ':userAddress',
  chain: 'cosmos',
  returnValueTest: { key: '', comparator: '=', value: 'cosmos1xyz' },
};
