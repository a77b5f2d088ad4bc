/**
 * The SMTP run of bench:delivery: an email campaign to the same customers through the production bundle
 * with EMAIL_PROVIDER=smtp (nodemailer, pooled) into a local smtp-server sink that counts what it accepts
 * (no parsing). Measured from launch to the campaign completing, i.e. every message accepted by the sink.
 */
import { freePort } from '@mini-crm/testing/e2e';
import { startSmtpSink } from '../../libs/api/delivery/src/testing/smtp-sink';
import { devLogin } from '../shared/dev-login';
import { Proc, startAppProcess } from './processes';

export interface SmtpRunResult {
  pool: number;
  audience: number;
  sent: number;
  failed: number;
  /** DATA commands the sink accepted (must equal `sent`: more would be duplicates). */
  accepted: number;
  snapshotSeconds: number;
  seconds: number;
  perSecond: number;
  peakRss: string;
  cpu: string;
}

async function json(res: Response) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `common` is the vendor run's environment (database, Redis, batch, concurrency); a fresh key prefix is used. */
export async function runSmtp(
  common: Record<string, string>,
  workers: number,
  pool: number,
  log: (m: string) => void,
): Promise<SmtpRunResult> {
  const sink = await startSmtpSink({ parse: false });
  const procs: Proc[] = [];
  try {
    const apiPort = await freePort();
    const env = {
      ...common,
      REDIS_PREFIX: `crm-bench-delivery-smtp-${apiPort}`,
      EMAIL_PROVIDER: 'smtp',
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(pool),
      EMAIL_FROM: '"Bench Shop" <news@bench.example>',
    };
    const api = await startAppProcess(
      'api',
      apiPort,
      { ...env, AUTH_DEV_LOGIN: 'true', WORKERS_IN_API: 'false' },
      false,
    );
    procs.push(api);
    for (let w = 0; w < workers; w++) procs.push(await startAppProcess(`worker-${w + 1}`, await freePort(), env, true));

    const auth = { authorization: `Bearer ${await devLogin(api.url)}`, 'content-type': 'application/json' };
    const segment = await json(
      await fetch(`${api.url}/api/segment-rules`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'Everyone (email)',
          rules: { op: 'and', rules: [{ field: 'total_spend', operator: 'gte', value: 0 }] },
        }),
      }),
    );
    const campaign = await json(
      await fetch(`${api.url}/api/campaigns`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'Bench email',
          segmentId: segment.id,
          channel: 'email',
          subject: '{{city}} sale ends Sunday, {{first_name|friend}}',
          preheader: 'Up to 40% off this week',
          message:
            '<table role="presentation" width="100%"><tr><td style="padding:16px">' +
            '<h2>Hi {{first_name|there}},</h2><p>The {{city}} sale ends Sunday.</p>' +
            '<p><a href="https://shop.example/sale">Shop the sale</a></p>' +
            '<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p></td></tr></table>',
        }),
      }),
    );
    const cpu0 = procs.map((p) => p.cpuSeconds());
    const t0 = performance.now();
    const launched = await json(
      await fetch(`${api.url}/api/campaigns/${campaign.id}/launch`, { method: 'POST', headers: auth, body: '{}' }),
    );
    const snapshotSeconds = (performance.now() - t0) / 1000;
    log(`SMTP run launched: audience ${launched.audience.toLocaleString()}, snapshot ${snapshotSeconds.toFixed(1)} s`);
    let last = 0;
    for (;;) {
      await sleep(250);
      for (const p of procs) p.peakRssMb();
      const c = await json(await fetch(`${api.url}/api/campaigns/${campaign.id}`, { headers: auth }));
      if (c.status === 'completed') break;
      if (c.status !== 'running') throw new Error(`email campaign is ${c.status}: ${c.statusReason}`);
      if (performance.now() - last > 5000) {
        last = performance.now();
        log(
          `  t=${((performance.now() - t0) / 1000).toFixed(0)} s: SMTP sink accepted ${sink.accepted().toLocaleString()}`,
        );
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = procs.map((p, i) => `${p.name} ${(p.cpuSeconds() - cpu0[i]).toFixed(1)}`).join(', ');
    const stats = await json(await fetch(`${api.url}/api/campaigns/${campaign.id}/stats`, { headers: auth }));
    return {
      pool,
      audience: stats.audience,
      sent: stats.sent,
      failed: stats.failed,
      accepted: sink.accepted(),
      snapshotSeconds,
      seconds,
      perSecond: stats.sent / seconds,
      peakRss: procs.map((p) => `${p.name} ${p.peakRssMb()} MB`).join(', '),
      cpu,
    };
  } finally {
    for (const p of procs.reverse()) await p.stop();
    await sink.close();
  }
}
