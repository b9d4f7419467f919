/**
 * Exact decimal arithmetic on the strings PostgreSQL returns for `numeric`: money is summed
 * in pence and indicator values at six decimal places, as BigInt, so totals reconcile to
 * the penny and no float rounding creeps in.
 */

export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static parse(text: string, scale: number): Decimal {
    const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!match) throw new Error(`Not a decimal: "${text}"`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) {
      throw new Error(`"${text}" has more than ${scale} decimal places`);
    }
    const units = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(fraction.slice(0, scale).padEnd(scale, '0') || '0');
    return new Decimal(sign ? -units : units, scale);
  }

  static zero(scale: number): Decimal {
    return new Decimal(0n, scale);
  }

  plus(other: Decimal): Decimal {
    return new Decimal(this.units + other.units, this.scale);
  }

  minus(other: Decimal): Decimal {
    return new Decimal(this.units - other.units, this.scale);
  }

  compare(other: Decimal): number {
    return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
  }

  /** Divided by a whole number, rounded half away from zero to this scale. */
  dividedBy(divisor: number): Decimal {
    const d = BigInt(divisor);
    const negative = this.units < 0n;
    const magnitude = negative ? -this.units : this.units;
    const rounded = (magnitude * 2n + d) / (2n * d);
    return new Decimal(negative ? -rounded : rounded, this.scale);
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(-this.scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  /** Without trailing zeros, for values that are not money (e.g. '1234.5'). */
  toPlainString(): string {
    const text = this.toString();
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  }
}

export const MONEY_SCALE = 2;
export const VALUE_SCALE = 6;
export const money = (text: string): Decimal => Decimal.parse(text, MONEY_SCALE);
export const value = (text: string): Decimal => Decimal.parse(text, VALUE_SCALE);
