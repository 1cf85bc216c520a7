import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../../electron/core/ledger';

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: 1, y: 'two' }], c: null }, aa: true };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[3,{"y":"two","z":1}]},"aa":true,"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const one = { x: 1, y: { p: [1, 2], q: 'q' } };
    const two = { y: { q: 'q', p: [1, 2] }, x: 1 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(JSON.parse(canonicalJson(one))).toEqual(one);
  });

  it('writes strings and numbers as JSON does, and -0 as 0', () => {
    const s = 'line\nbreak "quoted" \\ é 😀 \u0000';
    expect(canonicalJson(s)).toBe(JSON.stringify(s));
    expect(canonicalJson([1.5, -0, 1e21, 0.1])).toBe('[1.5,0,1e+21,0.1]');
  });

  it('sorts keys by code unit, uppercase before lowercase', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, _: 4 })).toBe('{"B":2,"_":4,"a":3,"b":1}');
  });

  it('rejects undefined anywhere, naming where', () => {
    expect(() => canonicalJson(undefined)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: { b: undefined } })).toThrow(/a\.b.*undefined/);
    expect(() => canonicalJson({ list: [1, undefined] })).toThrow(/list\[1\].*undefined/);
  });

  it('rejects NaN and infinite numbers', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(/Cannot write n as JSON: NaN is not a finite number/);
    expect(() => canonicalJson([Infinity])).toThrow(/\[0\].*Infinity/);
    expect(() => canonicalJson(-Infinity)).toThrow(/finite/);
  });

  it('rejects functions, symbols, bigints, class instances and cycles', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/write f as JSON: it is a function/);
    expect(() => canonicalJson({ s: Symbol('x') })).toThrow(/symbol/);
    expect(() => canonicalJson({ big: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/write when as JSON: it is a Date/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/cycle/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});
