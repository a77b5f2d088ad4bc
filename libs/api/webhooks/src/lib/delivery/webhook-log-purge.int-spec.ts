import { SchedulerRegistry } from '@nestjs/schedule';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';
import { WebhookLogPurgeCron } from './webhook-log-purge.cron';
import { WebhookMessagesRepository } from './webhook-messages.repository';

describe.each(testDrivers())('webhook log purge (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ driver, env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_LOG_RETENTION_DAYS: '30' } });
    admin = (await t.login('hooks-admin@example.com')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs hourly', () => {
    const [a, b] = t.app
      .get(SchedulerRegistry)
      .getCronJob('webhook-log-purge')
      .nextDates(2)
      .map((d) => d.toMillis());
    expect(b - a).toBe(3_600_000);
  });

  it('deletes settled events older than the retention with their attempts; keeps recent and pending ones', async () => {
    const hook = await t.request('POST', '/api/webhooks', {
      token: admin,
      body: { url: 'http://127.0.0.1:9/hook', events: ['customer.created'] },
    });
    expect(hook.status).toBe(201);
    const messages = t.app.get(WebhookMessagesRepository);
    const make = async (key: string, status: 'pending' | 'delivered' | 'failed', ageDays: number) => {
      const [id] = await messages.upsert([
        { id: `msg_${key}`, endpointId: hook.body.id, sourceKey: key, eventType: 'customer.created', payload: {} },
      ]);
      await messages.setStatus(id, status);
      await messages.logAttempt({
        endpointId: hook.body.id,
        messageId: id,
        attempt: 1,
        ok: status === 'delivered',
        statusCode: 200,
        durationMs: 3,
        responseExcerpt: null,
        error: null,
      });
      await t.db.handle.db.execute(
        sql`update webhook_messages set created_at = now() - make_interval(days => ${ageDays}) where id = ${id}`,
      );
    };
    await make('old-delivered', 'delivered', 31);
    await make('old-failed', 'failed', 40);
    await make('old-pending', 'pending', 31);
    await make('recent-delivered', 'delivered', 29);

    expect(await t.app.get(WebhookLogPurgeCron).run()).toBe(2);
    const left = rowsOf<{ id: string; attempts: number }>(
      await t.db.handle.db.execute(
        sql`select m.id, (select count(*)::int from webhook_deliveries d where d.message_id = m.id) as attempts
            from webhook_messages m order by m.id`,
      ),
    );
    expect(left).toEqual([
      { id: 'msg_old-pending', attempts: 1 },
      { id: 'msg_recent-delivered', attempts: 1 },
    ]);
    const orphans = rowsOf<{ n: number }>(
      await t.db.handle.db.execute(
        sql`select count(*)::int as n from webhook_deliveries where message_id in ('msg_old-delivered', 'msg_old-failed')`,
      ),
    );
    expect(orphans[0].n).toBe(0);
    expect(await t.app.get(WebhookLogPurgeCron).run()).toBe(0);
  });
});
