import { LOCALES } from '../../../shared/chat';
import { fill, wordingOf, type ReplyWording } from '../language';

/**
 * What the shopper is told when people join or leave the conversation, the CSAT question and the
 * reply mail: the `reply.people` entry of each language pack.
 */
export type WorkspaceWording = keyof ReplyWording['people'];

export function workspaceText(key: WorkspaceWording, locale: string | null | undefined, vars: Record<string, string> = {}): string {
  const L = LOCALES.find((l) => l === locale?.slice(0, 2).toLowerCase()) ?? 'en';
  return fill(wordingOf(L).people[key], vars);
}
