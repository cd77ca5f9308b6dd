import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { Nonce } from './nonce.entity.js';

/** The nonces seen per consumer key, token and timestamp (RFC 5849 3.3), shared by every server process. */
@Injectable()
export class NonceStore {
  constructor(
    @InjectRepository(Nonce) private readonly nonces: Repository<Nonce>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records a nonce; false when it was already there. The primary key makes check and record one atomic insert,
   * so two processes receiving the same request cannot both accept it.
   */
  async record(consumerKey: string, token: string, timestamp: number, nonce: string): Promise<boolean> {
    try {
      await this.nonces.insert({ consumerKey, token, timestamp, nonce, receivedAt: this.clock.now() });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Forgets nonces that can no longer be replayed. A nonce's timestamp lies within one window of when it was
   * received, and a request is refused once its timestamp is a window old: after two windows it is safe to forget.
   */
  async purgeStale(): Promise<number> {
    const cutoff = this.clock.now() - 2 * this.config.timestampWindowSeconds * 1000;
    const result = await this.nonces.delete({ receivedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
