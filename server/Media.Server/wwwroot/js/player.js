// The lesson player: hls.js over the signed playlist URL, quality and speed choice, chapters, resume and keys.
import { api } from './site.js';

const section = document.querySelector('[data-lesson]');
const lessonId = section.dataset.lesson;
const video = document.getElementById('video');
const quality = document.getElementById('quality');
const speed = document.getElementById('speed');
const resumeKey = `media.resume.${lessonId}`;

// ?t=SECONDS (a search hit inside the lesson) opens the player there, before any resume position.
const requested = Number(new URLSearchParams(location.search).get('t'));
const openAt = Number.isFinite(requested) && requested > 0 ? requested : null;

const screenArea = video.closest('.screen');
const togglePlay = () => (video.paused ? video.play().catch(() => {}) : video.pause());
const toggleFullscreen = () => (document.fullscreenElement ? document.exitFullscreen() : screenArea.requestFullscreen()).catch(() => {});
const format = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

const lesson = await api(`/api/lessons/${lessonId}`);
const chaptersPromise = api(`/api/lessons/${lessonId}/chapters`).catch(() => []);
document.getElementById('title').textContent = lesson.title;
document.title = `${lesson.title} · ${document.title.split(' · ').at(-1)}`;
document.getElementById('description').textContent = lesson.description ?? '';
const edit = document.getElementById('edit');
edit.hidden = !(lesson.ownerId === edit.dataset.user || edit.dataset.admin === 'true');
document.getElementById('meta').textContent = [lesson.stage, lesson.grade, lesson.subject, lesson.edition, lesson.volume, lesson.unit, lesson.teacher]
  .filter(Boolean).join(' · ');

if (!lesson.hasVideo && lesson.status === 'published') {
  // A catalog entry without video (the generated demo library): its details and where to find lessons that play.
  document.getElementById('no-video').hidden = false;
  for (const id of ['stage', 'controls']) document.getElementById(id).hidden = true;
} else if (lesson.status !== 'published') {
  document.getElementById('not-ready').hidden = false;
} else {
  const { url, canDownload } = await api(`/api/lessons/${lessonId}/playback`).catch((error) => {
    // A catalog entry without video (the demo library) or a lesson closed to this viewer: say so, play nothing.
    const notReady = document.getElementById('not-ready');
    notReady.textContent = notReady.dataset.unavailable;
    notReady.hidden = false;
    throw error;
  });
  const serverPosition = (await api(`/api/lessons/${lessonId}/position`).catch(() => ({ positionSeconds: 0 }))).positionSeconds;
  const hls = new Hls({ capLevelToPlayerSize: true });
  window.mediaPlayer = { hls, video };
  hls.loadSource(url);
  hls.attachMedia(video);
  // Not awaited: hls.js events below must be subscribed before the manifest arrives.
  api(`/api/lessons/${lessonId}/captions`).catch(() => []).then((captions) => {
    for (const caption of captions) {
      video.append(Object.assign(document.createElement('track'), { kind: 'subtitles', srclang: caption.language, label: caption.label, src: caption.url }));
    }
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    hls.levels
      .map((level, index) => ({ level, index }))
      .sort((a, b) => b.level.height - a.level.height)
      .forEach(({ level, index }) => quality.add(new Option(`${level.height}p`, String(index))));
    const saved = Math.max(serverPosition, Number(localStorage.getItem(resumeKey)) || 0);
    if (openAt !== null) {
      video.currentTime = openAt;
    } else if (saved > 5 && saved < lesson.durationSeconds - 5) {
      video.currentTime = saved;
      document.getElementById('resumed').hidden = false;
    }
  });
  quality.addEventListener('change', () => { hls.currentLevel = Number(quality.value); });
  setUpTimeline(url);
  setUpBar();
  setUpRestReminder();
  const download = document.getElementById('download');
  download.hidden = !canDownload;
  download.addEventListener('click', async () => {
    const link = await api(`/api/lessons/${lessonId}/download`);
    location.href = link.url;
  });
}

// The control bar: play/pause, time, volume, captions and full screen. Full screen takes the whole screen area (video,
// scrub bar and this bar), so the controls stay; on a phone it turns the lesson sideways where the browser allows.
function setUpBar() {
  const bar = document.getElementById('bar');
  const play = document.getElementById('play');
  const mute = document.getElementById('mute');
  const volume = document.getElementById('volume');
  const clock = document.getElementById('clock');
  const fullscreen = document.getElementById('fullscreen');
  const captions = document.getElementById('captions-toggle');
  bar.hidden = false;
  const showPlaying = () => {
    bar.classList.toggle('playing', !video.paused);
    play.setAttribute('aria-label', video.paused ? play.dataset.play : play.dataset.pause);
  };
  const showSound = () => {
    const silent = video.muted || video.volume === 0;
    bar.classList.toggle('muted', silent);
    mute.setAttribute('aria-label', silent ? mute.dataset.unmute : mute.dataset.mute);
    volume.value = String(video.muted ? 0 : video.volume);
  };
  const showTime = () => { clock.textContent = `${format(video.currentTime)} / ${format(video.duration || lesson.durationSeconds || 0)}`; };
  for (const type of ['play', 'pause', 'ended']) video.addEventListener(type, showPlaying);
  video.addEventListener('volumechange', showSound);
  for (const type of ['timeupdate', 'durationchange', 'seeked']) video.addEventListener(type, showTime);
  play.addEventListener('click', togglePlay);
  video.addEventListener('click', togglePlay);
  mute.addEventListener('click', () => { video.muted = !video.muted; if (!video.muted && video.volume === 0) video.volume = 1; });
  volume.addEventListener('input', () => { video.volume = Number(volume.value); video.muted = video.volume === 0; });
  fullscreen.addEventListener('click', toggleFullscreen);
  document.addEventListener('fullscreenchange', () => {
    const full = document.fullscreenElement === screenArea;
    fullscreen.setAttribute('aria-label', full ? fullscreen.dataset.exit : fullscreen.dataset.enter);
    if (full) screen.orientation?.lock?.('landscape').catch(() => {});
  });
  // Captions appear with their tracks (added when the lesson has some); the button shows the first one or none.
  const syncCaptions = () => {
    const tracks = [...video.textTracks].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
    captions.hidden = tracks.length === 0;
    captions.setAttribute('aria-pressed', String(tracks.some((t) => t.mode === 'showing')));
  };
  video.textTracks.addEventListener('addtrack', syncCaptions);
  video.textTracks.addEventListener('change', syncCaptions);
  captions.addEventListener('click', () => {
    const tracks = [...video.textTracks].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
    const showing = tracks.some((t) => t.mode === 'showing');
    tracks.forEach((t, i) => { t.mode = !showing && i === 0 ? 'showing' : 'disabled'; });
    syncCaptions();
  });
  showPlaying(); showSound(); showTime(); syncCaptions();
}

// A rest after continuous watching (eye-health guidance for pupils; minutes by stage from Media:Player). Pauses count
// as watching unless they last five minutes, which is a rest of its own.
function setUpRestReminder() {
  const rest = document.getElementById('rest');
  const byStage = JSON.parse(rest.dataset.minutes);
  const minutes = byStage[lesson.stage] ?? byStage[''];
  if (!(minutes > 0)) return;
  let continuous = 0;
  let last = performance.now();
  let pausedSince = null;
  setInterval(() => {
    const now = performance.now();
    if (!video.paused) { continuous += now - last; pausedSince = null; } else {
      pausedSince ??= now;
      if (now - pausedSince >= 5 * 60_000) continuous = 0;
    }
    last = now;
    if (continuous >= minutes * 60_000 && rest.hidden) {
      video.pause();
      document.getElementById('rest-text').textContent = document.getElementById('rest-text').dataset.text.replace('{0}', String(Math.round(continuous / 60_000)));
      rest.hidden = false;
      document.getElementById('rest-continue').focus();
    }
  }, 1000);
  document.getElementById('rest-continue').addEventListener('click', () => {
    continuous = 0;
    rest.hidden = true;
    video.play();
  });
}

// The scrub bar under the video: chapter markers, and thumbnails from the sprite (WebVTT cues with #xywh=)
// while the pointer moves over it; a click seeks.
async function setUpTimeline(masterUrl) {
  const timeline = document.getElementById('timeline');
  const preview = document.getElementById('preview');
  const [path, query] = masterUrl.split('?');
  const base = path.slice(0, path.lastIndexOf('/') + 1);
  const vtt = await fetch(`${base}thumbnails.vtt?${query}`).then((r) => (r.ok ? r.text() : ''));
  const seconds = (t) => t.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const cues = [...vtt.matchAll(/([\d:.]+) --> ([\d:.]+)\s+(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)/g)]
    .map((m) => ({ start: seconds(m[1]), end: seconds(m[2]), image: m[3], x: +m[4], y: +m[5], w: +m[6], h: +m[7] }));
  const duration = lesson.durationSeconds;
  timeline.hidden = false;
  for (const chapter of await chaptersPromise) {
    const marker = document.createElement('span');
    marker.className = 'marker';
    marker.title = chapter.title;
    marker.style.left = `${(100 * chapter.startSeconds) / duration}%`;
    timeline.append(marker);
  }
  // Teaching-research comments (网络教研) on this lesson, as markers of their own.
  for (const comment of await api(`/api/lessons/${lessonId}/research-comments`).catch(() => [])) {
    const marker = document.createElement('span');
    marker.className = 'marker comment';
    marker.dataset.testid = 'comment-marker';
    marker.title = `${comment.author}${comment.criterion ? `（${comment.criterion}）` : ''}：${comment.text}`;
    marker.style.left = `${(100 * comment.atSeconds) / duration}%`;
    timeline.append(marker);
  }
  const at = (event) => Math.max(0, Math.min(duration, ((event.clientX - timeline.getBoundingClientRect().left) / timeline.clientWidth) * duration));
  timeline.addEventListener('mousemove', (event) => {
    const time = at(event);
    const cue = cues.find((c) => time >= c.start && time < c.end) ?? cues.at(-1);
    preview.hidden = false;
    preview.style.left = `${(100 * time) / duration}%`;
    preview.querySelector('span').textContent = format(time);
    const tile = preview.querySelector('.tile');
    if (cue) {
      Object.assign(tile.style, {
        width: `${cue.w}px`, height: `${cue.h}px`,
        backgroundImage: `url("${base}${cue.image}?${query}")`, backgroundPosition: `-${cue.x}px -${cue.y}px`,
      });
    }
  });
  timeline.addEventListener('mouseleave', () => { preview.hidden = true; });
  timeline.addEventListener('click', (event) => { video.currentTime = at(event); });
  video.addEventListener('timeupdate', () => {
    timeline.querySelector('.played').style.width = `${(100 * video.currentTime) / duration}%`;
  });
}

speed.addEventListener('change', () => { video.playbackRate = Number(speed.value); });

// Heartbeats: every 10 s of playing and whenever playback stops, the position and the seconds actually watched
// (wall-clock time spent playing, whatever the speed) go to the server for views, completion and resume.
let watchedSince = null;
let watched = 0;
function tally() {
  if (watchedSince !== null) { watched += (performance.now() - watchedSince) / 1000; watchedSince = video.paused ? null : performance.now(); }
}
function beat() {
  tally();
  if (watched <= 0 && video.currentTime <= 0) return;
  const body = JSON.stringify({ positionSeconds: video.currentTime, watchedSeconds: Math.min(60, watched) });
  watched = 0;
  api(`/api/lessons/${lessonId}/heartbeats`, { method: 'POST', body, keepalive: true }).catch(() => {});
}
video.addEventListener('playing', () => { watchedSince = performance.now(); });
for (const stop of ['pause', 'ended']) video.addEventListener(stop, () => { beat(); watchedSince = null; });
setInterval(() => { if (!video.paused) beat(); }, 10000);
addEventListener('pagehide', beat);
video.addEventListener('timeupdate', () => {
  if (video.currentTime > 0) localStorage.setItem(resumeKey, String(Math.floor(video.currentTime)));
});

const chapters = await chaptersPromise;
const list = document.getElementById('chapters');
for (const chapter of chapters) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = `${format(chapter.startSeconds)} ${chapter.title}`;
  button.onclick = () => { video.currentTime = chapter.startSeconds; video.play(); };
  item.append(button);
  list.append(item);
}

// What the lesson says (captions) and shows (slides, blackboard), line by line with times; a click seeks there.
const transcript = document.getElementById('transcript');
const transcriptFilter = document.getElementById('transcript-filter');
const { tracks } = await api(`/api/lessons/${lessonId}/transcript`).catch(() => ({ tracks: [] }));
const lines = tracks
  .flatMap((track) => track.lines.map((line) => ({ ...line, source: track.source })))
  .sort((a, b) => a.startSeconds - b.startSeconds);
document.getElementById('transcript-empty').hidden = lines.length > 0;
transcriptFilter.hidden = lines.length === 0;
for (const line of lines) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.dataset.start = String(line.startSeconds);
  const label = line.source === 'screen' ? transcript.dataset.screen : transcript.dataset.captions;
  button.title = label;
  button.textContent = `${format(line.startSeconds)} ${line.text}`;
  button.onclick = () => { video.currentTime = line.startSeconds; video.play(); };
  item.append(button);
  transcript.append(item);
}
transcriptFilter.addEventListener('input', () => {
  const wanted = transcriptFilter.value.trim().toLowerCase();
  for (const item of transcript.children) item.hidden = wanted !== '' && !item.textContent.toLowerCase().includes(wanted);
});

document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
  const rates = [...speed.options].map((o) => Number(o.value));
  const at = rates.indexOf(video.playbackRate);
  if (e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return;
  if (e.key === ' ') { e.preventDefault(); togglePlay(); }
  else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
  else if (e.key === 'm' || e.key === 'M') video.muted = !video.muted;
  else if (e.key === 'ArrowRight') video.currentTime += 10;
  else if (e.key === 'ArrowLeft') video.currentTime -= 10;
  else if (e.key === 'ArrowUp' && at < rates.length - 1) { speed.value = String(rates[at + 1]); video.playbackRate = rates[at + 1]; }
  else if (e.key === 'ArrowDown' && at > 0) { speed.value = String(rates[at - 1]); video.playbackRate = rates[at - 1]; }
});
