/**
 * Exact decimals for the floor, by hand: PostgreSQL's numeric text as whole units of a
 * fixed scale (pence for money, millionths for indicator values), as the hub computes them.
 */

export function units(text: string, scale: number): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a decimal: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  const value = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(fraction.slice(0, scale).padEnd(scale, '0') || '0');
  return sign ? -value : value;
}

/** With exactly `scale` places (money: '1234.50'). */
export function fixed(value: bigint, scale: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const fraction = scale > 0 ? `.${digits.slice(-scale)}` : '';
  return `${value < 0n ? '-' : ''}${digits.slice(0, digits.length - scale)}${fraction}`;
}

/** Without trailing zeros ('12.500000' → '12.5'). */
export function plain(value: bigint, scale: number): string {
  const text = fixed(value, scale);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Divided by a whole number, rounded half away from zero. */
export function divided(value: bigint, divisor: number): bigint {
  const d = BigInt(divisor);
  const magnitude = value < 0n ? -value : value;
  const rounded = (magnitude * 2n + d) / (2n * d);
  return value < 0n ? -rounded : rounded;
}
