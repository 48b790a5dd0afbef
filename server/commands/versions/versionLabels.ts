import type { PoortwachterWeek } from '../../../shared/record/milestones.ts';
import { templateSections, type AssessmentTemplate } from '../../../shared/template/index.ts';
import type { EventEnvelope } from '../../../shared/workflow/types.ts';
import type { VersionReason } from '../../store/ports.ts';

/**
 * The Dutch labels of automatic versions. They are stored with the version
 * (a version is evidence, so its label must not change when this file does)
 * and read by the physicians, who work in Dutch.
 */

const MILESTONE_LABELS: Record<PoortwachterWeek, string> = {
  6: 'Week 6: probleemanalyse',
  8: 'Week 8: plan van aanpak',
  42: 'Week 42: ziekmelding UWV',
  52: 'Week 52: eerstejaarsevaluatie',
  87: 'Week 87: re-integratieverslag',
};

export function milestoneLabel(week: number): string {
  return MILESTONE_LABELS[week as PoortwachterWeek] ?? `Week ${week}`;
}

/** The automatic version a committed event calls for, or null for the events that take none. */
export function eventVersion(template: AssessmentTemplate | null, envelope: EventEnvelope): { reason: VersionReason; label: string } | null {
  const { event } = envelope;
  switch (event.type) {
    case 'agreement.signed':
      return { reason: 'agreement', label: `Overeenstemming: ${sectionLabel(template, event.section)}` };
    case 'dispute.closed':
      return { reason: 'dispute_closed', label: 'Geschil gesloten' };
    case 'session.concluded':
      return { reason: 'session_concluded', label: 'Consultatie afgerond' };
    default:
      return null;
  }
}

/** The section's Dutch label in the case's template; its id when the template does not know it. */
function sectionLabel(template: AssessmentTemplate | null, sectionId: string): string {
  const section = template ? templateSections(template).find((s) => s.id === sectionId) : undefined;
  return section?.label.nl ?? sectionId;
}
