export * from './types.ts';
export * from './transitions.ts';
export * from './caseWorkflow.ts';
export * from './persistence.ts';
export * from './sessions.ts';
export * from './locks.ts';
export * from './sessionAnswers.ts';
export * from './riv.ts';
