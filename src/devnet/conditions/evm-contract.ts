// EVM contract conditions (`evmContractConditions`, unified `evmContract`): the function is
// called as its ABI says, with special parameters substituted, on the chain stand-in; the output
// named by `returnValueTest.key` is compared by its ABI type.
import { fromHex, toHex } from '../../protocol/bytes';
import { type AbiError, abiKind, type AbiValue } from '../chain/abi-codec';
import type { ConditionChain } from './chain-access';
import { callFunction } from './contract-call';
import { badReturnValueTest, conditionError } from './failures';
import {
  compareAddress,
  compareBoolean,
  compareInteger,
  compareString,
  type ReturnValueTest,
} from './return-value';
import { substitute, type ConditionContext } from './special-params';

interface AbiParam {
  name: string;
  type: string;
}

export interface EvmContractCondition {
  contractAddress: string;
  functionName: string;
  functionParams?: string[];
  functionAbi: { name: string; inputs: AbiParam[]; outputs: AbiParam[] };
  chain: string;
  returnValueTest: ReturnValueTest & { key: string };
}

const INTEGER_RE = /^-?(?:0|[1-9][0-9]{0,77})$|^0x[0-9a-fA-F]{1,64}$/;

function kindOf(type: string, path: string) {
  try {
    return abiKind(type);
  } catch (error) {
    throw conditionError('NodeInvalidConditionTokenType', path, (error as AbiError).message);
  }
}

/** A condition parameter (always a string) as a value of its ABI type. */
function toAbiValue(text: string, type: string, path: string): AbiValue {
  const kind = kindOf(type, path);
  const bad = (what: string): never => {
    throw conditionError(
      'NodeContractFunctionParamsEncodingError',
      path,
      `${JSON.stringify(text.slice(0, 80))} is not ${what}`,
    );
  };
  switch (kind.kind) {
    case 'int':
      return INTEGER_RE.test(text) ? BigInt(text) : bad(`an integer for ${type}`);
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : bad('true or false');
    case 'address':
      return /^0x[0-9a-fA-F]{40}$/.test(text) ? text : bad('an address');
    case 'string':
      return text;
    case 'bytes':
    case 'fixedBytes':
      try {
        if (!text.startsWith('0x')) throw new TypeError('no 0x');
        return fromHex(text, kind.kind === 'bytes' ? undefined : kind.size);
      } catch {
        return bad(`0x hex for ${type}`);
      }
  }
}

function outputIndex(c: EvmContractCondition, path: string): number {
  const outputs = c.functionAbi.outputs;
  const key = c.returnValueTest.key;
  if (key === '' && outputs.length === 1) return 0;
  const i = outputs.findIndex((o) => o.name === key);
  if (i < 0) {
    throw badReturnValueTest(
      path,
      `key ${JSON.stringify(key.slice(0, 60))} names no output of ${c.functionName}`,
    );
  }
  return i;
}

export function evaluateEvmContract(
  c: EvmContractCondition,
  chain: ConditionChain,
  context: ConditionContext,
  path: string,
): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(c.contractAddress)) {
    throw conditionError(
      'NodeConditionAddressConversionError',
      `${path}.contractAddress`,
      'not an address',
    );
  }
  if (c.functionAbi.name !== c.functionName) {
    throw conditionError(
      'NodeContractFunctionParamsEncodingError',
      `${path}.functionAbi.name`,
      `is not functionName ${JSON.stringify(c.functionName.slice(0, 60))}`,
    );
  }
  const inputs = c.functionAbi.inputs.map((p) => p.type);
  const params = c.functionParams ?? [];
  if (params.length !== inputs.length) {
    throw conditionError(
      'NodeMismatchParameters',
      `${path}.functionParams`,
      `${params.length} given, the ABI takes ${inputs.length}`,
    );
  }
  const outputs = c.functionAbi.outputs.map((p, i) => {
    kindOf(p.type, `${path}.functionAbi.outputs[${i}]`);
    return p.type;
  });
  const index = outputIndex(c, path);
  const values = params.map((text, i) => {
    const p = `${path}.functionParams[${i}]`;
    return toAbiValue(substitute(text, context, p), inputs[i]!, p);
  });
  const result = callFunction(
    chain,
    c.contractAddress,
    c.functionName,
    inputs,
    values,
    outputs,
    path,
  )[index]!;
  const test = c.returnValueTest;
  switch (kindOf(outputs[index]!, path).kind) {
    case 'int':
      return compareInteger(test, result as bigint, path);
    case 'bool':
      return compareBoolean(test, result as boolean, path);
    case 'address':
      return compareAddress(
        test,
        result as string,
        substitute(test.value, context, `${path}.returnValueTest.value`),
        path,
      );
    case 'string':
      return compareString(test, result as string, path);
    case 'bytes':
    case 'fixedBytes':
      return compareString(test, '0x' + toHex(result as Uint8Array), path);
  }
}
