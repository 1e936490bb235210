// A tiny static server for the wallet page, on 127.0.0.1 only.
//
//   node serve.mjs [--port 3000]     (or WALLET_PORT)
//
// Serves index.html, style.css and dist/ from this folder; nothing else. Prints the page's URL.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.WALLET_PORT ?? 3000));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
// Only these may be served: the page, its style, and the built bundle.
const allowed = (path) => path === 'index.html' || path === 'style.css' || /^dist\/[\w.-]+\.(js|map)$/.test(path);

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let path = normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '');
  if (path === '' || path === '.') path = 'index.html';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (!allowed(path)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(
      path.startsWith('dist/') ? 'not built: run `node build.mjs` in examples/wallet\n' : 'not found\n',
    );
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`wallet page: http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
