// Source refs for Gemini CLI chat records. Messages carry their own ids and tool calls theirs, so
// refs are those ids (a legacy `.json` chat and the `.jsonl` Gemini migrates it into name the same
// messages, and import as one); typed prompts use the shared prompt ref, which the BeforeAgent
// hook builds too; records without an id are keyed by their byte offset.
export const AGENT = 'gemini';

export const messageRef = (id: string) => `msg:${id}`;
/** A later version of a message already stored, whose text or thoughts changed. */
export const revisionRef = (id: string, hash: string) => `msg:${id}:rev:${hash}`;
/** A later version of a message already stored that changed only tokens or tool status. */
export const updateRef = (id: string, hash: string) => `msg:${id}:upd:${hash}`;
export const callRef = (callId: string) => `call:${callId}`;
export const resultRef = (callId: string) => `result:${callId}`;
export const lineRef = (offset: number) => `line:${offset}`;
