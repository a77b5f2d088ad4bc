import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { appLoggerOptions, logRequests } from './request-log';

type Hook = (req: { id: string; method: string; url: string }, reply: object, done: () => void) => void;

/** The app logger as nestjs-pino builds it, writing to `lines`, and the hook logRequests installs. */
function setUp(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const out = new Writable({
    write(chunk, _enc, next) {
      lines.push(JSON.parse(String(chunk)));
      next();
    },
  });
  const logger = pinoHttp(appLoggerOptions(level) as never, out).logger;
  let hook: Hook | undefined;
  logRequests({ addHook: (_name: string, h: Hook) => void (hook = h) } as never, () => logger);
  const answer = (url: string, statusCode: number) =>
    new Promise<void>((done) =>
      hook?.(
        { id: 'req-1', method: 'GET', url },
        { statusCode, elapsedTime: 3.4, raw: { statusCode, headersSent: true, getHeaders: () => ({}) } },
        done,
      ),
    );
  return { lines, answer };
}

describe('request log', () => {
  it('logs one line per answer with the id, method, status and time, credentials cut out of the URL', async () => {
    const { lines, answer } = setUp('info');
    await answer('/api/campaigns/1/stats/stream?ticket=secret-ticket&x=1', 200);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { id: 'req-1', method: 'GET', url: '/api/campaigns/1/stats/stream?ticket=[redacted]&x=1' },
        res: { statusCode: 200 },
        responseTime: 3,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-ticket');
  });

  it('says a 5xx errored, leaves health probes out, and writes nothing above level info', async () => {
    const info = setUp('info');
    await info.answer('/api/health', 200);
    await info.answer('/api/customers', 503);
    expect(info.lines.map((l) => [l['msg'], (l['res'] as { statusCode: number }).statusCode])).toEqual([
      ['request errored', 503],
    ]);
    const warn = setUp('warn');
    await warn.answer('/api/customers', 200);
    expect(warn.lines).toEqual([]);
  });
});
