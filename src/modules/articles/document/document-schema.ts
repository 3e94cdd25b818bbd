import { getSchema } from '@tiptap/core';
import { documentExtensions } from './extensions.ts';

/** The ProseMirror schema built from the extension list, built once per process. */
export const documentSchema = getSchema(documentExtensions);
