// A reviewer's blind entry as GET /api/review/assignments answers it, and what the desk works out from it.
import type { Criterion } from './types';

export interface BlindEntry {
  assignmentId: string;
  submissionId: string;
  title: string;
  stage: string | null;
  grade: string | null;
  subject: string | null;
  edition: string | null;
  lesson: string | null;
  level: string;
  rubric: Criterion[];
  scores: Record<string, number>;
  comment: string | null;
  final: boolean;
  documents: { kind: string; name: string }[];
  campaign: string;
  opens: string | null;
  closes: string | null;
}

export type EntryState = 'todo' | 'draft' | 'final';

export const stateOf = (e: BlindEntry): EntryState => (e.final ? 'final' : Object.keys(e.scores).length > 0 || e.comment ? 'draft' : 'todo');

export const placeOf = (e: BlindEntry) => [e.stage, e.grade, e.subject, e.edition, e.lesson].filter(Boolean).join(' · ');

export const fullMarks = (e: BlindEntry) => e.rubric.reduce((sum, c) => sum + c.weight, 0);

/** Whether scoring is shut at this moment (the window has closed, or not opened yet). */
export function shut(e: BlindEntry, now = Date.now()): 'closed' | 'not-open' | null {
  if (e.closes && Date.parse(e.closes) <= now) return 'closed';
  if (e.opens && Date.parse(e.opens) > now) return 'not-open';
  return null;
}

/** What is left to do first, the nearest deadline first (no deadline last), then in the order assigned. */
export function byUrgency(entries: BlindEntry[]): BlindEntry[] {
  const rank = (e: BlindEntry) => (e.final ? 1 : 0);
  const due = (e: BlindEntry) => (e.closes ? Date.parse(e.closes) : Number.POSITIVE_INFINITY);
  return entries.map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || due(a.e) - due(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** Whole days from now until a deadline (0 on its last day), for "还剩 N 天". */
export const daysLeft = (closes: string, now = Date.now()) => Math.max(0, Math.floor((Date.parse(closes) - now) / 86_400_000));
