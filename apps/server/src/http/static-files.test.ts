import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles } from './static-files.js';

describe('createStaticFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'contrail-static-'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'index.html'), '<h1>experiments</h1>');
    writeFileSync(path.join(dir, 'run.html'), '<h1>run</h1>');
    mkdirSync(path.join(dir, '_next/static/chunks'), { recursive: true });
    writeFileSync(path.join(dir, '_next/static/chunks/app.js'), 'console.log(1)');
    const serve = createStaticFiles(dir);
    server = createServer((req, res) => {
      if (!serve(req, res)) res.writeHead(404).end('fell through');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves exported pages without their .html, whatever the query string', async () => {
    const home = await fetch(`${url}/`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toBe('<h1>experiments</h1>');
    const run = await fetch(`${url}/run?id=0123456789abcdef0123456789abcdef`);
    expect(run.status).toBe(200);
    expect(await run.text()).toBe('<h1>run</h1>');
    expect(run.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets browsers keep hashed build files for good', async () => {
    const chunk = await fetch(`${url}/_next/static/chunks/app.js`);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers HEAD, and leaves other methods and unknown paths to the caller', async () => {
    const head = await fetch(`${url}/run`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<h1>run</h1>'.length));
    const post = await fetch(`${url}/run`, { method: 'POST', body: '{}' });
    expect([post.status, await post.text()]).toEqual([404, 'fell through']);
    const missing = await fetch(`${url}/nothing-here`);
    expect([missing.status, await missing.text()]).toEqual([404, 'fell through']);
    const outside = await fetch(`${url}/..%2f..%2fetc%2fpasswd`);
    expect(outside.status).toBe(404);
  });
});
