const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Whether text is a real calendar date written YYYY-MM-DD: the one date check every date
 * input uses (the Date scalar, date arguments, extract cells). JavaScript's own parser
 * accepts 2019-02-30 as 2 March, so the day is checked by writing it back.
 */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
