// One `eth_call` a condition makes, with every way it can fail turned into the node's error: a
// revert or an address with no contract is an RPC error, never an empty "false".
import { AbiError, decodeValues, encodeFunctionCall, type AbiValue } from '../chain/abi-codec';
import { ContractRevert } from '../chain/known-contracts';
import type { ConditionChain } from './chain-access';
import { conditionError } from './failures';

export function callFunction(
  chain: ConditionChain,
  to: string,
  name: string,
  inputs: readonly string[],
  values: readonly AbiValue[],
  outputs: readonly string[],
  path: string,
): AbiValue[] {
  let data: Uint8Array;
  try {
    data = encodeFunctionCall(name, inputs, values);
  } catch (error) {
    throw conditionError('NodeContractFunctionParamsEncodingError', path, (error as Error).message);
  }
  let result: Uint8Array;
  try {
    result = chain.call(to, data);
  } catch (error) {
    if (!(error instanceof ContractRevert)) throw error;
    throw conditionError(
      'NodeRpcError',
      path,
      `${to}.${name}: execution reverted: ${error.message}`,
    );
  }
  if (result.length === 0 && outputs.length > 0) {
    throw conditionError(
      'NodeRpcError',
      path,
      `no contract at ${to} on the devnet chain (it serves Lit's Staking, PKPNFT, PKPPermissions and RateLimitNFT)`,
    );
  }
  try {
    return decodeValues(outputs, result);
  } catch (error) {
    if (!(error instanceof AbiError)) throw error;
    throw conditionError('NodeRpcError', path, `${to}.${name}: ${error.message}`);
  }
}
