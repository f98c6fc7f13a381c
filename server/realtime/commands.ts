/**
 * The one way a client event is handled: ack required, rate limit, zod parse of the payload,
 * role check, then the handler — serialised per session, so two moderators (or a close and a
 * late ballot) never interleave halfway. Failures become `{ ok: false, error: { id, message } }`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { SessionRole } from '../../shared/domain';
import { ErrorId, type ErrorIdValue } from '../../shared/errors';
import { type Ack, ClientEventSchemas, type ClientEventName, type ClientEventResult } from '../../shared/events';
import { canVote, isModerator } from '../../shared/moderation';
import { TokenBucket } from '../sync/RateLimiter';
import type { RealtimeSocket } from './types';

/** A refusal with a stable id from shared/errors.ts; the message is for developers. */
export class CommandError extends Error {
  constructor(
    readonly id: ErrorIdValue,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(id: ErrorIdValue, message: string): never {
  throw new CommandError(id, message);
}

/** Runs tasks one after another per key (a session); tasks of different keys run freely. */
export class SessionQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/**
 * Who may send an event: anyone in the session, moderators only, or those who take part in
 * votes and the speakers list (participants; observers are read-only, moderators lead).
 */
export type Who = 'anyone' | 'moderator' | 'participant';

function permitted(who: Who, role: SessionRole): CommandError | null {
  if (who === 'moderator' && !isModerator(role)) return new CommandError(ErrorId.notModerator, 'Moderators only');
  if (who === 'participant' && !canVote(role)) return new CommandError(ErrorId.notEligible, `Not possible as ${role}`);
  return null;
}

export type CommandInput<K extends ClientEventName> = z.output<(typeof ClientEventSchemas)[K]>;
export type CommandHandler<K extends ClientEventName> = (input: CommandInput<K>, socket: RealtimeSocket) => Promise<ClientEventResult<K>>;

export interface CommandOptions {
  who: Who;
  /** Run in the session's queue (default). Off only for what must answer at once (the clock). */
  serial?: boolean;
}

/** Events per second and burst per socket; beyond that, `too_many_requests`. */
const RATE = { perSecond: 20, burst: 60 };

export class CommandRouter {
  private readonly limiters = new WeakMap<RealtimeSocket, TokenBucket>();

  constructor(
    private readonly queue: SessionQueue,
    private readonly log: FastifyBaseLogger,
    /** Whether the session is archived: then nothing but the clock is answered. */
    private readonly isArchived: (sessionId: string) => Promise<boolean> = async () => false,
  ) {}

  on<K extends ClientEventName>(socket: RealtimeSocket, name: K, options: CommandOptions, handler: CommandHandler<K>): void {
    // Payload and ack come from the network: typed as unknown and checked before use.
    const listen = socket.on.bind(socket) as unknown as (event: string, fn: (payload: unknown, ack: unknown) => void) => void;
    listen(name, (payload, ack) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (res: Ack<ClientEventResult<K>>) => void;
      const fail = (err: CommandError) => reply({ ok: false, error: { id: err.id, message: err.message } });

      if (!this.limiter(socket).take()) return fail(new CommandError(ErrorId.tooManyRequests, 'Too many events, slow down'));
      const parsed = ClientEventSchemas[name].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
        return fail(new CommandError(ErrorId.validation, `${where}${issue?.message ?? 'invalid payload'}`));
      }
      const input = parsed.data as CommandInput<K>;
      const run = async () => {
        // Checked when the task runs: the role may have changed while it waited.
        const denied = permitted(options.who, socket.data.role);
        if (denied) throw denied;
        if (!socket.connected) throw new CommandError(ErrorId.unauthenticated, 'Disconnected');
        if (await this.isArchived(socket.data.sessionId)) throw new CommandError(ErrorId.sessionArchived, 'The session is archived (read-only)');
        return handler(input, socket);
      };
      const task = options.serial === false ? run() : this.queue.run(socket.data.sessionId, run);
      task.then(
        (result) => reply({ ok: true, ...(result as object) } as Ack<ClientEventResult<K>>),
        (err: unknown) => {
          if (err instanceof CommandError) return fail(err);
          this.log.error({ err, event: name }, 'socket.io event failed');
          fail(new CommandError(ErrorId.internal, 'Internal server error'));
        },
      );
    });
  }

  private limiter(socket: RealtimeSocket): TokenBucket {
    let bucket = this.limiters.get(socket);
    if (!bucket) this.limiters.set(socket, (bucket = new TokenBucket(RATE.perSecond, RATE.burst)));
    return bucket;
  }
}
