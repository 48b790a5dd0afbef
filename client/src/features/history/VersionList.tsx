import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../../shared/record/api.ts';
import { ApiError } from '../../api.ts';
import { FormDialog } from '../workflow/Dialog.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';
import { byWeek } from './compare.ts';
import { historyApi } from './historyApi.ts';

/** A label is a short description, not a text: the server decides the real limit. */
const MAX_LABEL_CHARS = 200;

/** The versions on a timeline by week of sickness, newest first: date, label, why it was taken and by whom. */
export function VersionList({ versions }: { versions: VersionSummary[] }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  if (versions.length === 0) return <p className="muted">{t('history.versions.none')}</p>;
  return (
    <ol className="version-weeks" data-testid="version-list">
      {byWeek(versions).map((group) => (
        <li key={group.week} className="version-week">
          <h4>{t('history.versions.week', { week: group.week })}</h4>
          <ol className="version-items">
            {group.versions.map((version) => (
              <li key={version.id} className="version-item" data-testid={`version-${version.id}`} data-reason={version.reason}>
                <strong>{version.label}</strong>{' '}
                <span className="muted">
                  · <time dateTime={version.at}>{formatTime(version.at)}</time> · {t(`history.versions.reason.${version.reason}`)} ·{' '}
                  {version.by ? t('history.versions.by', { name: version.by.name }) : t('history.versions.automatic')}
                </span>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

/** "Versie vastleggen": asks for a label and records what the case holds now. */
export function SaveVersion({ caseId, onSaved }: { caseId: string; onSaved: (version: VersionSummary) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="save-version">
      <button type="button" onClick={() => setOpen(true)} data-testid="save-version">
        {t('history.versions.save')}
      </button>
      <p role="status" className="muted small">
        {saved && t('history.versions.saved', { label: saved })}
      </p>
      {open && (
        <SaveVersionDialog
          caseId={caseId}
          onClose={() => setOpen(false)}
          onSaved={(version) => {
            setSaved(version.label);
            onSaved(version);
          }}
        />
      )}
    </div>
  );
}

function SaveVersionDialog({ caseId, onClose, onSaved }: { caseId: string; onClose: () => void; onSaved: (version: VersionSummary) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await historyApi.saveVersion(caseId, label.trim()));
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      title={t('history.versions.saveTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('history.versions.save')}
      command={{ busy, error }}
      testId="save-version-dialog"
    >
      <p className="muted small">{t('history.versions.saveHint')}</p>
      <div className="field">
        <label htmlFor={id}>{t('history.versions.label')}</label>
        <input id={id} required maxLength={MAX_LABEL_CHARS} value={label} onChange={(event) => setLabel(event.target.value)} />
      </div>
    </FormDialog>
  );
}
