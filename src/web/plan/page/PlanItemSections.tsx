import type { PlanContext } from '../context.js';
import { ActionsSection } from '../PlanActions.js';
import { GoalsSection, NeedsSection } from '../PlanItems.js';
import { ServicesSection } from './ServicesSection.js';
import { GuardianViewsSection, VoiceSection } from '../PlanVoices.js';

/** The plan's items in the order the plan reads: the voices first, then services, needs, goals, actions. */
export function PlanItemSections({ ctx }: { ctx: PlanContext }) {
  return (
    <>
      <VoiceSection ctx={ctx} />
      <GuardianViewsSection ctx={ctx} />
      <ServicesSection ctx={ctx} />
      <NeedsSection ctx={ctx} />
      <GoalsSection ctx={ctx} />
      <ActionsSection ctx={ctx} />
    </>
  );
}
