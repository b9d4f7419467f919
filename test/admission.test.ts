import { loadConfig } from '../src/config/config';
import { AdmissionGate } from '../src/server/admission';
import { countArrivals, holdTable, lockWaiters, until } from './support/overlap';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * While the heap is over its budget, new requests wait their turn, and one that waits too
 * long gets a clear 503. Over HTTP, the first request is held in PostgreSQL (its table
 * locked) so that the others arrive while it is in flight, for certain.
 */

describe('the gate', () => {
  test('under the budget every request enters at once', async () => {
    const gate = new AdmissionGate(100, () => 10);
    const entries = [gate.enter(), gate.enter(), gate.enter()];
    await Promise.all(entries.map((e) => e.admitted));
    expect(gate.queued).toBe(0);
  });

  test('over the budget one runs; each that leaves lets the next waiter in, in arrival order', async () => {
    const gate = new AdmissionGate(100, () => 500);
    const order: string[] = [];
    const first = gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    void second.admitted.then(() => order.push('second'));
    void third.admitted.then(() => order.push('third'));
    await first.admitted;
    expect(gate.queued).toBe(2);
    gate.leave();
    await second.admitted;
    expect(order).toEqual(['second']);
    expect(gate.queued).toBe(1);
    gate.leave();
    await third.admitted;
    expect(order).toEqual(['second', 'third']);
  });

  test('a waiter that gives up leaves the queue and is never admitted', async () => {
    const gate = new AdmissionGate(100, () => 500);
    await gate.enter().admitted;
    const waiter = gate.enter();
    let admitted = false;
    void waiter.admitted.then(() => (admitted = true));
    waiter.abandon();
    expect(gate.queued).toBe(0);
    gate.leave();
    const next = gate.enter();
    await next.admitted; // nothing in flight: admitted whatever the heap
    expect(admitted).toBe(false);
  });

  test('a budget of 0 turns the gate off', async () => {
    const gate = new AdmissionGate(0, () => Number.MAX_SAFE_INTEGER);
    await Promise.all([gate.enter().admitted, gate.enter().admitted]);
    expect(gate.queued).toBe(0);
  });
});

describe('over HTTP', () => {
  let hub: TestHub;
  afterEach(async () => {
    await hub.stop();
  });
  // As a partner: public answers would be shared by the response cache rather than computed side by side.
  const as = { organisationId: 'thurrock-council', role: 'ANALYST' } as const;
  const LIST = `{ localities { nodes { code hubs { nodes { name services { nodes { name } } } } } } }`;
  type List = { localities: { nodes: unknown[] } };
  /** The statement that reads a page of localities (with their wards and partnership): one per request. */
  const PAGE = 'SELECT l.*,';

  /** Sends one request and waits until it is in flight, held on the locked locality table; then `more` others. */
  async function heldThenMore(more: number) {
    const held = await holdTable(hub.databases.hub, 'locality');
    const arrivals = countArrivals(hub.url);
    const first = hub.gql<List>(LIST);
    await until(async () => (await lockWaiters(hub.databases.hub, PAGE)) === 1, 'the first request to wait on the locality table');
    const others = Array.from({ length: more }, () => hub.gql<List>(LIST));
    await until(() => arrivals.count === more + 1, 'every request to arrive');
    arrivals.stop();
    return { held, first, others };
  }

  test('the production default has a budget; with the gate off, requests overlap in PostgreSQL', async () => {
    hub = await startTestHub({ as, admission: { heapBudgetBytes: 0, maxWaitMs: 30_000 } });
    expect(loadConfig({}).admission.heapBudgetBytes).toBeGreaterThan(0);
    // Four requests of one statement each, and the lock's own connection, fit the pool of ten.
    const { held, first, others } = await heldThenMore(3);
    // All four reach the database together: nothing holds them back.
    await until(async () => (await lockWaiters(hub.databases.hub, PAGE)) === 4, 'all four requests to wait on the table');
    await held.release();
    for (const r of [await first, ...(await Promise.all(others))]) expect(r.status).toBe(200);
  });

  test('with the heap over budget, requests wait while one is in flight, then each is answered in full', async () => {
    hub = await startTestHub({ as, admission: { heapBudgetBytes: 1, maxWaitMs: 30_000, heapUsed: () => 2 } });
    const { held, first, others } = await heldThenMore(5);
    // All six have arrived; only the first reached the database.
    expect(await lockWaiters(hub.databases.hub, PAGE)).toBe(1);
    await held.release();
    for (const r of [await first, ...(await Promise.all(others))]) {
      expect(r.status).toBe(200);
      expect(r.body.data!.localities.nodes).toHaveLength(3);
    }
  });

  test('a request that waits longer than allowed gets 503 SERVER_BUSY with Retry-After, and the hub goes on serving', async () => {
    hub = await startTestHub({ as, admission: { heapBudgetBytes: 1, maxWaitMs: 50, heapUsed: () => 2 } });
    const { held, first, others } = await heldThenMore(5);
    // A gate that let them through would leave them waiting on the table, never answering 503.
    const busy = await Promise.all(others);
    expect(await lockWaiters(hub.databases.hub, PAGE)).toBe(1);
    await held.release();
    expect((await first).status).toBe(200);
    for (const r of busy) {
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.body.errors![0]!.extensions!.code).toBe('SERVER_BUSY');
      expect(r.body.errors![0]!.message).toBe('The hub is busy: this request waited 0.05 s for memory to run in. Try again shortly.');
    }
    expect((await hub.gql<List>(LIST)).status).toBe(200);
  });
});
