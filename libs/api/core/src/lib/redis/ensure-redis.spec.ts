import { createConnection } from 'node:net';
import { freePort } from '@mini-crm/testing/e2e';
import { ensureRedis } from './ensure-redis';

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('ensureRedis in production', () => {
  it('never starts a throwaway redis-server: it fails, saying why', async () => {
    const port = await freePort();
    const logged: string[] = [];
    await expect(
      ensureRedis(`redis://127.0.0.1:${port}`, (m) => logged.push(m), { allowStart: false }),
    ).rejects.toThrow(`Redis is not answering at redis://127.0.0.1:${port}. With NODE_ENV=production no throwaway`);
    expect(logged).toEqual([]);
    expect(await answers(port)).toBe(false);
  });
});
