import { z } from 'zod';
import { MAX_VERSION_LABEL_CHARS } from './limits.ts';
import { IdParam, RequiredText } from './schemas.ts';

/** Request bodies and parameters of the version routes (docs/contract.md). */

/** `POST /api/cases/:id/versions`: a physician keeps the case as it stands now, under a label. */
export const CreateVersionInput = z.object({ label: RequiredText(MAX_VERSION_LABEL_CHARS) });
export type CreateVersionInput = z.output<typeof CreateVersionInput>;

export const VersionIdParam = IdParam('version');
