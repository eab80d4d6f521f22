import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONDITION_KINDS, type ConditionsKind } from './access-control';
import {
  COMPARATORS,
  COSMOS_CHAINS,
  EVM_CHAINS,
  SOLANA_CHAINS,
  STANDARD_CONTRACT_TYPES,
} from './access-control-names';
import { expectSameAsLit, litHash, ours, type Any } from './access-control-lit.fixtures';

// ---- random conditions: valid ones must hash like Lit's; mutated ones must be judged like Lit's ----

const text = fc.string({ unit: 'binary', maxLength: 12 });
const strings = fc.array(text, { maxLength: 3 });
const rvt = (withKey: boolean) =>
  fc.record({
    ...(withKey ? { key: text } : {}),
    comparator: fc.constantFrom(...COMPARATORS),
    value: text,
  });
/** Objects with keys in a random order: the canonical form must not depend on it. */
const shuffled = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, fc.nat()).map(([obj, seed]) => {
    const entries = Object.entries(obj);
    let state = seed;
    for (let i = entries.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries) as T;
  });
const tagged = (type: string | null) => (type ? { conditionType: fc.constant(type) } : {});

const basicArb = (type: string | null, tagRequired: boolean) =>
  shuffled(
    fc.record(
      {
        ...tagged(type),
        contractAddress: text,
        chain: fc.constantFrom(...EVM_CHAINS),
        standardContractType: fc.constantFrom(...STANDARD_CONTRACT_TYPES),
        method: text,
        parameters: strings,
        returnValueTest: shuffled(rvt(false)),
      },
      {
        requiredKeys: tagRequired
          ? undefined
          : [
              'contractAddress',
              'chain',
              'standardContractType',
              'method',
              'parameters',
              'returnValueTest',
            ],
      },
    ),
  );
const abiParam = shuffled(
  fc.record({ name: text, type: text, internalType: text }, { requiredKeys: ['name', 'type'] }),
);
const contractArb = (type: string | null, tagRequired: boolean) =>
  shuffled(
    fc.record(
      {
        ...tagged(type),
        contractAddress: text,
        functionName: text,
        functionParams: strings,
        functionAbi: shuffled(
          fc.record(
            {
              name: text,
              type: text,
              stateMutability: text,
              constant: fc.boolean(),
              inputs: fc.array(abiParam, { maxLength: 2 }),
              outputs: fc.array(abiParam, { maxLength: 2 }),
            },
            { requiredKeys: ['name', 'stateMutability', 'inputs', 'outputs'] },
          ),
        ),
        chain: fc.constantFrom(...EVM_CHAINS),
        returnValueTest: shuffled(rvt(true)),
      },
      {
        requiredKeys: tagRequired
          ? undefined
          : [
              'contractAddress',
              'functionName',
              'functionParams',
              'functionAbi',
              'chain',
              'returnValueTest',
            ],
      },
    ),
  );
const jsonFields = fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
const solArb = (type: string | null, tagRequired: boolean) =>
  shuffled(
    fc.record(
      {
        ...tagged(type),
        method: text,
        params: strings,
        pdaParams: strings,
        pdaInterface: shuffled(fc.record({ offset: fc.integer(), fields: jsonFields })),
        pdaKey: text,
        chain: fc.constantFrom(...SOLANA_CHAINS),
        returnValueTest: shuffled(rvt(true)),
      },
      {
        requiredKeys: [
          'method',
          'params',
          'pdaInterface',
          'pdaKey',
          'chain',
          'returnValueTest',
          ...(tagRequired ? ['conditionType' as const] : []),
        ],
      },
    ),
  );
const cosmosArb = shuffled(
  fc.record(
    {
      conditionType: fc.constant('cosmos'),
      path: text,
      chain: fc.constantFrom(...COSMOS_CHAINS),
      method: text,
      parameters: strings,
      returnValueTest: shuffled(rvt(true)),
    },
    { requiredKeys: ['conditionType', 'path', 'chain', 'returnValueTest'] },
  ),
);

const leaf: Record<ConditionsKind, fc.Arbitrary<unknown>> = {
  accessControlConditions: basicArb('evmBasic', false),
  evmContractConditions: contractArb('evmContract', false),
  solRpcConditions: solArb('solRpc', false),
  unifiedAccessControlConditions: fc.oneof(
    basicArb('evmBasic', true),
    contractArb('evmContract', true),
    solArb('solRpc', true),
    cosmosArb,
  ),
};

/** condition (operator condition)*, where a condition may be a nested group. */
function expressionArb(kind: ConditionsKind): fc.Arbitrary<unknown[]> {
  const { tree } = fc.letrec<{ tree: unknown[]; item: unknown }>((tie) => ({
    item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf[kind], tie('tree')),
    tree: fc
      .tuple(
        tie('item'),
        fc.array(fc.tuple(fc.constantFrom('and', 'or'), tie('item')), { maxLength: 3 }),
      )
      .map(([first, rest]) => [first, ...rest.flatMap(([op, c]) => [{ operator: op }, c])]),
  }));
  return tree;
}

/** A valid tree with one random change somewhere inside: a key removed, added, or given a wrong value. */
function mutate(tree: unknown, picks: number[]): unknown {
  const clone = structuredClone(tree) as Any;
  const objects: Any[] = [];
  const walk = (v: Any) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      objects.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(clone);
  // Operator objects are left alone: there we are deliberately stricter (see below).
  const conditions = objects.filter((o) => !('operator' in o));
  const target = conditions[picks[0]! % conditions.length];
  const keys = Object.keys(target);
  const key = keys[picks[1]! % Math.max(1, keys.length)];
  const mutations = [
    () => key !== undefined && Reflect.deleteProperty(target, key),
    () => (target.unexpected = 'x'),
    () => key !== undefined && (target[key] = 7),
    () => key !== undefined && (target[key] = null),
    () => key !== undefined && (target[key] = []),
    () => key !== undefined && (target[key] = 'polygon'),
    () => key !== undefined && (target[key] = '!='),
  ];
  mutations[picks[2]! % mutations.length]!();
  return clone;
}

describe('random conditions, judged like Lit’s SDK', () => {
  for (const kind of CONDITION_KINDS) {
    it(`${kind}: valid trees hash exactly as Lit’s`, async () => {
      await fc.assert(
        fc.asyncProperty(expressionArb(kind), async (tree) => {
          expect(await ours(kind, tree)).toBe(await litHash(kind, tree));
        }),
        { numRuns: 150 },
      );
    });

    it(`${kind}: mutated trees are refused, or hashed, exactly when Lit does`, async () => {
      await fc.assert(
        fc.asyncProperty(
          expressionArb(kind),
          fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
          async (tree, picks) => {
            await expectSameAsLit(kind, mutate(tree, picks));
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
