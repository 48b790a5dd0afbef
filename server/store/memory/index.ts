import type { Stores } from '../ports.ts';
import { MemoryAuditStore } from './MemoryAuditStore.ts';
import { MemoryCommentStore } from './MemoryCommentStore.ts';
import { MemoryDocStore } from './MemoryDocStore.ts';
import { MemoryEmployerSummaryStore } from './MemoryEmployerSummaryStore.ts';
import { MemoryNotificationStore } from './MemoryNotificationStore.ts';
import { MemoryRecordStore } from './MemoryRecordStore.ts';
import { MemorySecondFactorStore } from './MemorySecondFactorStore.ts';
import { MemorySessionStore } from './MemorySessionStore.ts';
import { MemoryVersionStore } from './MemoryVersionStore.ts';
import { MemoryWorkflowStore } from './MemoryWorkflowStore.ts';
import { MemoryTemplateStore } from './MemoryTemplateStore.ts';

export function createMemoryStores(): Stores {
  const audit = new MemoryAuditStore();
  const comments = new MemoryCommentStore();
  const notifications = new MemoryNotificationStore();
  return {
    docs: new MemoryDocStore(),
    records: new MemoryRecordStore(),
    workflow: new MemoryWorkflowStore(audit, comments, notifications),
    comments,
    audit,
    versions: new MemoryVersionStore(),
    employerSummaries: new MemoryEmployerSummaryStore(),
    notifications,
    secondFactors: new MemorySecondFactorStore(),
    sessions: new MemorySessionStore(),
    templates: new MemoryTemplateStore(),
    close: async () => {},
  };
}
