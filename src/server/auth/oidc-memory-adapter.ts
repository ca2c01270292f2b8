import { systemClock } from '../clock.js';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * In-memory storage for the demo identity provider (sessions, interactions, codes, grants). Demo
 * only: one process, and everything is forgotten on restart, which is fine for fictional users.
 * Providing our own (instead of the library's quick-start one) keeps its warnings out of the log
 * and gives each provider instance its own store.
 */
interface Entry {
  payload: AdapterPayload;
  expiresAt: number; // epoch ms; Infinity when the provider gave no lifetime
}

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);
const MAX_ENTRIES = 20_000;

export function createMemoryAdapterFactory(
  now: () => number = () => systemClock().getTime(),
): (model: string) => Adapter {
  const store = new Map<string, Entry>();
  const sessionUids = new Map<string, string>(); // uid -> Session id
  const userCodes = new Map<string, string>(); // userCode -> id
  const grants = new Map<string, Set<string>>(); // grantId -> keys of tokens issued under it
  let writes = 0;

  function get(key: string): AdapterPayload | undefined {
    const e = store.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now()) {
      remove(key);
      return undefined;
    }
    return e.payload;
  }

  function remove(key: string): void {
    const e = store.get(key);
    if (!e) return;
    store.delete(key);
    const p = e.payload;
    if (p.uid && sessionUids.get(p.uid) === key) sessionUids.delete(p.uid);
    if (p.userCode && userCodes.get(p.userCode) === key) userCodes.delete(p.userCode);
    if (p.grantId) grants.get(p.grantId)?.delete(key);
  }

  function sweep(): void {
    const t = now();
    for (const [key, e] of store) if (e.expiresAt <= t) remove(key);
    for (const [grantId, keys] of grants) if (keys.size === 0) grants.delete(grantId);
    // A demo must not grow without bound: drop the oldest entries beyond the cap.
    while (store.size > MAX_ENTRIES) {
      const oldest = store.keys().next().value;
      if (oldest === undefined) break;
      remove(oldest);
    }
  }

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        remove(key);
        store.set(key, { payload, expiresAt: typeof expiresIn === 'number' ? now() + expiresIn * 1000 : Infinity });
        if (model === 'Session' && payload.uid) sessionUids.set(payload.uid, key);
        if (payload.userCode) userCodes.set(payload.userCode, key);
        if (GRANTABLE.has(model) && payload.grantId) {
          const keys = grants.get(payload.grantId) ?? new Set<string>();
          keys.add(key);
          grants.set(payload.grantId, keys);
        }
        if (++writes % 200 === 0) sweep();
      },
      async find(id) {
        return get(keyFor(id));
      },
      async findByUid(uid) {
        const key = sessionUids.get(uid);
        return key ? get(key) : undefined;
      },
      async findByUserCode(userCode) {
        const key = userCodes.get(userCode);
        return key ? get(key) : undefined;
      },
      async consume(id) {
        const p = get(keyFor(id));
        if (p) p.consumed = Math.floor(now() / 1000);
      },
      async destroy(id) {
        remove(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        const keys = grants.get(grantId);
        if (!keys) return;
        for (const key of [...keys]) remove(key);
        grants.delete(grantId);
      },
    };
  };
}
