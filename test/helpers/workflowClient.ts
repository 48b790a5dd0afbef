import type { CommandResult, WorkflowView } from '../../shared/api.ts';
import type * as Y from 'yjs';
import type { DocPart } from '../../shared/docNames.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { api, type JsonResponse } from './http.ts';
import { typeInto } from './collabClient.ts';
import { writeDoc } from './docWriter.ts';
import type { TestServer } from './testServer.ts';

/** One physician (or reviewer) driving the workflow API of one case, as the browser would. */
export class WorkflowClient {
  constructor(
    readonly server: TestServer,
    readonly token: string,
    readonly caseId: string,
  ) {}

  post(path: string, body?: unknown): Promise<JsonResponse<CommandResult & { error?: { id: string; message: string; field?: string } }>> {
    return api(this.server.url, 'POST', `/api/cases/${this.caseId}${path}`, { token: this.token, body: body ?? {} });
  }

  async workflow(): Promise<WorkflowView> {
    const response = await api<WorkflowView>(this.server.url, 'GET', `/api/cases/${this.caseId}/workflow`, { token: this.token });
    if (response.status !== 200) throw new Error(`workflow: ${response.status}`);
    return response.body;
  }

  flag(section: string, rationale = 'Verschil in belastbaarheid', kind = 'capacity') {
    return this.post(`/sections/${section}/flag`, { rationale, kind });
  }
  withdrawFlag(section: string) {
    return this.post(`/sections/${section}/withdraw-flag`);
  }
  propose(section: string) {
    return this.post(`/sections/${section}/propose`);
  }
  sign(section: string, hash: string) {
    return this.post(`/sections/${section}/sign`, { hash });
  }
  reopen(section: string, reason = 'Nieuwe informatie') {
    return this.post(`/sections/${section}/reopen`, { reason });
  }
  openDispute(sections: string[], reason: 'explicit' | 'persistent' = 'explicit') {
    return this.post('/disputes', { sections, question: 'Hoeveel uur per dag is belastbaar?', reason, explanation: '', targets: { peerReview: '2026-12-15' } });
  }
  inviteReviewer(disputeId: string, username: string) {
    return this.post(`/disputes/${disputeId}/reviewer`, { username });
  }
  recordOpinion(disputeId: string, text = 'Naar mijn oordeel is 4 uur per dag haalbaar.') {
    return this.post(`/disputes/${disputeId}/opinion`, { text });
  }
  closeDispute(disputeId: string, outcomes: Record<string, string>) {
    return this.post(`/disputes/${disputeId}/close`, { outcomes });
  }

  /** Writes text into the joint draft of a section through the collaboration relay, and waits until it is stored. */
  writeJoint(section: string, text: string): Promise<void> {
    return this.writeDoc('joint', (doc) => typeInto(doc, section, text));
  }

  /** Sets (or, with null, clears) a section's qualifier in one of the documents, through the relay, and waits until it is stored. */
  setQualifier(part: DocPart, section: string, code: string | null): Promise<void> {
    return this.writeDoc(part, (doc) => {
      const qualifiers = doc.getMap(QUALIFIERS_MAP);
      if (code === null) qualifiers.delete(section);
      else qualifiers.set(section, code);
    });
  }

  private writeDoc(part: DocPart, change: (doc: Y.Doc) => void): Promise<void> {
    return writeDoc(this.server, this.token, this.caseId, part, change);
  }
}
