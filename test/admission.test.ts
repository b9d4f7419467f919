import { AdmissionGate } from '../src/server/admission';
import { startTestHub, type TestHub } from './support/testHub';

/** While the heap is over its budget, new requests wait their turn, and one that waits too long gets a clear 503. */

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
    waiter.abandon();
    expect(gate.queued).toBe(0);
    gate.leave();
    const next = gate.enter();
    await next.admitted; // nothing in flight: admitted whatever the heap
  });

  test('a budget of 0 turns the gate off', async () => {
    const gate = new AdmissionGate(0, () => Number.MAX_SAFE_INTEGER);
    await Promise.all([gate.enter().admitted, gate.enter().admitted]);
    expect(gate.queued).toBe(0);
  });
});

describe('over HTTP', () => {
  let hub: TestHub;
  const LIST = `{ localities { nodes { code hubs { nodes { name services { nodes { name } } } } } } }`;
  afterEach(async () => {
    await hub.stop();
  });

  test('with the heap always over budget, concurrent requests queue and every one is answered in full', async () => {
    hub = await startTestHub({ admission: { heapBudgetBytes: 1, maxWaitMs: 30_000, heapUsed: () => 2 } });
    const responses = await Promise.all(Array.from({ length: 6 }, () => hub.gql<{ localities: { nodes: unknown[] } }>(LIST)));
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.body.data!.localities.nodes).toHaveLength(3);
    }
  });

  test('a request that waits longer than allowed gets 503 SERVER_BUSY with Retry-After, and the hub goes on serving', async () => {
    hub = await startTestHub({ admission: { heapBudgetBytes: 1, maxWaitMs: 1, heapUsed: () => 2 } });
    const responses = await Promise.all(Array.from({ length: 6 }, () => hub.gql(LIST)));
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.body.errors![0]!.extensions!.code).toBe('SERVER_BUSY');
      expect(r.body.errors![0]!.message).toMatch(/busy/);
    }
    expect((await hub.gql<{ localities: { nodes: unknown[] } }>(LIST)).status).toBe(200);
  });
});
