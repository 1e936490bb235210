// The browser bundles load and work: the ES module by import, the IIFE as a classic script in a
// fresh context that has only what a browser page has (no require, no process).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';

const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url);

describe('browser bundles', () => {
  test('dist/pollinate.browser.js: an ES module with the whole API', async () => {
    const mod = (await import(dist('pollinate.browser.js').href)) as typeof import('../src/index.js');
    assert.equal(mod.makeFee(10n ** 18n).toBinary(false), 0b00000000000001011111101111000001);
    assert.equal(typeof mod.signCalls, 'function');
    assert.equal(typeof mod.submit, 'function');
    assert.equal(mod.makeFee(10n ** 18n).amtRounded(), 999_939_854_764_605_440n);
  });

  test('dist/pollinate.iife.js: the global Pollinate', () => {
    const code = readFileSync(fileURLToPath(dist('pollinate.iife.js')), 'utf8');
    const page: Record<string, unknown> = {
      console, TextEncoder, TextDecoder, crypto, URL, setTimeout, clearTimeout, queueMicrotask,
      WebAssembly, Uint8Array, BigInt, fetch,
    };
    page['globalThis'] = page;
    page['window'] = page;
    page['self'] = page;
    const context = createContext(page);
    runInContext(code, context, { filename: 'pollinate.iife.js' });
    const words = runInContext(
      `const P = Pollinate;
       P.encodePolicy([P.makeFee(10n), P.makeFee(100n).after(2).minutes, P.makeInvalid().after(10).minutes])`,
      context,
    ) as number[];
    assert.deepEqual(Array.from(words), [10, 272629860, 2438889472]);
    const hash = runInContext(
      `P.toHex(P.dataHash(new Uint8Array([1, 2, 3])))`,
      context,
    ) as string;
    assert.equal(hash, '0x11c0e79b71c3976ccd0c02d1310e2516c08edc9d8b6f57ccd680d63a4d8e72da');
  });
});
