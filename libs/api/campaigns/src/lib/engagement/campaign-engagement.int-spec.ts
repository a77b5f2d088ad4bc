import { and, eq, sql } from 'drizzle-orm';
import {
  auditLog,
  campaignLinks,
  campaigns,
  conversions,
  customers,
  engagementEvents,
  messages,
  orders,
  rowsOf,
  segments,
  type Database,
} from '@mini-crm/db';
import type { SegmentGroup } from '@mini-crm/contracts';
import { createSegmentPredicate, type SegmentCustomer } from '@mini-crm/segment-engine';
import { startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';

const DAY = 86_400_000;
const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * DAY);

/**
 * Who did what (campaign "Spring sale", links /a and /b; campaign "Autumn" with link /c):
 * A delivered, opened, clicked /a (human), converted 150.50 (plus a machine open)
 * B delivered, opened (open event 100 days ago), no click
 * C delivered, not opened; only a MACHINE click on /a (scanner): must not count as clicked
 * D sent, never delivered
 * E failed; F still queued (neither received)
 * G delivered, opened, clicked /b only (40 days ago)
 * H not in Spring sale; Autumn: clicked /c, converted 20
 */
const PEOPLE = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
type Person = (typeof PEOPLE)[number];

describe.each(testDrivers())(
  'campaign engagement: segments, clickers, recipients, customer timeline (%s)',
  (driver) => {
    let t: TestApp;
    let db: Database;
    let admin: string;
    let marketer: string;
    let viewer: string;
    const id = {} as Record<Person, string>;
    const nameOf = new Map<string, Person>();
    let spring: string;
    let autumn: string;
    let linkA: number;
    let linkB: number;
    let linkC: number;

    const people = (ids: string[]) => ids.map((x) => nameOf.get(x)).sort();
    const preview = (rules: unknown, token = marketer) =>
      t.request('POST', '/api/segment-rules/preview', { token, body: { rules } });
    const one = (cond: Record<string, unknown>): SegmentGroup => ({ op: 'and', rules: [cond as never] });

    beforeAll(async () => {
      t = await startTestApp({ driver });
      db = t.db.handle.db;
      admin = (await t.login('admin@example.com')).accessToken;
      const m = await t.login('marketer@example.com');
      await t.request('PATCH', `/api/users/${m.user.id}`, { token: admin, body: { role: 'marketer' } });
      marketer = m.accessToken;
      viewer = (await t.login('viewer@example.com')).accessToken;

      const inserted = await db
        .insert(customers)
        .values(
          PEOPLE.map((p) => ({
            email: `${p.toLowerCase()}@example.com`,
            firstName: p === 'A' ? '=cmd()' : p,
            lastName: 'Test',
            emailStatus: 'subscribed',
            lastClickedAt: p === 'A' ? ago(1) : p === 'G' ? ago(40) : p === 'H' ? ago(1) : null,
            lastOpenedAt: p === 'A' || p === 'G' ? ago(2) : p === 'B' ? ago(100) : null,
          })),
        )
        .returning({ id: customers.id, email: customers.email });
      for (const r of inserted) {
        const p = (r.email as string)[0].toUpperCase() as Person;
        id[p] = r.id;
        nameOf.set(r.id, p);
      }
      const [seg] = await db
        .insert(segments)
        .values({ name: 'Everyone', rules: { op: 'and', rules: [] } })
        .returning();
      [{ id: spring }, { id: autumn }] = await db
        .insert(campaigns)
        .values([
          { name: 'Spring sale', segmentId: seg.id, channel: 'email', message: 'Hi', status: 'completed' },
          { name: 'Autumn', segmentId: seg.id, channel: 'email', message: 'Hi', status: 'completed' },
        ])
        .returning({ id: campaigns.id });
      [{ id: linkA }, { id: linkB }] = await db
        .insert(campaignLinks)
        .values([
          { campaignId: spring, url: 'https://shop.example/a', position: 1 },
          { campaignId: spring, url: 'https://shop.example/b', position: 2 },
        ])
        .returning({ id: campaignLinks.id });
      [{ id: linkC }] = await db
        .insert(campaignLinks)
        .values({ campaignId: autumn, url: 'https://shop.example/c', position: 1 })
        .returning({ id: campaignLinks.id });

      const sent = ago(3);
      const msg = (p: Person, campaignId: string, seq: number, m: Partial<typeof messages.$inferInsert>) => ({
        campaignId,
        customerId: id[p],
        seq,
        recipient: `${p.toLowerCase()}@example.com`,
        status: 'sent',
        sentAt: sent,
        ...m,
      });
      const rows = await db
        .insert(messages)
        .values([
          msg('A', spring, 1, { deliveredAt: ago(2.9), openedAt: ago(2), clickedAt: ago(1) }),
          msg('B', spring, 2, { deliveredAt: ago(2.9), openedAt: ago(2.5) }),
          msg('C', spring, 3, { deliveredAt: ago(2.9) }),
          msg('D', spring, 4, {}),
          msg('E', spring, 5, { status: 'failed', sentAt: null, failedAt: ago(3), failureReason: 'rejected' }),
          msg('F', spring, 6, { status: 'queued', sentAt: null }),
          msg('G', spring, 7, { deliveredAt: ago(41), openedAt: ago(40.5), clickedAt: ago(40) }),
          msg('H', autumn, 1, { deliveredAt: ago(2), clickedAt: ago(1) }),
        ])
        .returning({
          id: messages.id,
          customerId: messages.customerId,
          campaignId: messages.campaignId,
          queuedAt: messages.queuedAt,
        });
      const messageOf = (p: Person, c: string) =>
        rows.find((r) => r.customerId === id[p] && r.campaignId === c) as { id: string; queuedAt: Date };
      let hit = 0;
      const event = (
        p: Person,
        c: string,
        type: 'open' | 'click',
        at: Date,
        extra: { linkId?: number; machine?: boolean } = {},
      ) => ({
        hitId: `hit-${++hit}`,
        messageId: messageOf(p, c).id,
        messageMonth: `${messageOf(p, c).queuedAt.toISOString().slice(0, 7)}-01`,
        campaignId: c,
        customerId: id[p],
        type,
        at,
        linkId: extra.linkId ?? null,
        machine: extra.machine ?? false,
        machineReason: extra.machine ? 'scanner_burst' : null,
      });
      await db
        .insert(engagementEvents)
        .values([
          event('A', spring, 'open', ago(2.95), { machine: true }),
          event('A', spring, 'open', ago(2)),
          event('A', spring, 'click', ago(1), { linkId: linkA }),
          event('A', spring, 'click', ago(0.9), { linkId: linkA }),
          event('B', spring, 'open', ago(100)),
          event('C', spring, 'click', ago(2.9), { linkId: linkA, machine: true }),
          event('C', spring, 'click', ago(2.9), { linkId: linkB, machine: true }),
          event('G', spring, 'open', ago(40.5)),
          event('G', spring, 'click', ago(40), { linkId: linkB }),
          event('H', autumn, 'click', ago(1), { linkId: linkC }),
        ]);
      const [orderA, orderH] = await db
        .insert(orders)
        .values([
          { customerId: id.A, amount: '150.50', orderedAt: ago(0.5) },
          { customerId: id.H, amount: '20.00', orderedAt: ago(0.5) },
        ])
        .returning({ id: orders.id });
      await db.insert(conversions).values([
        {
          orderId: orderA.id,
          campaignId: spring,
          messageId: messageOf('A', spring).id,
          customerId: id.A,
          revenue: '150.50',
          touch: 'click',
          orderedAt: ago(0.5),
        },
        {
          orderId: orderH.id,
          campaignId: autumn,
          messageId: messageOf('H', autumn).id,
          customerId: id.H,
          revenue: '20.00',
          touch: 'click',
          orderedAt: ago(0.5),
        },
      ]);
    });
    afterAll(async () => t?.close());

    /** Every customer as the in-memory evaluator reads them, engagement rows included. */
    async function segmentCustomers(): Promise<(SegmentCustomer & { id: string })[]> {
      const all = rowsOf(await db.execute(sql`select * from customers`)) as (SegmentCustomer & { id: string })[];
      const byCustomer = async (table: string) => {
        const rows = rowsOf(await db.execute(sql`select * from ${sql.identifier(table)}`));
        return (cid: string) => rows.filter((r) => r['customer_id'] === cid) as never[];
      };
      const [ms, es, cs] = await Promise.all(['messages', 'engagement_events', 'conversions'].map(byCustomer));
      return all.map((c) => ({ ...c, engagement: { messages: ms(c.id), events: es(c.id), conversions: cs(c.id) } }));
    }

    describe('segment conditions', () => {
      const cases: [string, () => Record<string, unknown>, Person[]][] = [
        ['received', () => ({ operator: 'received', value: spring }), ['A', 'B', 'C', 'D', 'G']],
        ['delivered', () => ({ operator: 'delivered', value: spring }), ['A', 'B', 'C', 'G']],
        ['opened', () => ({ operator: 'opened', value: spring }), ['A', 'B', 'G']],
        ['clicked (machine-only C excluded)', () => ({ operator: 'clicked', value: spring }), ['A', 'G']],
        ['clicked link /a', () => ({ operator: 'clicked', value: spring, linkId: linkA }), ['A']],
        ['clicked link /b', () => ({ operator: 'clicked', value: spring, linkId: linkB }), ['G']],
        ['converted', () => ({ operator: 'converted', value: spring }), ['A']],
        ['not_opened', () => ({ operator: 'not_opened', value: spring }), ['C', 'D']],
        ['not_clicked', () => ({ operator: 'not_clicked', value: spring }), ['B', 'C', 'D']],
        [
          'clicked (other campaign, upper-case id)',
          () => ({ operator: 'clicked', value: autumn.toUpperCase() }),
          ['H'],
        ],
      ];

      it.each(cases)('%s selects exactly the right customers, as the evaluator does', async (_name, cond, expected) => {
        const rules = one({ field: 'campaign_engagement', ...cond() });
        const res = await preview(rules);
        expect(res.status).toBe(200);
        expect(res.body.count).toBe(expected.length);
        expect(people(res.body.sample.map((s: { id: string }) => s.id))).toEqual(expected);
        const match = createSegmentPredicate(rules, new Date());
        expect(people((await segmentCustomers()).filter(match).map((c) => c.id))).toEqual(expected);
      });

      it.each([
        ['clicks_90d ≥ 1 (human clicks only)', { field: 'clicks_90d', operator: 'gte', value: 1 }, ['A', 'G', 'H']],
        ['clicks_90d = 2', { field: 'clicks_90d', operator: 'eq', value: 2 }, ['A']],
        ['opens_90d ≥ 1 (B opened 100 days ago)', { field: 'opens_90d', operator: 'gte', value: 1 }, ['A', 'G']],
        ['days_since_last_click ≤ 7', { field: 'days_since_last_click', operator: 'lte', value: 7 }, ['A', 'H']],
        ['last_clicked_at is empty', { field: 'last_clicked_at', operator: 'is_empty' }, ['B', 'C', 'D', 'E', 'F']],
        [
          'last_opened_at within 30 days',
          { field: 'last_opened_at', operator: 'within_last_days', value: 30 },
          ['A', 'G'],
        ],
      ] as [string, Record<string, unknown>, Person[]][])('%s', async (_name, cond, expected) => {
        const rules = one(cond);
        const res = await preview(rules);
        expect(res.status).toBe(200);
        expect(people(res.body.sample.map((s: { id: string }) => s.id))).toEqual(expected);
        const match = createSegmentPredicate(rules, new Date());
        expect(people((await segmentCustomers()).filter(match).map((c) => c.id))).toEqual(expected);
      });

      it('rejects bad operators, non-uuid values and misplaced link ids with field paths', async () => {
        const bad = async (cond: Record<string, unknown>) => {
          const res = await preview(one({ field: 'campaign_engagement', ...cond }));
          expect(res.status).toBe(400);
          return res.body.details;
        };
        expect(await bad({ operator: 'eq', value: spring })).toEqual([
          expect.objectContaining({ path: 'rules[0].operator' }),
        ]);
        expect(await bad({ operator: 'opened', value: 'spring-sale' })).toEqual([
          { path: 'rules[0].value', message: 'expected a campaign id (UUID)' },
        ]);
        expect(await bad({ operator: 'opened', value: spring, linkId: linkA })).toEqual([
          {
            path: 'rules[0].linkId',
            message: 'Link ID applies only to field "campaign_engagement" with operator "clicked"',
          },
        ]);
        expect(await bad({ operator: 'clicked', value: spring, linkId: 'x' })).toEqual([
          { path: 'rules[0].linkId', message: 'expected a link id (a positive whole number)' },
        ]);
      });
    });

    describe('clickers segment', () => {
      const url = (c: string, l: number | string) => `/api/campaigns/${c}/links/${l}/segment`;

      it('saves a segment of the link’s unique human clickers, named after link and campaign', async () => {
        const res = await t.request('POST', url(spring, linkA), { token: marketer, body: {} });
        expect(res.status).toBe(201);
        expect(res.body.name).toBe('Clicked https://shop.example/a in Spring sale');
        expect(res.body.rules).toEqual(
          one({ field: 'campaign_engagement', operator: 'clicked', value: spring, linkId: linkA }),
        );
        const clickers = rowsOf(
          await db.execute(
            sql`select count(distinct customer_id)::int as n from engagement_events
              where link_id = ${linkA} and type = 'click' and machine = false`,
          ),
        )[0]['n'];
        expect(res.body.size).toBe(clickers);
        const members = await t.request('GET', `/api/segment-rules/${res.body.id}/customers`, { token: viewer });
        expect(people(members.body.items.map((c: { id: string }) => c.id))).toEqual(['A']);

        const again = await t.request('POST', url(spring, linkA), { token: admin });
        expect(again.status).toBe(201);
        expect(again.body.name).toBe('Clicked https://shop.example/a in Spring sale (2)');
      });

      it('takes a given name, and answers 409 when it is taken', async () => {
        const res = await t.request('POST', url(spring, linkB), { token: marketer, body: { name: 'B clickers' } });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ name: 'B clickers', size: 1 });
        const taken = await t.request('POST', url(spring, linkB), { token: marketer, body: { name: 'B clickers' } });
        expect(taken.status).toBe(409);
        const blank = await t.request('POST', url(spring, linkB), { token: marketer, body: { name: '' } });
        expect(blank.status).toBe(400);
      });

      it('404s for unknown campaigns and links, and links of another campaign; marketers and up only', async () => {
        const missing = '0190a5f2-0000-7000-8000-0000000000ff';
        expect((await t.request('POST', url(missing, linkA), { token: marketer })).status).toBe(404);
        expect((await t.request('POST', url(spring, linkC), { token: marketer })).status).toBe(404);
        expect((await t.request('POST', url(spring, 999999), { token: marketer })).status).toBe(404);
        expect((await t.request('POST', url(spring, 99999999999), { token: marketer })).status).toBe(404);
        expect((await t.request('POST', url(spring, 'x'), { token: marketer })).status).toBe(400);
        expect((await t.request('POST', url(spring, linkA), { token: viewer })).status).toBe(403);
      });
    });

    describe('recipients by engagement', () => {
      it('filters the messages list and keeps keyset paging', async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const q = `engagement=not_clicked&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const res = await t.request('GET', `/api/campaigns/${spring}/messages?${q}`, { token: viewer });
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((m: { customerId: string }) => nameOf.get(m.customerId)));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor);
        expect(seen).toEqual(['B', 'C', 'D']);
        expect(pages).toBe(2);
        const failed = await t.request('GET', `/api/campaigns/${spring}/messages?engagement=failed`, { token: viewer });
        expect(failed.body.items.map((m: { customerId: string }) => nameOf.get(m.customerId))).toEqual(['E']);
        const converted = await t.request('GET', `/api/campaigns/${spring}/messages?engagement=converted`, {
          token: viewer,
        });
        expect(converted.body.items.map((m: { customerId: string }) => nameOf.get(m.customerId))).toEqual(['A']);
        const bad = await t.request('GET', `/api/campaigns/${spring}/messages?engagement=bounced`, { token: viewer });
        expect(bad.status).toBe(400);
      });

      it('streams the recipients CSV by engagement (formula-safe), audited, for marketers and up', async () => {
        const res = await t.request('GET', `/api/campaigns/${spring}/recipients.csv?engagement=clicked`, {
          token: marketer,
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/csv');
        expect(res.headers.get('content-disposition')).toMatch(
          /^attachment; filename="spring-sale-recipients-clicked-/,
        );
        const lines = res.text.trim().split('\n');
        expect(lines[0]).toBe(
          'customer_id,first_name,last_name,recipient,status,sent_at,delivered_at,opened_at,clicked_at,converted,revenue',
        );
        expect(lines).toHaveLength(3);
        const a = lines[1].split(',');
        expect(a.slice(0, 5)).toEqual([id.A, "'=cmd()", 'Test', 'a@example.com', 'clicked']);
        expect(a.slice(5, 9).every((v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v))).toBe(true);
        expect(a.slice(9)).toEqual(['true', '150.50']);
        expect(lines[2].split(',').slice(0, 1).concat(lines[2].split(',').slice(9))).toEqual([id.G, 'false', '0.00']);

        const all = await t.request('GET', `/api/campaigns/${spring}/recipients.csv`, { token: admin });
        expect(all.text.trim().split('\n')).toHaveLength(1 + 7);

        const audit = await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'campaign.recipients_exported'), eq(auditLog.entityId, spring)));
        expect(audit.map((r) => r.diff)).toEqual(
          expect.arrayContaining([
            { engagement: 'clicked', rows: 2, complete: true },
            { engagement: null, rows: 7, complete: true },
          ]),
        );
        expect(audit.find((r) => (r.diff as { engagement: string }).engagement === 'clicked')?.actorEmail).toBe(
          'marketer@example.com',
        );

        expect((await t.request('GET', `/api/campaigns/${spring}/recipients.csv`, { token: viewer })).status).toBe(403);
        expect(
          (await t.request('GET', `/api/campaigns/${spring}/recipients.csv?engagement=x`, { token: marketer })).status,
        ).toBe(400);
        expect(
          (
            await t.request('GET', `/api/campaigns/0190a5f2-0000-7000-8000-0000000000ff/recipients.csv`, {
              token: admin,
            })
          ).status,
        ).toBe(404);
      });
    });

    describe('customer engagement', () => {
      it('lists each campaign that reached the customer with timestamps, conversion and revenue', async () => {
        const res = await t.request('GET', `/api/customers/${id.A}/engagement`, { token: viewer });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          customerId: id.A,
          items: [
            {
              campaignId: spring,
              campaignName: 'Spring sale',
              channel: 'email',
              messageStatus: 'clicked',
              sentAt: ago(3).toISOString(),
              deliveredAt: ago(2.9).toISOString(),
              openedAt: ago(2).toISOString(),
              clickedAt: ago(1).toISOString(),
              convertedAt: ago(0.5).toISOString(),
              revenue: 150.5,
            },
          ],
        });
        const h = await t.request('GET', `/api/customers/${id.H}/engagement`, { token: viewer });
        expect(h.body.items).toEqual([
          expect.objectContaining({
            campaignId: autumn,
            openedAt: null,
            revenue: 20,
            convertedAt: ago(0.5).toISOString(),
          }),
        ]);
        const e = await t.request('GET', `/api/customers/${id.E}/engagement`, { token: viewer });
        expect(e.body.items).toEqual([
          expect.objectContaining({ messageStatus: 'failed', sentAt: null, convertedAt: null, revenue: 0 }),
        ]);
        const f = await t.request('GET', `/api/customers/${id.F}/engagement`, { token: viewer });
        expect(f.body.items).toEqual([]);
        const missing = await t.request('GET', `/api/customers/0190a5f2-0000-7000-8000-0000000000ff/engagement`, {
          token: viewer,
        });
        expect(missing.status).toBe(404);
      });
    });
  },
);
