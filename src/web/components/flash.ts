/**
 * A one-time message for the next page ("Oron är sparad" after creating one). Kept in memory only:
 * it is a catalog key, never data, and a reload simply drops it. The page reads it while rendering
 * (peek) and clears it once shown (an effect), so React's double render in development keeps it.
 */
export type FlashKey = 'concern.detail.saved' | 'consultation.case.created';

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
