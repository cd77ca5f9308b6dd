import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { type FindOptionsOrder, type FindOptionsWhere, MoreThan } from 'typeorm';
import { AdminErrors } from '../common/errors/apigee-error.js';

/** Apigee's largest page, and the page a list answers without `count`. */
export const MAX_PAGE_SIZE = 1000;

/** One page of an Apigee list: at most `count` records, those sorted after `startKey` (exclusive). */
export interface Page {
  count: number;
  startKey?: string;
}

/**
 * The page a list call asks for: `count` (or `rows` on /apps) a positive integer up to 1000, default 1000, else 400
 * InvalidRequest; `startKey` the name, email or id the page starts after.
 */
export function parsePage(count: unknown, startKey: unknown, countName = 'count'): Page {
  let size = MAX_PAGE_SIZE;
  if (count !== undefined) {
    if (typeof count !== 'string' || !/^\d+$/.test(count) || Number(count) < 1 || Number(count) > MAX_PAGE_SIZE) {
      throw AdminErrors.invalidRequest(`${countName} must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    size = Number(count);
  }
  return { count: size, startKey: typeof startKey === 'string' && startKey !== '' ? startKey : undefined };
}

/**
 * The find options of one page of records sorted by `key`: the order, the `> startKey` condition (added to `where`)
 * and the limit, all done by the database.
 */
export function pageOptions<T>(
  key: keyof T & string,
  page: Page,
  where: FindOptionsWhere<T>,
): { where: FindOptionsWhere<T>; order: FindOptionsOrder<T>; take: number } {
  return {
    where: page.startKey === undefined ? where : { ...where, [key]: MoreThan(page.startKey) },
    order: { [key]: 'ASC' } as FindOptionsOrder<T>,
    take: page.count,
  };
}

/** The Swagger description of a paged list's query: `count` (or `rows`) and `startKey`. */
export const ApiPaged = (startKey: string, countName = 'count') =>
  applyDecorators(
    ApiQuery({
      name: countName,
      required: false,
      type: Number,
      description: `At most this many (1 to ${MAX_PAGE_SIZE}, default ${MAX_PAGE_SIZE})`,
    }),
    ApiQuery({ name: 'startKey', required: false, description: `The ${startKey} the page starts after` }),
  );
