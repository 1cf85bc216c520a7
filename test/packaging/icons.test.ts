// The app icon electron-builder packs: the SVG source and the PNGs rendered from it exist at the
// sizes their names claim, with transparent corners, and electron-builder.yml points at them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  linux: { icon: string; maintainer: string };
  mac: { icon: string };
  win: { icon: string };
};

interface Png {
  width: number;
  height: number;
  colourType: number;
  /** RGBA of the top-left pixel (first row, first pixel, unfiltered for filter types 0, 1, 2 on row 0). */
  corner: number[];
}

function readPng(file: string): Png {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (header === null) throw new Error(`${file} has no IHDR`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    colourType: header[9]!,
    corner: [...raw.subarray(1, 5)],
  };
}

describe('app icon', () => {
  it('has an SVG source drawn like the BrandMark', () => {
    const svg = fs.readFileSync(path.join(ROOT, 'build/icon.svg'), 'utf8');
    const brand = fs.readFileSync(path.join(ROOT, 'renderer/app/BrandMark.tsx'), 'utf8');
    // The same shield and check paths as the mark in the app.
    for (const d of [...brand.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]!)) expect(svg).toContain(d);
  });

  it.each([
    ['build/icon.png', 512],
    ['build/icons/512x512.png', 512],
    ['build/icons/256x256.png', 256],
  ])('%s is a %i px RGBA PNG with transparent corners', (file, size) => {
    const png = readPng(path.join(ROOT, file));
    expect([png.width, png.height]).toStrictEqual([size, size]);
    expect(png.colourType).toBe(6);
    expect(png.corner[3]).toBe(0);
  });

  it('is what electron-builder.yml uses on every platform', () => {
    expect(config.linux.icon).toBe('build/icons');
    expect(fs.readdirSync(path.join(ROOT, config.linux.icon)).sort()).toStrictEqual([
      '256x256.png',
      '512x512.png',
    ]);
    for (const icon of [config.mac.icon, config.win.icon]) {
      expect(icon).toBe('build/icon.png');
      expect(fs.existsSync(path.join(ROOT, icon))).toBe(true);
    }
  });

  it('names no made-up maintainer address', () => {
    expect(config.linux.maintainer).not.toMatch(/example\.(org|com)/);
    expect(config.linux.maintainer).toMatch(/^Steward contributors/);
  });
});
