import type { z } from 'zod';
import {
  readRecord,
  type Ss12000DeletedEntity,
  type Ss12000ListOptions,
  type Ss12000Record,
  type Ss12000Source,
} from './client.js';
import {
  DELETED_ENTITY_TYPES,
  type Ss12000DeletedEntityType,
  Ss12000DutySchema,
  Ss12000GroupSchema,
  Ss12000OrganisationSchema,
  Ss12000PersonSchema,
} from './schema.js';

/** SS 12000 records as a server would list them (objects with `meta.modified`), and what was deleted when. */
export interface Ss12000Fixture {
  organisations: unknown[];
  persons: unknown[];
  duties: unknown[];
  groups: unknown[];
  deleted?: { type: Ss12000DeletedEntityType; id: string; at: string }[];
}

/**
 * An SS 12000 source from records at hand: the same schemas, the same per-record rejections and the
 * same `meta.modified` filter as the server's API, without the network. The demo county is loaded
 * through it, so the demo takes the path a county's sync takes.
 */
export class Ss12000FixtureSource implements Ss12000Source {
  constructor(private readonly fixture: Ss12000Fixture) {}

  organisations(
    opts: Ss12000ListOptions = {},
  ): AsyncGenerator<Ss12000Record<z.infer<typeof Ss12000OrganisationSchema>>> {
    return this.list(this.fixture.organisations, Ss12000OrganisationSchema, opts);
  }

  persons(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<z.infer<typeof Ss12000PersonSchema>>> {
    return this.list(this.fixture.persons, Ss12000PersonSchema, opts);
  }

  duties(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<z.infer<typeof Ss12000DutySchema>>> {
    return this.list(this.fixture.duties, Ss12000DutySchema, opts);
  }

  groups(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<z.infer<typeof Ss12000GroupSchema>>> {
    return this.list(this.fixture.groups, Ss12000GroupSchema, opts);
  }

  async *deletedEntities(after: string): AsyncGenerator<Ss12000DeletedEntity> {
    const from = Date.parse(after);
    for (const type of DELETED_ENTITY_TYPES)
      for (const d of this.fixture.deleted ?? [])
        if (d.type === type && Date.parse(d.at) >= from) yield { type, id: d.id };
  }

  private async *list<T>(
    items: unknown[],
    schema: z.ZodType<T>,
    opts: Ss12000ListOptions,
  ): AsyncGenerator<Ss12000Record<T>> {
    const after = opts.modifiedAfter === undefined ? null : Date.parse(opts.modifiedAfter);
    for (const item of items) {
      if (after !== null && !(modifiedOf(item) >= after)) continue;
      yield readRecord(schema, item);
    }
  }
}

function modifiedOf(item: unknown): number {
  const modified = (item as { meta?: { modified?: unknown } } | null)?.meta?.modified;
  return typeof modified === 'string' ? Date.parse(modified) : Number.NaN;
}
