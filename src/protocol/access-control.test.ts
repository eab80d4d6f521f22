import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import * as accs from '@lit-protocol/access-control-conditions';
import { createRequire } from 'node:module';
import { isValidBooleanExpression } from '@lit-protocol/misc';
import {
  CONDITION_KINDS,
  canonicalConditions,
  conditionsOf,
  encryptionIdentity,
  hashConditions,
  hashData,
  type ConditionsKind,
} from './access-control';
import {
  COMPARATORS,
  COSMOS_CHAINS,
  EVM_CHAINS,
  SOLANA_CHAINS,
  STANDARD_CONTRACT_TYPES,
} from './access-control-names';
import { toHex, utf8 } from './bytes';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lit's SDK end to end, as `encrypt` runs it: param checks, boolean form, schemas, hash. */
async function litHash(kind: ConditionsKind, conditions: unknown): Promise<string> {
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

async function ours(kind: ConditionsKind, conditions: unknown): Promise<string> {
  return toHex(hashConditions(kind, conditions));
}

/** Both reject, or both accept with the same hash. */
async function expectSameAsLit(kind: ConditionsKind, conditions: unknown): Promise<void> {
  const [a, b] = await Promise.allSettled([ours(kind, conditions), litHash(kind, conditions)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') expect(a.value).toBe(b.value);
  else expect([a.status, b.status], JSON.stringify(conditions)).toEqual(['rejected', 'rejected']);
}

const address = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
const basic = {
  contractAddress: '',
  standardContractType: '',
  chain: 'ethereum',
  method: '',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '=', value: address },
};
const erc20 = {
  conditionType: 'evmBasic',
  contractAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  standardContractType: 'ERC20',
  chain: 'polygon',
  method: 'balanceOf',
  parameters: [':userAddress'],
  returnValueTest: { value: '1000000', comparator: '>=' },
};
const contract = {
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
const solV2 = {
  method: 'getBalance',
  params: [':userAddress'],
  pdaParams: [],
  pdaInterface: { offset: 0, fields: {} },
  pdaKey: '',
  chain: 'solana',
  returnValueTest: { key: '', comparator: '>=', value: '100000000' },
};
const solV1 = Object.fromEntries(Object.entries(solV2).filter(([k]) => k !== 'pdaParams'));
const cosmos = {
  conditionType: 'cosmos',
  path: ':userAddress',
  chain: 'cosmos',
  returnValueTest: { key: '', comparator: '=', value: 'cosmos1xyz' },
};

describe('hashConditions: the documented vector', () => {
  it('hashes the :userAddress condition to 14805f09…', () => {
    expect(toHex(hashConditions('accessControlConditions', [basic]))).toBe(
      '14805f09ce08f4ec3c59250addf4098a3132f1f2c5201d849b0850cff389c130',
    );
    expect(JSON.stringify(canonicalConditions('accessControlConditions', [basic]))).toBe(
      '[{"contractAddress":"","chain":"ethereum","standardContractType":"","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A"}}]',
    );
  });
});

describe('hashConditions equals Lit’s SDK', () => {
  const cases: [ConditionsKind, unknown[]][] = [
    ['accessControlConditions', [basic]],
    ['accessControlConditions', [basic, { operator: 'or' }, erc20]],
    [
      'accessControlConditions',
      [[basic, { operator: 'and' }, erc20], { operator: 'or' }, [[basic]]],
    ],
    ['evmContractConditions', [contract]],
    [
      'evmContractConditions',
      [
        contract,
        { operator: 'and' },
        { ...contract, functionAbi: { ...contract.functionAbi, constant: true } },
      ],
    ],
    ['solRpcConditions', [solV2]],
    ['solRpcConditions', [solV1, { operator: 'or' }, solV2]],
    ['unifiedAccessControlConditions', [{ ...basic, conditionType: 'evmBasic' }]],
    [
      'unifiedAccessControlConditions',
      [
        erc20,
        { operator: 'or' },
        [
          { ...contract, conditionType: 'evmContract' },
          { operator: 'and' },
          { ...solV1, conditionType: 'solRpc' },
        ],
        { operator: 'and' },
        cosmos,
        { operator: 'or' },
        { ...cosmos, method: 'GET', parameters: ['a', 'b'] },
      ],
    ],
  ];
  it.each(cases.map(([k, c], i) => [i, k, c] as const))(
    'case %i: %s',
    async (_i, kind, conditions) => {
      const expected = await litHash(kind, conditions);
      expect(await ours(kind, conditions)).toBe(expected);
    },
  );

  it('drops conditionType and unhashed ABI fields, fixes key order, defaults constant to false', () => {
    const [c] = canonicalConditions('unifiedAccessControlConditions', [
      { ...contract, conditionType: 'evmContract' },
    ]) as Any[];
    expect(Object.keys(c)).toEqual([
      'contractAddress',
      'functionName',
      'functionParams',
      'functionAbi',
      'chain',
      'returnValueTest',
    ]);
    expect(c.functionAbi).toEqual({
      name: 'isMember',
      inputs: [
        { name: 'who', type: 'address' },
        { name: 'tier', type: 'uint256' },
      ],
      outputs: [{ name: '', type: 'bool' }],
      constant: false,
      stateMutability: 'view',
    });
  });

  it('hashes a Solana condition without pdaParams in v1 form, except in unified conditions', () => {
    expect(Object.keys((canonicalConditions('solRpcConditions', [solV1]) as Any[])[0])).toEqual([
      'method',
      'params',
      'chain',
      'returnValueTest',
    ]);
    const unified = canonicalConditions('unifiedAccessControlConditions', [
      { ...solV1, conditionType: 'solRpc' },
    ]) as Any[];
    expect(Object.keys(unified[0])).toEqual([
      'method',
      'params',
      'pdaInterface',
      'pdaKey',
      'chain',
      'returnValueTest',
    ]);
  });
});

describe('Lit’s accepted names', () => {
  // The JSON schemas Lit's SDK validates with (its types do not cover the JSON subpaths).
  const require = createRequire(import.meta.url);
  const schemas: Record<string, Any> = Object.fromEntries(
    ['LPACC_EVM_BASIC', 'LPACC_EVM_CONTRACT', 'LPACC_SOL', 'LPACC_ATOM'].map((name) => [
      name,
      require(`@lit-protocol/accs-schemas/schemas/${name}`),
    ]),
  );

  it('are the installed @lit-protocol/accs-schemas lists', () => {
    expect([...EVM_CHAINS].sort()).toEqual(
      [...schemas.LPACC_EVM_BASIC.properties.chain.enum].sort(),
    );
    expect([...EVM_CHAINS].sort()).toEqual(
      [...schemas.LPACC_EVM_CONTRACT.properties.chain.enum].sort(),
    );
    expect(SOLANA_CHAINS).toEqual(schemas.LPACC_SOL.properties.chain.enum);
    expect(COSMOS_CHAINS).toEqual(schemas.LPACC_ATOM.properties.chain.enum);
    expect(STANDARD_CONTRACT_TYPES).toEqual(
      schemas.LPACC_EVM_BASIC.properties.standardContractType.enum,
    );
    for (const name of Object.keys(schemas)) {
      expect(COMPARATORS).toEqual(
        schemas[name].properties.returnValueTest.properties.comparator.enum,
      );
    }
  });
});

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

describe('refusals name the problem', () => {
  const cases: [ConditionsKind, unknown, RegExp][] = [
    ['accessControlConditions', [], /accessControlConditions: expected at least one condition/],
    ['accessControlConditions', {}, /expected an array of conditions/],
    ['accessControlConditions', [basic, { operator: 'and' }], /must end with a condition/],
    [
      'accessControlConditions',
      [basic, basic, basic],
      /\[1\]: expected \{"operator": "and" \| "or"\}/,
    ],
    [
      'accessControlConditions',
      [{ operator: 'and' }, { operator: 'and' }, basic],
      /\[0\]: expected a condition or a group here/,
    ],
    [
      'accessControlConditions',
      [basic, { operator: 'xor' }, basic],
      /\[1\]\.operator: expected "and" or "or", got "xor"/,
    ],
    ['accessControlConditions', [[]], /\[0\]: expected at least one condition/],
    [
      'accessControlConditions',
      [{ ...basic, chain: 'solana' }],
      /\[0\]\.chain: expected one of Lit's 112 names, got "solana"/,
    ],
    [
      'accessControlConditions',
      [{ ...basic, returnValueTest: { comparator: '!=', value: '1' } }],
      /returnValueTest\.comparator: expected "contains", "=", ">", ">=", "<", "<=", got "!="/,
    ],
    [
      'accessControlConditions',
      [{ ...basic, returnValueTest: { comparator: '=', value: 1 } }],
      /returnValueTest\.value: expected a string, got a number/,
    ],
    ['accessControlConditions', [{ ...basic, extra: 1 }], /\[0\]: unexpected key "extra"/],
    ['accessControlConditions', [{ ...basic, method: undefined }], /\[0\]\.method: is required/],
    [
      'accessControlConditions',
      [{ ...basic, parameters: [1] }],
      /\[0\]\.parameters\[0\]: expected a string, got a number/,
    ],
    [
      'accessControlConditions',
      [{ ...basic, conditionType: 'evmContract' }],
      /conditionType: expected "evmBasic" here/,
    ],
    [
      'evmContractConditions',
      [{ ...contract, functionAbi: { ...contract.functionAbi, constant: 'yes' } }],
      /functionAbi\.constant: expected a boolean/,
    ],
    [
      'evmContractConditions',
      [{ ...contract, returnValueTest: { comparator: '=', value: 'true' } }],
      /returnValueTest\.key: is required/,
    ],
    [
      'solRpcConditions',
      [{ ...solV2, pdaInterface: { offset: 0, fields: [] } }],
      /pdaInterface\.fields: expected an object, got an array/,
    ],
    [
      'solRpcConditions',
      [{ ...solV2, chain: 'ethereum' }],
      /chain: expected "solana", "solanaDevnet", "solanaTestnet"/,
    ],
    [
      'unifiedAccessControlConditions',
      [basic],
      /\[0\]\.conditionType: expected one of "evmBasic", "evmContract", "solRpc", "cosmos", got nothing/,
    ],
    [
      'unifiedAccessControlConditions',
      [{ ...cosmos, chain: 'ethereum' }],
      /\[0\]\.chain: expected "cosmos", "kyve"/,
    ],
    ['unifiedAccessControlConditions', [42], /\[0\]: expected an object, got a number/],
    [
      'accessControlConditions',
      [{ ...basic, parameters: Object.assign(new Array(2), { 1: ':userAddress' }) }],
      /\[0\]\.parameters\[0\]: expected a string, got nothing/,
    ],
    [
      'accessControlConditions',
      Object.assign(new Array(3), { 0: basic, 2: basic }),
      /accessControlConditions\[1\]: expected \{"operator"/,
    ],
  ];
  it.each(cases.map(([k, c, m], i) => [i, k, c, m] as const))(
    'case %i (%s), as Lit also refuses',
    async (_i, kind, conditions, message) => {
      expect(() => hashConditions(kind, conditions)).toThrow(message);
      await expect(litHash(kind, conditions)).rejects.toThrow();
    },
  );

  it('refuses an unknown kind', () => {
    expect(() => hashConditions('conditions' as ConditionsKind, [basic])).toThrow(
      /kind: expected one of/,
    );
  });

  it('refuses non-JSON values inside pdaInterface.fields', () => {
    const withFields = (fields: unknown) => [{ ...solV2, pdaInterface: { offset: 0, fields } }];
    expect(() => hashConditions('solRpcConditions', withFields({ a: 1n }))).toThrow(
      /fields\.a: expected a JSON value/,
    );
    expect(() => hashConditions('solRpcConditions', withFields({ a: Number.NaN }))).toThrow(
      /finite number/,
    );
    expect(() => hashConditions('solRpcConditions', withFields({ a: new Date(0) }))).toThrow(
      /JSON value/,
    );
  });

  it('keeps an own "__proto__" key in fields, as JSON.stringify of the input does', async () => {
    const conditions = JSON.parse(
      JSON.stringify([solV2]).replace('"fields":{}', '"fields":{"__proto__":{"x":1}}'),
    );
    expect(JSON.stringify(canonicalConditions('solRpcConditions', conditions))).toContain(
      '"__proto__":{"x":1}',
    );
    expect(await ours('solRpcConditions', conditions)).toBe(
      await litHash('solRpcConditions', conditions),
    );
  });
});

describe('deliberately stricter than Lit’s SDK (Lit accepts, we refuse)', () => {
  it('an operator object in a condition position (Lit hashes {"operator":"xor"} as if a condition)', async () => {
    const conditions = [basic, { operator: 'and' }, { operator: 'xor' }];
    await expect(litHash('accessControlConditions', conditions)).resolves.toMatch(/^[0-9a-f]{64}$/);
    expect(() => hashConditions('accessControlConditions', conditions)).toThrow(
      /\[2\]: expected a condition or a group/,
    );
  });

  it('an operator object with extra keys (Lit drops them)', async () => {
    const conditions = [basic, { operator: 'and', note: 'x' }, basic];
    await expect(litHash('accessControlConditions', conditions)).resolves.toMatch(/^[0-9a-f]{64}$/);
    expect(() => hashConditions('accessControlConditions', conditions)).toThrow(
      /only the key "operator"/,
    );
  });
});

describe('hashData / encryptionIdentity / conditionsOf', () => {
  it('hashData is lowercase hex sha256', () => {
    expect(hashData(utf8('hello'))).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
    expect(hashData(new Uint8Array())).toBe(toHex(sha256(new Uint8Array())));
    expect(() => hashData('hello' as unknown as Uint8Array)).toThrow(/data: expected a Uint8Array/);
  });

  it('encryptionIdentity is the utf8 lit-accesscontrolcondition:// resource', () => {
    const acc = toHex(hashConditions('accessControlConditions', [basic]));
    const data = hashData(utf8('secret'));
    expect(new TextDecoder().decode(encryptionIdentity(acc, data))).toBe(
      `lit-accesscontrolcondition://${acc}/${data}`,
    );
    expect(() => encryptionIdentity(acc.toUpperCase(), data)).toThrow(
      /conditionsHashHex: expected 64 lowercase hex/,
    );
    expect(() => encryptionIdentity(acc, data.slice(2))).toThrow(/dataHashHex/);
    expect(() => encryptionIdentity('0x' + acc.slice(2), data)).toThrow(/conditionsHashHex/);
  });

  it('conditionsOf picks the first set kind in Lit’s order', () => {
    expect(
      conditionsOf({ unifiedAccessControlConditions: [1], evmContractConditions: [2] }),
    ).toEqual({
      kind: 'evmContractConditions',
      conditions: [2],
    });
    expect(conditionsOf({ accessControlConditions: null, solRpcConditions: [3] }).kind).toBe(
      'solRpcConditions',
    );
    expect(() => conditionsOf({ chain: 'ethereum' })).toThrow(
      /expected one of accessControlConditions/,
    );
    expect(() => conditionsOf(null)).toThrow(/params: expected an object/);
  });
});
