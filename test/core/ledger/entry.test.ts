import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeLine,
  encodeEntry,
  generateProfileKeys,
  GENESIS_PREV,
  profileIdFor,
  SUFFIX_LENGTH,
  verifyEntrySignature,
} from '../../../electron/core/ledger';
import type { UnsignedEntry } from '../../../electron/core/ledger';
import { STEWARD_EVENTS } from '../../../electron/core/events';

const keys = generateProfileKeys();
const actor = profileIdFor(keys.publicKey);
const fields: UnsignedEntry = {
  seq: 2,
  ts: '2026-01-02T03:04:05.678Z',
  type: 'training.started',
  actor,
  data: { module: 'intro', z: [1, { b: 2, a: 'ü' }] },
  prev: 'ab'.repeat(32),
};

describe('ledger lines', () => {
  it('encodes body + fixed-length hash/sig suffix + newline', () => {
    const { entry, line } = encodeEntry(fields, keys.privateKeyPem);
    const body = canonicalJson({ ...fields });
    expect(body.startsWith('{"actor":')).toBe(true);
    expect(line).toBe(`${body.slice(0, -1)},"hash":"${entry.hash}","sig":"${entry.sig}"}\n`);
    expect(entry.hash).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
    expect(entry.sig).toHaveLength(88);
    expect(line.length - 1 - (body.length - 1)).toBe(SUFFIX_LENGTH);
    expect(verifyEntrySignature(entry, keys.publicKey)).toBe(true);
    // The line is plain JSON too.
    expect(JSON.parse(line)).toEqual(entry);
  });

  it('decodes a line back to the same entry', () => {
    const { entry, line } = encodeEntry(fields, keys.privateKeyPem);
    const res = decodeLine(line, STEWARD_EVENTS);
    expect(res).toEqual({ ok: true, entry, body: canonicalJson({ ...fields }) });
  });

  it('detects a changed byte in the body or the hash', () => {
    const { line } = encodeEntry(fields, keys.privateKeyPem);
    const changedBody = line.replace('intro', 'intrO');
    expect(decodeLine(changedBody, STEWARD_EVENTS)).toMatchObject({
      ok: false,
      reason: /does not match its hash/,
      seq: 2,
    });
    const h = line.indexOf('"hash":"') + 8;
    const changedHash = line.slice(0, h) + (line[h] === 'a' ? 'b' : 'a') + line.slice(h + 1);
    expect(decodeLine(changedHash, STEWARD_EVENTS)).toMatchObject({
      ok: false,
      reason: /does not match its hash/,
    });
  });

  it('reports a missing hash or sig field', () => {
    const { entry, line } = encodeEntry(fields, keys.privateKeyPem);
    expect(decodeLine(line.replace(`,"sig":"${entry.sig}"`, ''), STEWARD_EVENTS)).toMatchObject({
      ok: false,
      reason: /hash and signature fields are missing/,
    });
    expect(decodeLine(line.replace(`"hash":"${entry.hash}",`, ''), STEWARD_EVENTS)).toMatchObject({
      ok: false,
    });
  });

  it('reads a non-canonical body through the slow path when its hash matches', () => {
    const body =
      '{ "type":"training.started", "seq":2, "ts":"x", "prev":"' +
      GENESIS_PREV +
      '", "data":{}, "actor":"a" }';
    const hash = createHash('sha256').update(body).digest('hex');
    const line = `${body.slice(0, -1)},"hash":"${hash}","sig":"${'A'.repeat(86)}=="}`;
    const res = decodeLine(line, STEWARD_EVENTS);
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.entry).toMatchObject({ seq: 2, type: 'training.started', actor: 'a', data: {} });
  });

  it('refuses unknown event types and bad field types', () => {
    const line = encodeEntry(fields, keys.privateKeyPem).line;
    const body = canonicalJson({ ...fields, type: 'training.unknown' });
    const hash = createHash('sha256').update(body).digest('hex');
    const forged = `${body.slice(0, -1)},"hash":"${hash}","sig":"${'A'.repeat(86)}=="}`;
    expect(decodeLine(forged, STEWARD_EVENTS)).toMatchObject({
      ok: false,
      reason: /unknown event type "training.unknown"/,
    });
    expect(decodeLine(line.replace('"seq":2', '"seq":"2"'), STEWARD_EVENTS)).toMatchObject({ ok: false });
  });
});
