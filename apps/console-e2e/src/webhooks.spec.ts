import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

/** Admin › Webhooks: create an endpoint (secret shown once), send a test event, see it in the delivery log. */
describe('Admin › Webhooks', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ id: string; type: string }> = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ id: String(req.headers['webhook-id']), type: JSON.parse(body).type });
        res.end('thanks');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm-hook`;
    run = await startConsoleUnderTest({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ server, browser } = run);
  });
  afterAll(async () => {
    await run?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('creates an endpoint, shows its secret once, and logs a test event', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, 'admin@example.com', 'Admin');
    await page.goto('/admin/webhooks');
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-url').fill(receiverUrl);
    await page.getByTestId('webhook-event-customer.created').click();
    await page.getByTestId('webhook-create').click();
    const secret = (await page.getByTestId('webhook-secret').textContent())?.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await shot(page, 'webhooks-secret-once');
    await page.getByTestId('webhook-secret-done').click();
    await page.getByTestId('webhook-secret-card').waitFor({ state: 'detached' });
    await page.locator('[data-testid="webhook-table"]', { hasText: receiverUrl }).waitFor();
    // The secret is nowhere on the page any more.
    expect(await page.content()).not.toContain(secret);

    await page.getByTestId('webhook-test').click();
    await page.locator('[data-testid="delivery-status"]', { hasText: '200 OK' }).waitFor();
    expect(received).toEqual([{ id: expect.stringMatching(/^msg_/), type: 'webhook.test' }]);
    const row = page.locator('[data-testid="webhook-deliveries"] tr', { hasText: received[0].id });
    expect(await row.textContent()).toMatch(/webhook\.test.*msg_.*1.*200 OK.*ms.*thanks/s);
    await shot(page, 'webhooks-delivery-log');
  });
});
