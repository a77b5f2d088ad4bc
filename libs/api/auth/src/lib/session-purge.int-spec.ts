import { SchedulerRegistry } from '@nestjs/schedule';
import { startPeerApp, startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';
import { LoginCodesRepository } from './login-codes.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionPurgeCron } from './session-purge.cron';
import { hashToken, newOpaqueToken } from './token-hash.util';
import { TokensService } from './tokens.service';

describe.each(testDrivers())('session purge (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ driver });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs hourly', () => {
    const job = t.app.get(SchedulerRegistry).getCronJob('session-purge');
    const [a, b] = job.nextDates(2).map((d) => d.toMillis());
    expect(b - a).toBe(3_600_000);
    expect([new Date(a).getMinutes(), new Date(a).getSeconds()]).toEqual([0, 0]);
  });

  it('deletes expired refresh tokens and sign-in codes and keeps live ones', async () => {
    const refreshTokens = t.app.get(RefreshTokensRepository);
    const loginCodes = t.app.get(LoginCodesRepository);
    const live = await t.login('stays@example.com');
    const liveCode = await t.app.get(TokensService).createLoginCode(live.user.id);

    const past = new Date(Date.now() - 60_000);
    const expiredTokens = [newOpaqueToken(), newOpaqueToken()];
    for (const token of expiredTokens)
      await refreshTokens.insert({
        userId: live.user.id,
        tokenHash: hashToken(token),
        family: '018f0000-0000-7000-8000-0000000000aa',
        expiresAt: past,
      });
    const expiredCodes = [newOpaqueToken(), newOpaqueToken()];
    for (const code of expiredCodes)
      await loginCodes.insert({ codeHash: hashToken(code), userId: live.user.id, expiresAt: past });
    await loginCodes.consume(hashToken(expiredCodes[0])); // used or not, expired goes

    expect(await t.app.get(SessionPurgeCron).run()).toEqual({ refreshTokens: 2, loginCodes: 2 });
    for (const token of expiredTokens) expect(await refreshTokens.findByHash(hashToken(token))).toBeNull();
    expect(await loginCodes.consume(hashToken(expiredCodes[1]))).toBeNull();

    // the live session and the live code still work
    expect(await refreshTokens.findByHash(hashToken(live.refreshToken))).not.toBeNull();
    const rotated = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: live.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((await t.request('POST', '/api/auth/exchange', { body: { code: liveCode } })).status).toBe(200);

    expect(await t.app.get(SessionPurgeCron).run()).toEqual({ refreshTokens: 0, loginCodes: 0 });
  });

  it('runs once per hour across instances: every process fires, one purges', async () => {
    const peer = await startPeerApp(t);
    try {
      const user = await t.login('purge-once@example.com');
      const past = new Date(Date.now() - 60_000);
      for (let i = 0; i < 3; i++)
        await t.app.get(RefreshTokensRepository).insert({
          userId: user.user.id,
          tokenHash: hashToken(newOpaqueToken()),
          family: '018f0000-0000-7000-8000-0000000000bb',
          expiresAt: past,
        });
      // An hour no other run of this suite claimed: both instances fire for it at once.
      const hour = new Date(Date.now() + 48 * 3600_000);
      const results = await Promise.all([
        t.app.get(SessionPurgeCron).scheduled(hour),
        peer.app.get(SessionPurgeCron).scheduled(hour),
      ]);
      expect(results.filter((r) => r === null)).toHaveLength(1);
      expect(results.find((r) => r !== null)).toEqual({ refreshTokens: 3, loginCodes: 0 });
      // The same hour again: nobody runs; the next hour: one does.
      expect(await t.app.get(SessionPurgeCron).scheduled(hour)).toBeNull();
      const next = new Date(hour.getTime() + 3600_000);
      const again = await Promise.all([
        peer.app.get(SessionPurgeCron).scheduled(next),
        t.app.get(SessionPurgeCron).scheduled(next),
      ]);
      expect(again.filter((r) => r === null)).toHaveLength(1);
      expect(again.find((r) => r !== null)).toEqual({ refreshTokens: 0, loginCodes: 0 });
    } finally {
      await peer.close();
    }
  });
});
