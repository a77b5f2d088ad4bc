import { Queue } from 'bullmq';
import { currentRequestId } from '../http/request-context';

/** The key under which a job's data carries the id of the request (or job) that enqueued it. */
const REQUEST_ID_KEY = 'requestId';

function traced<T>(data: T): T {
  const requestId = currentRequestId();
  return requestId && data && typeof data === 'object' ? { ...data, [REQUEST_ID_KEY]: requestId } : data;
}

/** The enqueuing request's id, when the job data carries one. */
export function requestIdOf(data: unknown): string | null {
  const id = (data as Record<string, unknown> | null)?.[REQUEST_ID_KEY];
  return typeof id === 'string' ? id : null;
}

/**
 * A BullMQ queue whose jobs remember the request id in scope when they were added (an HTTP
 * request, or a job that a request enqueued): one id follows a campaign launch from the POST
 * through the launch job to every send job. Producers call `add`/`addBulk` as usual.
 */
export class RequestTracedQueue<T = unknown> extends Queue<T> {
  override add(...args: Parameters<Queue<T>['add']>): ReturnType<Queue<T>['add']> {
    const [name, data, opts] = args;
    return super.add(name, traced(data), opts);
  }

  override addBulk(...args: Parameters<Queue<T>['addBulk']>): ReturnType<Queue<T>['addBulk']> {
    const [jobs] = args;
    return super.addBulk(jobs.map((j) => ({ ...j, data: traced(j.data) })));
  }
}
