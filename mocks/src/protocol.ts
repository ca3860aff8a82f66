/** Prefixes the line on which the mock process reports its URLs (JSON: api → URL). */
export const READY_MARK = 'TELCOPAY_MOCKS_READY ';
