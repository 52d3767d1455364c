// What the player's scrub bar shows besides time: thumbnails from the sprite the transcoder made (a WebVTT file whose
// cues point into one image with #xywh=), and the teaching-research comments on the lesson.

export interface ResearchComment {
  atSeconds: number;
  author: string;
  criterion: string | null;
  text: string;
}

interface Frame { startTime: number; endTime: number; text: string; x: number; y: number; w: number; h: number }

/** Plyr's preview thumbnails (its parsed form) for the lesson whose master playlist is at masterUrl; null when it has none. */
export async function thumbnailsFrom(masterUrl: string) {
  const [path, query] = masterUrl.split('?');
  const base = path.slice(0, path.lastIndexOf('/') + 1);
  // The sprite is signed like the playlist: its URL needs the same query, which a relative cue path would lose.
  const vtt = await fetch(`${base}thumbnails.vtt?${query}`).then((r) => (r.ok ? r.text() : '')).catch(() => '');
  const seconds = (time: string) => time.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const frames: Frame[] = [...vtt.matchAll(/([\d:.]+) --> ([\d:.]+)\s+(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)/g)].map((m) => ({
    startTime: seconds(m[1]), endTime: seconds(m[2]), text: `${m[3]}?${query}`, x: +m[4], y: +m[5], w: +m[6], h: +m[7],
  }));
  if (frames.length === 0) return null;
  return [{ frames, urlPrefix: base, width: frames[0].w, height: frames[0].h }];
}
