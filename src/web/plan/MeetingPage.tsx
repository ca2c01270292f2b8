/**
 * /barn/:id/plan/moten/ny and /barn/:id/plan/moten/:meetingId — a network meeting on the child's
 * plan (Meet): when and where, purpose, agenda, who is invited (the team, the child, each guardian)
 * with their attendance, the notes written in the meeting, and decisions that create or change
 * actions in the plan. Every change is versioned (412 → re-apply on top of theirs, via ItemForm).
 * Read-only when the plan is closed or the meeting cancelled. The parts live in ./meeting/.
 */
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { LoadedMeeting } from './meeting/LoadedMeeting.js';
import { NewMeeting } from './meeting/NewMeeting.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function MeetingPage({ childId, meetingId }: { childId: string; meetingId: string | null }) {
  if (!UUID.test(childId) || (meetingId !== null && !UUID.test(meetingId))) return <NotFoundPage />;
  return meetingId === null ? (
    <NewMeeting childId={childId} />
  ) : (
    <LoadedMeeting childId={childId} meetingId={meetingId} />
  );
}
