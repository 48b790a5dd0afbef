import { createContext, useCallback, useContext, useState } from 'react';
import type { CommandResult, WorkflowView } from '../../../../shared/api.ts';
import type { AccessRole } from '../../../../shared/roles.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import type { DisputeReason, SectionState } from '../../../../shared/workflow/types.ts';
import { ApiError } from '../../api.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';

/** What the workflow controls of a case share: the state, who is looking, and where to go. */
export interface WorkflowContextValue {
  caseId: string;
  userId: string;
  myRole: AccessRole;
  workflow: WorkflowView | null;
  sections: TemplateSection[];
  /** The joint document: proposals are compared with it. */
  joint: CollabDoc | null;
  accept(view: WorkflowView): void;
  /** Opens the form for a new dispute with these sections chosen. */
  escalate(sections: string[], reason: DisputeReason): void;
  /** Shows the disputes and brings this one into view. */
  showDispute(disputeId: string): void;
}

const WorkflowContext = createContext<WorkflowContextValue | null>(null);

export const WorkflowProvider = WorkflowContext.Provider;

export function useWorkflowContext(): WorkflowContextValue {
  const value = useContext(WorkflowContext);
  if (!value) throw new Error('useWorkflowContext() outside a WorkflowProvider');
  return value;
}

/** The state of one section, or null while the workflow is not loaded. */
export function useSectionState(sectionId: string): SectionState | null {
  return useWorkflowContext().workflow?.sections[sectionId] ?? null;
}

/** The case's BA or VA: the only ones who act on sections and disputes. */
export function isPhysician(role: AccessRole): role is 'ba' | 'va' {
  return role === 'ba' || role === 'va';
}

export interface Command {
  /** Runs a command; its answer becomes the state shown. True when the server accepted it. */
  run(call: () => Promise<CommandResult>): Promise<CommandResult | null>;
  busy: boolean;
  error: ApiError | null;
  clearError(): void;
}

/** One command at a time from one control, with its refusal kept for display. */
export function useCommand(): Command {
  const { accept } = useWorkflowContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (call: () => Promise<CommandResult>) => {
      setBusy(true);
      setError(null);
      try {
        const result = await call();
        accept(result.workflow);
        return result;
      } catch (caught) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [accept],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
