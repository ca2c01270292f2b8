import type { WheelAssessmentSummary } from '../../../../contract/wheel.js';
import type { Plan, PlanView } from '../../../../contract/plan/index.js';

type Attendance = 'invited' | 'attending' | 'absent' | 'excused';
/** The parts of a network meeting the printout shows (the meetings module's Meeting fits). */
export interface PrintMeeting {
  id: string;
  date: string;
  startTime: string;
  endTime: string | null;
  place: string | null;
  digital: boolean;
  purpose: string;
  agenda: string[];
  invitees: (
    | { kind: 'professional'; name: string; title: string | null; unitName: string | null; attendance: Attendance }
    | { kind: 'guardian'; name: string; attendance: Attendance }
    | { kind: 'child'; attendance: Attendance }
  )[];
  notes: string | null;
  status: 'planned' | 'held' | 'cancelled';
  cancelledReason: string | null;
  decisions: { id: string; text: string; actionWhat: string | null; decidedAt: string }[];
}
/** The parts of a review the printout shows (the meetings module's Review fits). */
export interface PrintReview {
  id: string;
  reviewedOn: string;
  summary: string | null;
  nextReviewDate: string | null;
  outcomes: {
    actionId: string;
    actionWhat: string;
    outcome: 'done' | 'continue' | 'change' | 'bring_in_service';
    comment: string | null;
  }[];
}

export interface PlanPrintData {
  child: { givenName: string; familyName: string; birthDate: string };
  today: string;
  view: PlanView & { plan: Plan };
  /** All of the child's wheel assessments (the document shows the latest per perspective). */
  wheel: WheelAssessmentSummary[];
  meetings: PrintMeeting[] | null;
  reviews: PrintReview[] | null;
}
