import { ValidationError } from '../../domain/errors.ts';
import type { AnyJobDefinition, JobDefinition } from './job-queue.types.ts';

/** Attempts a job gets when neither the definition nor the enqueue call says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** Identity function that lets TypeScript infer the payload type from the zod schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** The definitions a queue was built with, looked up by task name. Shared by both adapters. */
export class JobRegistry {
  private readonly byName = new Map<string, AnyJobDefinition>();

  constructor(definitions: readonly AnyJobDefinition[]) {
    for (const definition of definitions) {
      if (this.byName.has(definition.name)) throw new Error(`job "${definition.name}" is defined twice`);
      this.byName.set(definition.name, definition);
    }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(task: string): AnyJobDefinition {
    const definition = this.byName.get(task);
    if (!definition)
      throw new Error(`unknown job task "${task}" (defined: ${this.names.join(', ') || 'none'})`);
    return definition;
  }

  maxAttempts(task: string, override: number | undefined): number {
    const attempts = override ?? this.get(task).maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(attempts) || attempts < 1)
      throw new Error(`maxAttempts must be a positive integer`);
    return attempts;
  }

  /**
   * Validate a payload for storage: the value is parsed, then parsed again after a JSON round
   * trip, so what the handler will receive is exactly what passed here.
   */
  serialize(task: string, payload: unknown): string {
    const definition = this.get(task);
    const first = definition.payload.safeParse(payload);
    const json = first.success ? JSON.stringify(first.data) : undefined;
    const second = json === undefined ? first : definition.payload.safeParse(JSON.parse(json));
    if (!second.success) {
      const issues = second.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ValidationError(`invalid payload for job "${task}": ${issues[0]?.message ?? ''}`, issues);
    }
    if (typeof second.data !== 'object' || second.data === null || Array.isArray(second.data)) {
      // graphile-worker merges array payloads that share a job key; objects keep "later wins".
      throw new ValidationError(`invalid payload for job "${task}": must be a JSON object`);
    }
    return json as string;
  }

  /** Parse a stored payload for the handler (throws when it no longer matches the schema). */
  parse(task: string, payload: unknown): unknown {
    const raw = typeof payload === 'string' ? (JSON.parse(payload) as unknown) : payload;
    return this.get(task).payload.parse(raw);
  }
}
