// Bundles the page (src/main.mjs, @polkadot/api and the Pollinate library) into dist/app.js
// with esbuild: one ES module, no CDN, no framework.
//
//   node build.mjs            # needs clients/js/dist (clients/js: npm run build, or test.sh)
//
// The library's dist/index.js imports @polkadot/util and friends, which node would resolve from
// clients/js/node_modules; every @polkadot/* import is resolved from this folder instead, so the
// page carries one copy of each (the same pinned versions as the library's).
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const library = fileURLToPath(new URL('../../clients/js/dist/index.js', import.meta.url));
if (!existsSync(library)) {
  console.error(`build: ${library} is missing: build the library first (cd clients/js && npm ci && npm run build)`);
  process.exit(1);
}

const onePolkadot = {
  name: 'one-polkadot',
  setup(b) {
    b.onResolve({ filter: /^@polkadot\// }, async (args) => {
      if (args.pluginData === 'one-polkadot') return undefined;
      return b.resolve(args.path, { resolveDir: here, kind: args.kind, pluginData: 'one-polkadot' });
    });
  },
};

await build({
  absWorkingDir: here,
  entryPoints: ['src/main.mjs'],
  outfile: 'dist/app.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [onePolkadot],
});
console.log(`dist/app.js: ${(statSync(`${here}/dist/app.js`).size / 1024).toFixed(0)} KiB`);
