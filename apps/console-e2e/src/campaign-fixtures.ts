import type { Page } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken, importCustomersCsv } from './api-client';

/** What the campaign e2e files share: the signed-in marketer, the seeded customers and segments, page helpers. */
export const CAMPAIGNS_SECRET = 'e2e-campaigns-secret';
export const CAMPAIGNS_ADMIN = 'mara@example.com';

/** 30 customers: 26 in Lisbon, two of them without a phone (suppressed on SMS). */
function customersCsv(): string {
  const first = ['Ana', 'Bruno', 'Carla', 'Diogo', 'Eva', 'Filipe', 'Gonçalo', 'Helena', 'Inês', 'João'];
  const rows = ['first_name,last_name,email,phone,city'];
  for (let i = 0; i < 30; i++) {
    const phone = i === 3 || i === 7 ? '' : `+35191234${String(1000 + i).padStart(4, '0')}`;
    rows.push(`${first[i % first.length]},Silva${i},c${i}@example.com,${phone},${i < 26 ? 'Lisbon' : 'Porto'}`);
  }
  return rows.join('\n') + '\n';
}

export async function seedCampaignWorkspace(server: BuiltServer): Promise<void> {
  const accessToken = await devLoginToken(server, CAMPAIGNS_ADMIN, 'Mara Marketer');
  const job = await importCustomersCsv(server, accessToken, customersCsv());
  expect(job.inserted).toBe(30);
  await api(server, accessToken, 'POST', '/segment-rules', {
    name: 'Lisbon locals',
    rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Lisbon' }] },
  });
  // Two customers without a phone: nobody here can receive an SMS.
  await api(server, accessToken, 'POST', '/segment-rules', {
    name: 'No phones',
    rules: { op: 'and', rules: [{ field: 'phone', operator: 'is_empty' }] },
  });
}

export async function statValue(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`stat-${key}`).getAttribute('data-value'));
}

export const visibleNext = (page: Page) => page.locator('[data-testid="wizard-next"]:visible');

/** Lets the stepper's slide animation finish before a screenshot. */
export const settle = (page: Page) => page.waitForTimeout(500);
