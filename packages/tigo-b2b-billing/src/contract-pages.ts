import { ApiError } from '@telcopay/core';
import type { ContractsDetails, ContractsItem } from './generated/types.js';

/** The page size when the caller names none: the spec's example of `num_reg`. */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * Walks `listContracts` page by page and yields every contract once.
 *
 * `reg_ini` is taken as a 1-based page number: the source describes it as "Number of Pages"
 * (its name, "registro inicial", would suggest a record offset; confirm with Tigo). `num_reg` is
 * the page size. The walk stops at a page shorter than `pageSize` (an empty one included), at a
 * 404 after the first page (no records there), and at a page that repeats the previous one
 * (a server that ignores `reg_ini` would otherwise be walked forever).
 */
export async function* contractPages(
  listPage: (page: number, pageSize: number) => Promise<ContractsDetails>,
  pageSize: number,
): AsyncGenerator<ContractsItem, void, undefined> {
  let previousPage: string | undefined;
  for (let page = 1; ; page++) {
    const contracts = await listPage(page, pageSize).then(
      (details) => details.contractsCollection,
      (error: unknown) => {
        if (page > 1 && error instanceof ApiError && error.status === 404) return [];
        throw error;
      },
    );
    const pageJson = JSON.stringify(contracts);
    if (contracts.length > 0 && pageJson === previousPage) return;
    previousPage = pageJson;
    yield* contracts;
    if (contracts.length < pageSize) return;
  }
}
