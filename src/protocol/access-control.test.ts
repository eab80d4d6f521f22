import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { sha256 } from '@noble/hashes/sha2.js';
import {
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
import {
  basic,
  contract,
  cosmos,
  erc20,
  litHash,
  ours,
  solV1,
  solV2,
  type Any,
} from './access-control-lit.fixtures';
import { toHex, utf8 } from './bytes';

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
