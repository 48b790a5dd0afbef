import { useTranslation } from 'react-i18next';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from '../workspace/labels.ts';

interface Props {
  /** The sections with a disagreement on record: the proposed agenda. */
  proposed: readonly string[];
  /** Listed at the top with the proposal (an agenda as it stands); the rest sit behind a disclosure. */
  shown: readonly string[];
  chosen: ReadonlySet<string>;
  /** Items with a recorded outcome: they stay on the agenda. */
  locked?: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}

/** The agenda as checkboxes, one per section: the proposal first, every other section on request. */
export function AgendaChoice({ proposed, shown, chosen, locked, onChange }: Props) {
  const { t } = useTranslation();
  const { sections } = useWorkflowContext();
  const top = sections.filter((s) => proposed.includes(s.id) || shown.includes(s.id));
  const others = sections.filter((s) => !top.includes(s));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const box = (section: TemplateSection) => (
    <AgendaCheckbox key={section.id} section={section} checked={chosen.has(section.id)} locked={locked?.has(section.id) ?? false} onToggle={toggle} />
  );

  return (
    <fieldset data-testid="agenda-choice">
      <legend>{t('sessions.agenda.legend')}</legend>
      <p className="muted small">{proposed.length > 0 ? t('sessions.agenda.proposed', { count: proposed.length }) : t('sessions.agenda.noDisagreement')}</p>
      {top.map(box)}
      {others.length > 0 && (
        <details className="agenda-more">
          <summary>{t('sessions.agenda.more')}</summary>
          {others.map(box)}
        </details>
      )}
    </fieldset>
  );
}

function AgendaCheckbox({
  section,
  checked,
  locked,
  onToggle,
}: {
  section: TemplateSection;
  checked: boolean;
  locked: boolean;
  onToggle: (id: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const { workflow } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const status = workflow?.sections[section.id]?.status;
  return (
    <label className="check">
      <input type="checkbox" value={section.id} checked={checked} disabled={locked} onChange={(event) => onToggle(section.id, event.target.checked)} />{' '}
      {sectionLabel(section)}
      {status && status !== 'open' && <span className="muted"> ({t(`workflow.status.${status}`)})</span>}
      {locked && <span className="muted small"> — {t('sessions.agenda.hasOutcome')}</span>}
    </label>
  );
}

/** The chosen sections in the template's order, as the agenda is sent. */
export function agendaInOrder(sections: readonly TemplateSection[], chosen: ReadonlySet<string>): string[] {
  return sections.filter((s) => chosen.has(s.id)).map((s) => s.id);
}
