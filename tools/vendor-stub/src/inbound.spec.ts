import { postJson, startReceiver, type TestReceiver } from './receiver.test-util';
import { verifyVendorSignature, type VendorInboundMessage } from '@mini-crm/vendor-protocol';
import { startVendorStub, type VendorStubHandle } from './vendor-stub';

const secret = 'inbound-secret';

describe('inbound SMS simulation', () => {
  let stub: VendorStubHandle;
  let receiver: TestReceiver;
  afterEach(async () => {
    await stub?.close();
    await receiver?.close();
  });

  it('forwards a customer STOP reply to inboundUrl, signed', async () => {
    receiver = await startReceiver(secret);
    stub = await startVendorStub({ secret, inboundUrl: `${receiver.url}/api/delivery/inbound` });
    const res = await postJson(`${stub.url}/v1/test/inbound`, { from: '+14155550100', text: 'STOP' });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ forwarded: true, id: expect.stringMatching(/^in_/), receiverStatus: 200 });
    expect(receiver.posts).toHaveLength(1);
    const post = receiver.posts[0];
    expect(post.path).toBe('/api/delivery/inbound');
    expect(post.verified).toBe(true);
    expect(verifyVendorSignature('wrong-secret', post.timestamp, post.rawBody, post.signature)).toBe(false);
    const message = post.json as VendorInboundMessage;
    expect(message).toEqual({
      id: (res.json as { id: string }).id,
      from: '+14155550100',
      text: 'STOP',
      at: expect.any(String),
    });
    expect(Math.abs(Date.parse(message.at) - Date.now())).toBeLessThan(5_000);
    expect(stub.stats().inboundForwarded).toBe(1);
  });

  it('answers 502 when the receiver keeps failing, 409 without inboundUrl, 400 on a bad body', async () => {
    receiver = await startReceiver(secret);
    receiver.status = 500;
    stub = await startVendorStub({ secret, inboundUrl: receiver.url });
    const failed = await postJson(`${stub.url}/v1/test/inbound`, { from: '+14155550100', text: 'STOP' });
    expect(failed.status).toBe(502);
    expect(failed.json).toMatchObject({ forwarded: false, receiverStatus: 500 });
    expect(receiver.posts.length).toBeGreaterThan(1);
    expect(new Set(receiver.posts.map((p) => p.rawBody)).size).toBe(1);

    stub.configure({ inboundUrl: null });
    expect((await postJson(`${stub.url}/v1/test/inbound`, { from: '+14155550100', text: 'STOP' })).status).toBe(409);
    expect((await postJson(`${stub.url}/v1/test/inbound`, { text: 'STOP' })).status).toBe(400);
  });

  it('signs with the configured clock skew and replays a forwarded request byte for byte', async () => {
    receiver = await startReceiver(secret);
    stub = await startVendorStub({ secret, inboundUrl: receiver.url, clockSkewMs: -600_000 });
    const sent = await stub.inbound('+14155550100', 'START');
    expect(sent).toMatchObject({ forwarded: true, receiverStatus: 200 });
    const first = receiver.posts[0];
    expect(Math.abs(Number(first.timestamp) - (Date.now() - 600_000))).toBeLessThan(5_000);
    expect(first.verified).toBe(false); // outside the default 5-minute tolerance
    expect(verifyVendorSignature(secret, first.timestamp, first.rawBody, first.signature, 3_600_000)).toBe(true);

    expect(await stub.replayInbound(sent.id as string)).toEqual({ receiverStatus: 200 });
    expect(receiver.posts).toHaveLength(2);
    const replay = receiver.posts[1];
    expect([replay.rawBody, replay.timestamp, replay.signature]).toEqual([
      first.rawBody,
      first.timestamp,
      first.signature,
    ]);
    expect(await stub.replayInbound('in_unknown')).toBeNull();
    expect(() => stub.configure({ clockSkewMs: Number.NaN })).toThrow(/clockSkewMs/);
  });
});
