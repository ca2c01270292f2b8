/**
 * A one-time message for the next page (like concerns/flash.ts): a catalog key, never data, kept in
 * memory only.
 */
type FlashKey = 'consultation.case.created';

let pending: FlashKey | null = null;

export function setFlash(key: FlashKey): void {
  pending = key;
}

export function peekFlash(): FlashKey | null {
  return pending;
}

export function clearFlash(): void {
  pending = null;
}
