import { useTranslation } from 'react-i18next';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import type { CollabNotice } from '../../collab/useCollabDoc.ts';
import { useSectionLabel } from './labels.ts';

interface Props {
  notices: { part: DocPart; notice: CollabNotice; dismiss: () => void }[];
  sections: readonly TemplateSection[];
}

/** Says what the server did not take of this browser's changes, until the physician closes it. */
export function CollabNotices({ notices, sections }: Props) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  if (notices.length === 0) return null;
  const labels = (ids: readonly string[]) => {
    const named = ids.flatMap((id) => sections.filter((s) => s.id === id).map(sectionLabel));
    return named.length > 0 ? named.join(', ') : t('collab.someSection');
  };
  const messages = notices.flatMap(({ part, notice, dismiss }) => {
    const document = t(`collab.documents.${part}`);
    if (notice.kind === 'tooLarge') return [{ key: `${part}-large`, text: t('collab.tooLarge', { document }), dismiss }];
    return notice.refusals.map((refusal) => ({
      key: `${part}-${refusal.reason}`,
      text: t(`collab.refused_${refusal.reason}`, { sections: labels(refusal.sections), document }),
      dismiss,
    }));
  });
  return (
    <div className="collab-notices" role="alert" data-testid="collab-notices">
      {messages.map(({ key, text, dismiss }) => (
        <p key={key} className="collab-notice">
          <span>{text}</span>{' '}
          <button type="button" className="link-button" onClick={dismiss}>
            {t('collab.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
