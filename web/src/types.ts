// The API's answers as these pages read them (see the host's OpenAPI document at /openapi/v1.json).
export interface Lesson {
  id: string;
  title: string;
  status: 'draft' | 'processing' | 'published' | 'failed';
  ownerId: string;
  stage: string | null;
  grade: string | null;
  subject: string | null;
  edition: string | null;
  volume: string | null;
  unit: string | null;
  lesson: string | null;
  teacher: string | null;
  teacherTitle: string | null;
  school: string | null;
  region: string | null;
  year: number | null;
  description: string | null;
  durationSeconds: number;
  tags: string[];
  taxonomyNodeId: string | null;
  hasVideo: boolean;
}

export type TaxonomyLevel = 'stage' | 'grade' | 'subject' | 'edition' | 'volume' | 'unit' | 'lesson';

export interface TaxonomyNode {
  id: string;
  level: TaxonomyLevel;
  name: string;
  lessons: number;
  children: TaxonomyNode[];
}

export interface Chapter {
  startSeconds: number;
  title: string;
}

export interface CaptionTrack {
  language: string;
  label: string;
  url: string;
}

/** 课 names in the order of the textbook tree, as a lesson carries them. */
export const placementNames = (l: Lesson) => [l.stage, l.grade, l.subject, l.edition, l.volume, l.unit, l.lesson];

export type OrganisationKind = 'province' | 'city' | 'county' | 'school' | 'grade' | 'class';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  code: string | null;
  active: boolean;
}

export interface Person {
  id: string;
  userName: string;
  displayName: string;
  roles: string[];
  organisationId: string | null;
  title: string | null;
  externalId: string | null;
  active: boolean;
  createdAt: string;
  memberships: Membership[];
}

/** What a person does where, as the roster says: teaches a subject in a class, studies in a class in a school year, reviews a subject at a level. */
export interface Membership {
  organisationId: string;
  kind: 'teaches' | 'studies' | 'reviews';
  subject: string | null;
  schoolYear: number | null;
  level: string | null;
}

export interface PageOf<T> {
  total: number;
  items: T[];
}

export interface RosterError { line: number; code: string; value: string | null; message: string }

export interface RosterLine { line: number; action: 'created' | 'changed' | 'unchanged' | 'deactivated'; userName: string; displayName: string; externalId: string; initialPassword: string | null }

export interface RosterReport {
  applied: boolean;
  created: number;
  changed: number;
  unchanged: number;
  deactivated: number;
  errors: RosterError[];
  people: RosterLine[];
}

/** What a parent may hold, one level down at least (a class holds nobody's organisations). */
export const childKinds: Record<OrganisationKind, OrganisationKind[]> = {
  province: ['city', 'county', 'school'],
  city: ['county', 'school'],
  county: ['school'],
  school: ['grade', 'class'],
  grade: ['class'],
  class: [],
};

/** A criterion of a review rubric: its name, full marks (weight) and what earns them. */
export interface Criterion { name: string; weight: number; descriptor?: string }

/** A lesson as search, favourites and related lessons list it (the server HTML-encodes highlight, snippet and moments, marking hits with <em>). */
export interface LessonSummary
  extends Pick<Lesson, 'id' | 'title' | 'stage' | 'grade' | 'subject' | 'edition' | 'volume' | 'unit' | 'teacher' | 'teacherTitle' | 'school' | 'year'> {
  highlight?: string | null;
  awardLevel: string | null;
  rating: number;
  views: number;
  downloads: number;
  hasVideo?: boolean;
  snippet?: string | null;
  moments?: { startSeconds: number; source: 'captions' | 'screen'; highlight: string }[] | null;
}
