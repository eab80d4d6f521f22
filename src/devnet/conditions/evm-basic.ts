// Basic EVM conditions (`accessControlConditions`, unified `evmBasic`) in the order Lit's node
// dispatches them (access_control's check_condition): a standard contract type first, then an
// empty method (a signature check on `:userAddress` or a plain string), then an RPC method.
import type { AbiValue } from '../chain/abi-codec';
import type { ConditionChain } from './chain-access';
import { callFunction } from './contract-call';
import { conditionError, unsupported } from './failures';
import { compareAddress, compareBoolean, compareInteger, compareString } from './return-value';
import type { ReturnValueTest } from './return-value';
import { substitute, type ConditionContext } from './special-params';

export interface EvmBasicCondition {
  contractAddress: string;
  chain: string;
  standardContractType: string;
  method: string;
  parameters?: string[];
  returnValueTest: ReturnValueTest;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const TOKEN_ID_RE = /^(?:0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/;

function param(c: EvmBasicCondition, i: number, path: string): string {
  const value = c.parameters?.[i];
  if (value === undefined) {
    throw conditionError(
      'NodeMismatchParameters',
      `${path}.parameters`,
      `expected a parameter ${i}`,
    );
  }
  return value;
}

function address(value: string, path: string): string {
  if (!ADDRESS_RE.test(value)) {
    throw conditionError(
      'NodeConditionAddressConversionError',
      path,
      `${JSON.stringify(value.slice(0, 80))} is not an address`,
    );
  }
  return value;
}

function tokenId(value: string, path: string): bigint {
  if (!TOKEN_ID_RE.test(value) || BigInt(value) >= 1n << 256n) {
    throw conditionError(
      'NodeConditionTokenIdParsingError',
      path,
      `${JSON.stringify(value.slice(0, 80))} is not a token id`,
    );
  }
  return BigInt(value);
}

/** The call a standard contract type makes for `method`, or an error for one it lacks. */
function standardCall(
  c: EvmBasicCondition,
  context: ConditionContext,
  path: string,
): { name: string; inputs: string[]; values: AbiValue[]; output: string } {
  const type = c.standardContractType;
  const p = (i: number) => substitute(param(c, i, path), context, `${path}.parameters[${i}]`);
  if ((type === 'ERC20' || type === 'ERC721') && c.method === 'balanceOf') {
    const owner = address(p(0), `${path}.parameters[0]`);
    return { name: 'balanceOf', inputs: ['address'], values: [owner], output: 'uint256' };
  }
  if (type === 'ERC721' && c.method === 'ownerOf') {
    const id = tokenId(p(0), `${path}.parameters[0]`);
    return { name: 'ownerOf', inputs: ['uint256'], values: [id], output: 'address' };
  }
  if (type === 'PKPPermissions' && c.method === 'isPermittedAddress') {
    // As the node does: the address checked is always the authenticated user's.
    const id = tokenId(p(0), `${path}.parameters[0]`);
    return {
      name: 'isPermittedAddress',
      inputs: ['uint256', 'address'],
      values: [id, context.userAddress],
      output: 'bool',
    };
  }
  throw unsupported(`${path}.method`, `${type} method ${JSON.stringify(c.method.slice(0, 60))}`);
}

export function evaluateEvmBasic(
  c: EvmBasicCondition,
  chain: ConditionChain,
  context: ConditionContext,
  path: string,
): boolean {
  const test = c.returnValueTest;
  const type = c.standardContractType;
  if (type === 'timestamp') {
    return compareInteger(test, BigInt(chain.latestBlock().timestamp), path);
  }
  if (type === 'ERC20' || type === 'ERC721' || type === 'PKPPermissions') {
    const to = address(c.contractAddress, `${path}.contractAddress`);
    const call = standardCall(c, context, path);
    const result = callFunction(
      chain,
      to,
      call.name,
      call.inputs,
      call.values,
      [call.output],
      path,
    )[0]!;
    if (call.output === 'uint256') return compareInteger(test, result as bigint, path);
    if (call.output === 'bool') return compareBoolean(test, result as boolean, path);
    const expected = substitute(test.value, context, `${path}.returnValueTest.value`);
    return compareAddress(test, result as string, expected, path);
  }
  if (type !== '') {
    throw unsupported(`${path}.standardContractType`, `standard contract type ${type}`);
  }
  if (c.method === '') {
    const raw = param(c, 0, path);
    const value = substitute(raw, context, `${path}.parameters[0]`);
    if (raw !== ':userAddress') return compareString(test, value, path);
    const expected = substitute(test.value, context, `${path}.returnValueTest.value`);
    return compareAddress(test, value, expected, path);
  }
  if (c.method === 'eth_getBalance') {
    const who = address(
      substitute(param(c, 0, path), context, `${path}.parameters[0]`),
      `${path}.parameters[0]`,
    );
    return compareInteger(test, chain.balanceOf(who), path);
  }
  throw unsupported(`${path}.method`, `RPC method ${JSON.stringify(c.method.slice(0, 60))}`);
}
