/** What the sections of one meeting's page share. */
import type { Meeting } from '../meetings-api.js';

/** The one form open on the page, if any. */
export type Open = null | 'edit' | 'attendance' | 'notes' | 'decision' | 'cancel' | 'held';

/** A section that opens a form of its own on the meeting. */
export interface SectionProps {
  childId: string;
  m: Meeting;
  editable: boolean;
  open: boolean;
  setOpen: (o: boolean) => void;
  /** After a save: load again, close the form and announce the message. */
  saved: (message: string) => void;
}
