// submit and status against a local stand-in pollinator on 127.0.0.1 (no network).
import assert from 'node:assert/strict';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { classifyResponse, status, submit } from '../src/index.js';

const HASH = '0x' + '01'.repeat(32);
const seen: { method: string; url: string; body: string; type: string }[] = [];

function reply(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Answers by the bundle it is sent: 0x01 waits, 0x02 executes, 0x03 fails, 0x04 is a parse
 * error (HTTP 400), 0x05 is a 500 with HTML. */
function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', body, type: req.headers['content-type'] ?? '' });
  if (req.method === 'POST' && req.url === '/prefix/api/v1/payafter') {
    const { txn } = JSON.parse(body) as { txn: string };
    const base = { data_hash: HASH, create_time: 1700000000 };
    if (txn === '0x01') return reply(res, 200, { ...base, wait_until: 1700000100 });
    if (txn === '0x02') return reply(res, 200, { ...base, txid: '0xabcd' });
    if (txn === '0x03') return reply(res, 200, { ...base, error: ['fee too low', 'expired'] });
    if (txn === '0x04') return reply(res, 400, { error: ['cannot decode bundle'] });
    return reply(res, 500, '<html>oops</html>');
  }
  if (req.method === 'GET' && req.url?.startsWith('/prefix/api/v1/address-payafters/')) {
    const address = decodeURIComponent(req.url.slice('/prefix/api/v1/address-payafters/'.length));
    if (address === 'nobody') return reply(res, 404, { error: ['unknown address'] });
    if (address === 'weird') return reply(res, 200, [{ hello: 1 }]);
    return reply(res, 200, [
      { data_hash: HASH, create_time: 1, error: ['reverted'] },
      { data_hash: HASH, create_time: 2, wait_until: 3 },
      { data_hash: HASH, create_time: 4, txid: '0xbeef' },
    ]);
  }
  return reply(res, 404, { error: ['no route'] });
}

describe('the pollinator API', () => {
  let server: Server;
  let url: string;

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => handle(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('submit: POST /api/v1/payafter {"txn": hex}, the four answers', async () => {
    assert.deepEqual(await submit(url, '0x01'), {
      status: 'waiting', data_hash: HASH, create_time: 1700000000, wait_until: 1700000100,
    });
    const last = seen[seen.length - 1];
    assert.deepEqual(last, { method: 'POST', url: '/prefix/api/v1/payafter', body: '{"txn":"0x01"}', type: 'application/json' });
    assert.deepEqual(await submit(url, '0x02'), { status: 'executed', data_hash: HASH, create_time: 1700000000, txid: '0xabcd' });
    assert.deepEqual(await submit(url, '0x03'), {
      status: 'error', data_hash: HASH, create_time: 1700000000, error: ['fee too low', 'expired'],
    });
    // A parse error comes back typed, whatever its HTTP status.
    assert.deepEqual(await submit(url, '0x04'), { status: 'parseError', error: ['cannot decode bundle'] });
  });

  test('submit: an answer of no known shape is an error', async () => {
    await assert.rejects(submit(url, '0x05'), { code: 'PollinatorResponse' });
    await assert.rejects(submit(url, 'not hex'), { code: 'InvalidInput' });
    await assert.rejects(submit(url, '0x123'), { code: 'InvalidInput' });
  });

  test('status: GET /api/v1/address-payafters/{address}', async () => {
    const address = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    const records = await status(url, address);
    assert.equal(seen[seen.length - 1]?.url, `/prefix/api/v1/address-payafters/${address}`);
    assert.deepEqual(records.map((r) => r.status), ['error', 'waiting', 'executed']);
    assert.deepEqual(records[2], { status: 'executed', data_hash: HASH, create_time: 4, txid: '0xbeef' });
    await assert.rejects(status(url, 'nobody'), { code: 'PollinatorResponse' });
    await assert.rejects(status(url, 'weird'), { code: 'PollinatorResponse' });
  });

  test('a fetch may be passed in', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response(JSON.stringify([]), { status: 200 });
    }) as typeof fetch;
    assert.deepEqual(await status('http://pollinator.invalid', 'a/b', { fetch: fakeFetch }), []);
    assert.deepEqual(calls, ['http://pollinator.invalid/api/v1/address-payafters/a%2Fb']);
  });

  test('classifyResponse: shapes', () => {
    assert.throws(() => classifyResponse(null), { code: 'PollinatorResponse' });
    assert.throws(() => classifyResponse([]), { code: 'PollinatorResponse' });
    assert.throws(() => classifyResponse({ data_hash: 'xyz', create_time: 1, txid: '0x00' }), { code: 'PollinatorResponse' });
    assert.throws(() => classifyResponse({ data_hash: HASH, create_time: 1 }), { code: 'PollinatorResponse' });
    assert.throws(() => classifyResponse({ error: 'not an array' }), { code: 'PollinatorResponse' });
  });
});
