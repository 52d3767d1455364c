// One way to put a player on a <video>: hls.js (light build) for the signed playlist and Plyr's labelled controls in
// the page's language. The lesson page and the review desk both use it; what each adds (resume and heartbeats, or
// the desk's own keys) stays with them.
import Hls from 'hls.js/light';
import Plyr from 'plyr';
import 'plyr/dist/plyr.css';
import plyrIcons from 'plyr-icons.svg?url';
import { i18n } from '../../i18n';
import { thumbnailsFrom } from './timeline';

export interface PlayerOptions {
  /** Where to start (seconds); from the beginning when absent. */
  startAt?: number | null;
  /** Moments marked on the scrub bar (chapters, comments); labels are people's text and are escaped here. */
  markers?: { time: number; label: string }[];
  /** Plyr's keyboard shortcuts for the whole page; off where the page has keys of its own (the review desk). */
  keys: boolean;
  /** A selector of the element that goes full screen with the video (e.g. to keep an overlay visible). */
  fullscreenContainer?: string;
}

export interface MountedPlayer {
  hls: Hls;
  plyr: Plyr;
  destroy(): void;
}

const speeds = [0.5, 0.75, 1, 1.25, 1.5, 2];

// Plyr's own words in the page's language; {seektime}-style placeholders are Plyr's and pass through untouched.
function plyrTexts() {
  const t = i18n.global.t;
  const keys = ['restart', 'play', 'pause', 'seek', 'played', 'buffered', 'currentTime', 'duration', 'volume', 'mute', 'unmute',
    'enableCaptions', 'disableCaptions', 'download', 'enterFullscreen', 'exitFullscreen', 'captions', 'settings', 'pip',
    'menuBack', 'speed', 'normal', 'quality', 'loop', 'start', 'end', 'all', 'reset', 'disabled', 'enabled'];
  const texts: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, t(`player.plyr.${key}`)]));
  texts.rewind = t('player.plyr.rewind', { seektime: '{seektime}' });
  texts.fastForward = t('player.plyr.fastForward', { seektime: '{seektime}' });
  texts.seekLabel = t('player.plyr.seekLabel', { currentTime: '{currentTime}', duration: '{duration}' });
  texts.frameTitle = t('player.plyr.frameTitle', { title: '{title}' });
  texts.qualityLabel = { 0: t('player.auto') };
  texts.qualityBadge = {};
  return texts;
}

// Plyr writes a marker's label into the seek tooltip as HTML: titles and comments are people's text, so escaped.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Two gaps in Plyr that screen readers meet: the settings button is named only by its tooltip, which is hidden
// while its menu is open, and the scrub previews are images without alt text (decorative: the time is beside them).
function makeAccessible(player: Plyr) {
  const container = (player as unknown as { elements: { container: HTMLElement } }).elements.container;
  container.querySelector('button[data-plyr="settings"][aria-haspopup]')?.setAttribute('aria-label', i18n.global.t('player.plyr.settings'));
  const describeImages = () => container.querySelectorAll('img:not([alt])').forEach((image) => image.setAttribute('alt', ''));
  new MutationObserver(describeImages).observe(container, { childList: true, subtree: true });
}

/** Puts the player on the video; resolves once Plyr's controls are there and the video is attached. */
export async function mountPlayer(video: HTMLVideoElement, url: string, options: PlayerOptions): Promise<MountedPlayer> {
  const hls = new Hls({ capLevelToPlayerSize: true, startPosition: options.startAt ?? -1 });
  const points = (options.markers ?? []).map((m) => ({ time: m.time, label: escapeHtml(m.label) }));
  // The playlist first, then Plyr (which wraps the video element in its own), and only then the video is attached:
  // moving an element that is about to load from the playlist's blob URL would make it ask for that URL again.
  // The scrub previews are fetched meanwhile, not before.
  const parsed = new Promise<void>((resolve) => hls.once(Hls.Events.MANIFEST_PARSED, () => resolve()));
  hls.loadSource(url);
  const [thumbnails] = await Promise.all([thumbnailsFrom(url), parsed]);
  const heights = [...new Set(hls.levels.map((level) => level.height))].sort((a, b) => b - a);
  const plyr = new Plyr(video, {
    controls: ['play-large', 'play', 'progress', 'current-time', 'duration', 'mute', 'volume', 'captions', 'settings', 'pip', 'fullscreen'],
    settings: ['captions', 'quality', 'speed'],
    i18n: plyrTexts(),
    iconUrl: plyrIcons,
    blankVideo: '',
    invertTime: false,
    toggleInvert: false,
    disableContextMenu: false,
    storage: { enabled: false },
    keyboard: { focused: options.keys, global: options.keys },
    tooltips: { controls: true, seek: true },
    captions: { active: false, language: 'auto', update: true },
    speed: { selected: 1, options: speeds },
    quality: {
      default: 0,
      options: [0, ...heights],
      forced: true,
      onChange: (height: number) => { hls.currentLevel = height === 0 ? -1 : hls.levels.findIndex((l) => l.height === height); },
    },
    fullscreen: { enabled: true, fallback: true, iosNative: false, container: options.fullscreenContainer },
    markers: { enabled: points.length > 0, points },
    previewThumbnails: thumbnails
      ? { enabled: true, src: ((done: (t: unknown) => void) => done(thumbnails)) as unknown as string }
      : { enabled: false },
  });
  makeAccessible(plyr);
  plyr.on('enterfullscreen', () => {
    const orientation = screen.orientation as ScreenOrientation & { lock?: (o: string) => Promise<void> };
    orientation.lock?.('landscape').catch(() => {});
  });
  hls.attachMedia(video);
  return { hls, plyr, destroy: () => { plyr.destroy(); hls.destroy(); } };
}
