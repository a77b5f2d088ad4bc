import { customers } from '@mini-crm/db';
import type { DbDriver } from '@mini-crm/db';
import { startTestApp, type TestApp } from '@mini-crm/api/testing';

const DAY = 86_400_000;

export interface AiTestApp {
  t: TestApp;
  admin: string;
  marketer: string;
  viewer: string;
}

/** The app with an admin, a marketer and a viewer signed in. */
export async function startAiTestApp(driver: DbDriver, env: Record<string, string> = {}): Promise<AiTestApp> {
  const t = await startTestApp({ driver, env });
  const admin = (await t.login('admin@example.com')).accessToken;
  const m = await t.login('marketer@example.com');
  const promoted = await t.request('PATCH', `/api/users/${m.user.id}`, { token: admin, body: { role: 'marketer' } });
  if (promoted.status !== 200) throw new Error(`promotion failed: ${promoted.status} ${promoted.text}`);
  const viewer = (await t.login('viewer@example.com')).accessToken;
  return { t, admin, marketer: m.accessToken, viewer };
}

/** Personal data seeded below; prompts sent to a model must contain none of it. */
export const SEEDED_PERSONAL_DATA = [
  'asha.kulkarni@example.com',
  '+919812345601',
  'Kulkarni',
  'ravi.menon@example.com',
  '+919812345602',
  'Menon',
  'neha.shah@example.com',
  '+919812345603',
  'Shah',
  'arjun.rao@example.com',
  '+919812345604',
  'Rao',
  'meera.iyer@example.com',
  '+919812345605',
  'Iyer',
];

/** Five customers with e-mails and phones; four spent more than 1000 (two in Mumbai, one each in Pune and Delhi). */
export async function seedAiCustomers(t: TestApp, now = new Date()): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY - DAY / 2);
  await t.db.handle.db.insert(customers).values([
    {
      email: 'asha.kulkarni@example.com',
      phone: '+919812345601',
      firstName: 'Asha',
      lastName: 'Kulkarni',
      city: 'Mumbai',
      totalSpend: '2500',
      orderCount: 3,
      lastOrderAt: ago(100),
    },
    {
      email: 'ravi.menon@example.com',
      phone: '+919812345602',
      firstName: 'Ravi',
      lastName: 'Menon',
      city: 'Mumbai',
      totalSpend: '8000',
      orderCount: 6,
      lastOrderAt: ago(20),
    },
    {
      email: 'neha.shah@example.com',
      phone: '+919812345603',
      firstName: 'Neha',
      lastName: 'Shah',
      city: 'Pune',
      totalSpend: '1500',
      orderCount: 1,
      lastOrderAt: ago(200),
    },
    {
      email: 'arjun.rao@example.com',
      phone: '+919812345604',
      firstName: 'Arjun',
      lastName: 'Rao',
      city: 'Delhi',
      totalSpend: '12000',
      orderCount: 9,
      lastOrderAt: ago(5),
    },
    {
      email: 'meera.iyer@example.com',
      phone: '+919812345605',
      firstName: 'Meera',
      lastName: 'Iyer',
      city: 'Chennai',
      totalSpend: '0',
      orderCount: 0,
    },
  ]);
}

/** Saves the "spent more than 1000" segment (four of the seeded customers) and answers its id. */
export async function createBigSpendersSegment(app: AiTestApp, name = 'Big spenders'): Promise<string> {
  const res = await app.t.request('POST', '/api/segment-rules', {
    token: app.marketer,
    body: { name, rules: { op: 'and', rules: [{ field: 'total_spend', operator: 'gt', value: 1000 }] } },
  });
  if (res.status !== 201) throw new Error(`segment create failed: ${res.status} ${res.text}`);
  return res.body.id;
}
