import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import type { RequestHandler } from 'express';
import { ErrorCode } from './errors';

/**
 * /metrics names every source, its pools and its failures, and each scrape costs a little:
 * it is not for strangers. A scraper is let in by a bearer token (METRICS_TOKEN) from
 * anywhere, or by its address (METRICS_ALLOW, loopback by default); anyone else gets 403.
 */

export interface MetricsAccess {
  token: string | null;
  /** Addresses and subnets (a.b.c.d/n, ::1). */
  allow: readonly string[];
}

function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const sameToken = (given: string, token: string): boolean =>
  given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));

export function metricsAccess(access: MetricsAccess): RequestHandler {
  const allowed = allowList(access.allow);
  return (req, res, next) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (access.token && bearer && sameToken(bearer, access.token)) return next();
    const address = (req.ip ?? '').replace(/^::ffff:/, '');
    if (address && allowed.check(address, isIPv6(address) ? 'ipv6' : 'ipv4')) return next();
    res.status(403).json({
      errors: [
        {
          message: 'Metrics are for the operator: give METRICS_TOKEN as a bearer token, or scrape from an address in METRICS_ALLOW.',
          extensions: { code: ErrorCode.FORBIDDEN },
        },
      ],
    });
  };
}
