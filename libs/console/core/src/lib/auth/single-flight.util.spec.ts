import { SingleFlight } from './single-flight.util';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('shares one running task between concurrent callers', async () => {
    const flight = new SingleFlight<string>();
    const gate = deferred<string>();
    let calls = 0;
    const task = () => {
      calls++;
      return gate.promise;
    };
    const a = flight.run(task);
    const b = flight.run(task);
    const c = flight.run(task);
    expect(flight.inFlight).toBe(true);
    gate.resolve('token-2');
    await expect(Promise.all([a, b, c])).resolves.toEqual(['token-2', 'token-2', 'token-2']);
    expect(calls).toBe(1);
  });

  it('starts a new task once the previous one settled', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const task = async () => ++calls;
    await expect(flight.run(task)).resolves.toBe(1);
    expect(flight.inFlight).toBe(false);
    await expect(flight.run(task)).resolves.toBe(2);
  });

  it('rejects every waiter on failure and allows a retry afterwards', async () => {
    const flight = new SingleFlight<string>();
    const gate = deferred<string>();
    const a = flight.run(() => gate.promise);
    const b = flight.run(() => Promise.resolve('never used'));
    gate.reject(new Error('refresh refused'));
    await expect(a).rejects.toThrow('refresh refused');
    await expect(b).rejects.toThrow('refresh refused');
    await expect(flight.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('turns a synchronous throw into a rejection', async () => {
    const flight = new SingleFlight<string>();
    await expect(
      flight.run(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(flight.inFlight).toBe(false);
  });
});
