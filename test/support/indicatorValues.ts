/** An indicator value as the tests ask for it: the numbers a reader sees, and whether they are withheld. */
export interface PublishedValue {
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}
