import type { Stores } from '../ports.ts';
import { MemoryAuditStore } from './MemoryAuditStore.ts';
import { MemoryCommentStore } from './MemoryCommentStore.ts';
import { MemoryDocStore } from './MemoryDocStore.ts';
import { MemoryRecordStore } from './MemoryRecordStore.ts';
import { MemoryVersionStore } from './MemoryVersionStore.ts';
import { MemoryWorkflowStore } from './MemoryWorkflowStore.ts';

export function createMemoryStores(): Stores {
  return {
    docs: new MemoryDocStore(),
    records: new MemoryRecordStore(),
    workflow: new MemoryWorkflowStore(),
    comments: new MemoryCommentStore(),
    audit: new MemoryAuditStore(),
    versions: new MemoryVersionStore(),
    close: async () => {},
  };
}
