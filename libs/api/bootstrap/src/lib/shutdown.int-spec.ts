import { startTestApp } from '@mini-crm/api/testing';

// An app that stops while its BullMQ queues are still connecting used to throw an uncaught
// 'error' ("Connection is closed") after close; jest fails the test when that happens.
describe('shutdown right after start', () => {
  it('closes cleanly, several times over', async () => {
    for (let i = 0; i < 3; i++) {
      const t = await startTestApp({ driver: 'pglite' });
      await t.close();
    }
    await new Promise((r) => setTimeout(r, 500)); // a late error would surface here
  });
});
