/**
 * The turn kernel: what one shopper turn is (`Turn`, `Evidence`), how its reply is written and
 * guarded on the way out (`ReplyWriter`, hygiene, the markdown filter) and the pipeline's own
 * messages. It sits below the engines and the handoff: they import this index, never the files
 * behind it, and nothing here imports an engine, a tool or the handoff
 * (test/language/dependencies.test.ts).
 */
export { newEvidence, recordToolCall, type DataPartOut, type Evidence, type ToolCallRecord, type Turn } from './context';
export { Hygiene, resultKeys, toolArgumentKeys, type HygieneSecrets } from './hygiene';
export { allowedHref, canonicalMarkdown, escapeText, filterMarkdown, linkPolicy, type LinkPolicy } from './markdown';
export { guardText, isVerbatimQuote, ReplyWriter, type BlockedPromise, type DroppedSentence, type ReplyWriterOptions } from './reply-writer';
export { suggestionsFor, t } from './messages';
export { createGroundingCheck, groundingSources, type GroundingSources } from './grounding';
