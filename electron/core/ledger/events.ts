// The ledger's knowledge of events, which is none of any feature's: the one event it owns
// (profile.created, the genesis that holds the key), and the registry through which the app
// tells it every other type and the schema of its data. Features add their events' data types
// to LedgerEventMap by module augmentation (see training/events.ts) and their schemas to the
// registry the app composes (core/events.ts); a workspace is opened with that registry.
import { z } from 'zod';
import { StewardError } from '../errors';

export const profileCreatedSchema = z
  .object({
    name: z.string().min(1),
    email: z.string(),
    team: z.string(),
    publicKey: z
      .string()
      .regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, { error: 'must be a base64 Ed25519 public key' }),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/, { error: 'must be 8 groups of 4 hex characters' }),
  })
  .strict();
export type ProfileCreatedData = z.output<typeof profileCreatedSchema>;

/**
 * Each event type's data, by type. The ledger declares its own; every feature adds its events by
 * module augmentation (`declare module '../ledger/events' { interface LedgerEventMap { … } }`).
 */
export interface LedgerEventMap {
  'profile.created': ProfileCreatedData;
}

export type EventType = keyof LedgerEventMap & string;
export type EventData<T extends EventType> = LedgerEventMap[T];

/** The schemas a registry is made from: one per event type other than the ledger's own. */
export type EventSchemas = {
  [T in Exclude<EventType, 'profile.created'>]: z.ZodType<EventData<T>, unknown>;
};

/** The event types a workspace's ledgers may hold and how each one's data is checked. */
export interface EventRegistry {
  /** Every type, the ledger's own first. */
  readonly types: readonly EventType[];
  has(type: unknown): type is EventType;
  /** The problem with `data` as a sentence naming the type and field, or null when it is valid. */
  check(type: string, data: unknown): string | null;
  /** Where `data` first breaks its type's schema ('(type)' for an unknown type), or null when valid. */
  problemOf(type: string, data: unknown): { field: string } | null;
  /** The parsed data; throws StewardError('INVALID_ARGUMENT') naming the type and field. */
  parse<T extends EventType>(type: T, data: unknown): EventData<T>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(data)';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export function createEventRegistry(schemas: EventSchemas): EventRegistry {
  const table = new Map<string, z.ZodType>([
    ['profile.created', profileCreatedSchema],
    ...(Object.entries(schemas) as [string, z.ZodType][]),
  ]);
  const types = Object.freeze([...table.keys()]) as readonly EventType[];
  const has = (type: unknown): type is EventType => typeof type === 'string' && table.has(type);
  return {
    types,
    has,
    check(type, data) {
      const schema = table.get(type);
      if (!schema) return `Unknown event type "${type}".`;
      const result = schema.safeParse(data);
      return result.success ? null : `Invalid data for "${type}": ${describeIssues(result.error)}`;
    },
    problemOf(type, data) {
      const schema = table.get(type);
      if (!schema) return { field: '(type)' };
      const result = schema.safeParse(data);
      if (result.success) return null;
      const issue = result.error.issues[0];
      return { field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(data)' };
    },
    parse(type, data) {
      const schema = table.get(type);
      if (!schema) throw new StewardError('INVALID_ARGUMENT', `Unknown event type "${String(type)}".`);
      const result = schema.safeParse(data);
      if (!result.success) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `Invalid data for "${type}": ${describeIssues(result.error)}`,
        );
      }
      return result.data as EventData<typeof type>;
    },
  };
}
