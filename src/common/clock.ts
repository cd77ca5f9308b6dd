import { Injectable } from '@nestjs/common';

/** The one source of "now" (epoch milliseconds), injectable so expiry can be tested without sleeping. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
