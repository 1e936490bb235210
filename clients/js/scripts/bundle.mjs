// Browser bundles of the library, with esbuild: every dependency included, no Node built-ins.
//   dist/pollinate.browser.js  an ES module:  import { makeFee } from './pollinate.browser.js'
//   dist/pollinate.iife.js     a classic script defining the global `Pollinate`
// @polkadot/api is imported for types only, so it is not in the bundles: pass your own ApiPromise.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'browser',
  target: ['es2022'],
  sourcemap: true,
  legalComments: 'eof',
  minify: true,
  logLevel: 'warning',
};

const outputs = [
  { ...common, format: 'esm', outfile: 'dist/pollinate.browser.js' },
  { ...common, format: 'iife', globalName: 'Pollinate', outfile: 'dist/pollinate.iife.js' },
];
for (const options of outputs) {
  await build(options);
  const kib = (statSync(`${root}/${options.outfile}`).size / 1024).toFixed(0);
  console.log(`${options.outfile}: ${kib} KiB`);
}
