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
