// Evaluates access-control conditions against the chain stand-in for one authenticated user, as a
// Lit node does (access_control::check_condition_group): every condition and group is evaluated,
// then the operators are applied left to right (no precedence: `a or b and c` is `(a or b) and c`),
// a plain list is an AND. Anything that cannot be evaluated throws a LitNodeError: it never
// counts as true, even inside an `or` that another branch already satisfies.
import type { ConditionsKind } from '../../protocol/access-control';
import type { ConditionChain } from './chain-access';
import { evaluateEvmBasic, type EvmBasicCondition } from './evm-basic';
import { evaluateEvmContract, type EvmContractCondition } from './evm-contract';
import { conditionError } from './failures';
import { readConditions } from './read-conditions';
import type { ConditionContext } from './special-params';

export type { ConditionChain } from './chain-access';
export type { ConditionContext } from './special-params';

type Item = Record<string, unknown> | Item[];

function evaluateOne(
  item: Record<string, unknown>,
  chain: ConditionChain,
  context: ConditionContext,
  path: string,
): boolean {
  // Canonical forms have disjoint keys, so the shape says the type (canonical drops conditionType).
  if ('standardContractType' in item) {
    return evaluateEvmBasic(item as unknown as EvmBasicCondition, chain, context, path);
  }
  if ('functionAbi' in item) {
    return evaluateEvmContract(item as unknown as EvmContractCondition, chain, context, path);
  }
  const what = 'path' in item ? 'Cosmos' : 'Solana';
  throw conditionError(
    'NodeChainNotSupported',
    `${path}.chain`,
    `${what} chain ${JSON.stringify(item.chain)}: the devnet serves only EVM chains`,
  );
}

function evaluateGroup(
  list: readonly Item[],
  chain: ConditionChain,
  context: ConditionContext,
  path: string,
): boolean {
  const results: boolean[] = [];
  const operators: string[] = [];
  list.forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (Array.isArray(item)) results.push(evaluateGroup(item, chain, context, p));
    else if ('operator' in item) operators.push(item.operator as string);
    else results.push(evaluateOne(item, chain, context, p));
  });
  // canonicalConditions already requires condition (operator condition)*; a plain list is an AND.
  let value = results[0]!;
  for (let i = 1; i < results.length; i++) {
    value = (operators[i - 1] ?? 'and') === 'or' ? value || results[i]! : value && results[i]!;
  }
  return value;
}

/**
 * True when `context.userAddress` satisfies `conditions` (of `kind`, as a request carries them).
 * Throws a LitNodeError for conditions that are malformed (400 `NodeParserError`) or that the
 * devnet cannot evaluate (Lit's code for the reason: unsupported chain, failed RPC call, bad
 * return-value test, …). Synchronous: chain reads are local.
 */
export function evaluateConditions(
  chain: ConditionChain,
  kind: ConditionsKind,
  conditions: unknown,
  context: ConditionContext,
): boolean {
  const { canonical } = readConditions(kind, conditions);
  return evaluateGroup(canonical as Item[], chain, context, kind);
}

/** `evaluateConditions` over conditions already read by `readConditions`. */
export function evaluateCanonical(
  chain: ConditionChain,
  kind: ConditionsKind,
  canonical: readonly unknown[],
  context: ConditionContext,
): boolean {
  return evaluateGroup(canonical as Item[], chain, context, kind);
}
