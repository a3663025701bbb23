import type { InboxRow } from '../../shared/agent';
import type { AisleMessage } from '../../shared/chat';
import type { Ticket } from '../../shared/ticket';

export type { InboxRow };

export interface AgentView {
  keyId: string;
  displayName: string;
  kind: 'agent' | 'admin';
}

export interface AuditView {
  id: string;
  turnId: string | null;
  kind: string;
  createdAt: string;
  message?: string;
  sent?: string;
  action?: string;
  toolCalls?: { name: string; error?: string; digest?: string }[];
  blockedPromises?: { sentence: string; category?: string }[];
  policyPassages?: { documentId: string; passageId: string }[];
  orders?: string[];
  gate?: { handoff: boolean; categories: string[] };
  identity?: string;
  delivery?: string;
  author?: { name?: string };
}

export interface TicketDetail {
  ticket: Ticket;
  transcript: AisleMessage[];
  audit: AuditView[];
  version: number;
  draftReply: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  notes: { id: string; author: string; body: string; createdAt: string }[];
  conversation: { state: 'assistant' | 'handed_off' | 'agent'; ownerKeyId: string | null; ownedAt: string | null; locale: string | null } | null;
  agents: AgentView[];
  csat: { rating: number; comment: string | null; submittedAt: string } | null;
}

export interface Notice {
  id: string;
  ticketId: string;
  reference: string | null;
  kind: string;
  note: string | null;
  from: string;
  createdAt: string;
  read: boolean;
}
