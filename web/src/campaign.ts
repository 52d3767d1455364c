// A 评优活动 as the wizard builds it, the checks each step makes before going on (as resource keys, so the page says
// them in its language), and the request the review API takes (POST /api/review/campaigns, then PUT …/reviewers).
import type { Criterion } from './types';
import { dayEnd, dayStart } from './time';

export const reviewLevels = ['school', 'county', 'city', 'province', 'ministry'] as const;
export type ReviewLevel = (typeof reviewLevels)[number];
export const documentKinds = ['design', 'courseware', 'worksheet', 'assessment'] as const;

/** A day range a level's review runs in, as the date pickers hold it ('YYYY-MM-DD', '' for open). */
export interface DayRange { opens: string; closes: string }

/** An expert of the pool: the subjects they judge (all when none) and the levels they judge at (all when none). */
export interface PoolMember { userId: string; displayName: string; userName: string; subjects: string[]; levels: string[] }

export interface CampaignDraft {
  name: string;
  year: number;
  levels: ReviewLevel[];
  requiredDocuments: string[];
  publicFrom: string;
  reviewersPerEntry: number;
  disagreementThreshold: number;
  windows: Record<string, DayRange>;
  rubric: Criterion[];
  pool: PoolMember[];
  sharePercent: number;
  maxPerRegion?: number;
  hours: Record<string, number>;
  standard: { minMinutes: number; maxMinutes: number; minWidth: number; minHeight: number; minKbps: number };
}

export interface Problem { key: string; params?: Record<string, unknown> }

/** What a new campaign starts with: the published 一师一优课 rules, the rubric most provinces use, windows left open. */
export function newDraft(year: number): CampaignDraft {
  return {
    name: `${year}年度“一师一优课、一课一名师”活动`,
    year,
    levels: ['school', 'county', 'city'],
    requiredDocuments: ['design', 'courseware'],
    publicFrom: 'city',
    reviewersPerEntry: 3,
    disagreementThreshold: 15,
    windows: Object.fromEntries(reviewLevels.map((l) => [l, { opens: '', closes: '' }])),
    rubric: [
      { name: '教学设计', weight: 20, descriptor: '目标明确，重难点突出，符合学情' },
      { name: '教学实施', weight: 40, descriptor: '过程清晰，师生互动充分，时间分配合理' },
      { name: '信息技术融合', weight: 25, descriptor: '信息技术运用恰当，有效支持教与学' },
      { name: '教学效果', weight: 15, descriptor: '达成目标，学生参与度高' },
    ],
    pool: [],
    sharePercent: 30,
    hours: { school: 2, county: 4, city: 6, province: 8, ministry: 10 },
    standard: { minMinutes: 30, maxMinutes: 45, minWidth: 720, minHeight: 576, minKbps: 512 },
  };
}

/** The levels in the order a campaign climbs them, whatever order they were ticked in. */
export const ordered = (levels: readonly string[]) => reviewLevels.filter((l) => levels.includes(l));

export function basicsProblems(d: CampaignDraft): Problem[] {
  const problems: Problem[] = [];
  if (!d.name.trim()) problems.push({ key: 'campaign.needsName' });
  if (!Number.isInteger(d.year) || d.year < 2000 || d.year > 2100) problems.push({ key: 'campaign.badYear' });
  if (d.levels.length === 0) problems.push({ key: 'campaign.needsLevel' });
  if (!Number.isInteger(d.reviewersPerEntry) || d.reviewersPerEntry < 1 || d.reviewersPerEntry > 15) problems.push({ key: 'campaign.badReviewersPerEntry' });
  if (!(d.disagreementThreshold > 0)) problems.push({ key: 'campaign.badThreshold' });
  return problems;
}

/** A window that closes before it opens is refused; one that opens before the level below closes is only pointed out. */
export function windowProblems(d: CampaignDraft): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  let previous: { level: string; closes: string } | null = null;
  for (const level of ordered(d.levels)) {
    const { opens, closes } = d.windows[level];
    if (opens && closes && closes < opens) problems.push({ key: 'campaign.closesBeforeOpens', params: { level } });
    if (previous && opens && opens <= previous.closes) warnings.push({ key: 'campaign.overlaps', params: { level, below: previous.level } });
    if (closes) previous = { level, closes };
  }
  return { problems, warnings };
}

export function rubricProblems(rubric: Criterion[]): Problem[] {
  const problems: Problem[] = [];
  if (rubric.length === 0) problems.push({ key: 'campaign.needsCriterion' });
  if (rubric.some((c) => !c.name.trim())) problems.push({ key: 'campaign.criterionNeedsName' });
  if (rubric.some((c) => !Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100)) problems.push({ key: 'campaign.badWeight' });
  const names = rubric.map((c) => c.name.trim()).filter(Boolean);
  if (new Set(names).size !== names.length) problems.push({ key: 'campaign.criterionTwice' });
  return problems;
}

/** A cleared number field may answer undefined, null or '': all mean no limit. */
export const limited = (value: unknown) => value !== undefined && value !== null && value !== '';

export function rulesProblems(d: CampaignDraft): Problem[] {
  const problems: Problem[] = [];
  if (!(d.sharePercent > 0 && d.sharePercent <= 100)) problems.push({ key: 'campaign.badShare' });
  if (limited(d.maxPerRegion) && !(Number.isInteger(d.maxPerRegion) && d.maxPerRegion! >= 1)) problems.push({ key: 'campaign.badMaxPerRegion' });
  const s = d.standard;
  if (!(s.minMinutes >= 0 && s.maxMinutes > s.minMinutes)) problems.push({ key: 'campaign.badMinutes' });
  if (!(s.minWidth > 0 && s.minHeight > 0 && s.minKbps > 0)) problems.push({ key: 'campaign.badStandard' });
  if (ordered(d.levels).some((l) => !(d.hours[l] >= 0))) problems.push({ key: 'campaign.badHours' });
  return problems;
}

export function toRequest(d: CampaignDraft) {
  const levels = ordered(d.levels);
  const windows = Object.fromEntries(levels
    .filter((l) => d.windows[l].opens || d.windows[l].closes)
    .map((l) => {
      const { opens, closes } = d.windows[l];
      // The closing day is the last day entries are taken: the window ends at the midnight after it.
      return [l, { opens: opens ? dayStart(opens).toISOString() : null, closes: closes ? dayEnd(closes).toISOString() : null }];
    }));
  return {
    name: d.name.trim(),
    year: d.year,
    levels,
    rubric: d.rubric.map((c) => ({ name: c.name.trim(), weight: c.weight, descriptor: c.descriptor?.trim() || null })),
    reviewersPerEntry: d.reviewersPerEntry,
    disagreementThreshold: d.disagreementThreshold,
    standard: { ...d.standard, videoCodec: 'h264', audioCodec: 'aac' },
    promotion: { share: d.sharePercent / 100, maxPerRegion: limited(d.maxPerRegion) ? d.maxPerRegion : null },
    hours: Object.fromEntries(levels.map((l) => [l, d.hours[l]])),
    windows,
    requiredDocuments: d.requiredDocuments,
    publicFrom: d.publicFrom && levels.includes(d.publicFrom as ReviewLevel) ? d.publicFrom : null,
  };
}

/** The pool as PUT …/reviewers takes it: only the campaign's levels (a level unticked later is dropped). */
export const poolRequest = (d: CampaignDraft) => d.pool.map((m) => ({
  userId: m.userId, subjects: m.subjects, levels: m.levels.filter((l) => d.levels.includes(l as ReviewLevel)),
}));
