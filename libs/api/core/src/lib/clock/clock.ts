import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current time for rules that depend on it (sending windows). Injected so that tests can
 * move time (`app.get(Clock).now = () => …`) instead of waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
