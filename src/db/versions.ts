/**
 * A row's version for optimistic concurrency: its last-changed time to the millisecond, the
 * same text the API shows as a source record's `lastChangedAt` (and `version`).
 */
export const VERSION_SQL = `to_char(date_trunc('milliseconds', updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
