import { GraphQLError } from 'graphql';
import { SenderTurns } from '../src/server/senderTurns';

/** The turns themselves (src/server/senderTurns.ts); test/costlyTurns.test.ts drives them through HTTP. */

const limits = { cost: 100, perSender: 1, queuePerSender: 1, maxWaitMs: 30_000 };

afterEach(() => jest.useRealTimers());

test('a waiter that outwaits the limit is refused, and its place in the queue is free again', async () => {
  jest.useFakeTimers();
  const turns = new SenderTurns(limits);
  const end = await turns.take('ip:a');
  const waiting = turns.take('ip:a');
  jest.advanceTimersByTime(limits.maxWaitMs);
  const refusal = await waiting.catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(GraphQLError);
  expect((refusal as GraphQLError).message).toMatch(/it waited 30 s behind your other costly operations/);
  expect((refusal as GraphQLError).extensions.code).toBe('CONCURRENCY_LIMITED');
  const next = turns.take('ip:a'); // the queue has room again
  end();
  (await next)();
  expect(turns.senders).toBe(0);
});

test('turns are per sender, each ended once, and idle senders are forgotten', async () => {
  const turns = new SenderTurns(limits);
  const endA = await turns.take('ip:a');
  const endB = await turns.take('caller:b'); // another sender is not held by a's turn
  const queued = turns.take('ip:a');
  await expect(turns.take('ip:a')).rejects.toThrow(/you have 1 costly operations running and 1 waiting/);
  endA();
  endA(); // a second end of the same turn must not free another
  const endQueued = await queued;
  const third = turns.take('ip:a');
  await expect(turns.take('ip:a')).rejects.toThrow(/you have 1 costly operations running and 1 waiting/);
  expect(turns.senders).toBe(2);
  endQueued();
  (await third)();
  endB();
  expect(turns.senders).toBe(0);
});
