// Teaching research (网络教研): everyone watches the same catalog lesson; the host's player leads (play, pause, seek,
// speed) through the hub and the others follow, correcting drift.
import Hls from 'hls.js/light';
import { api } from '../api';
import type { Hub, LiveSession, PlaybackState, RoomMedia, Snapshot } from './hub';

const DRIFT = 0.3;

export interface CoWatching {
  leads: boolean;
  /** A follower whose browser refused to start playing on its own: playing again after a click. */
  follow(): Promise<void>;
}

export async function startCoWatching(hub: Hub, room: RoomMedia, session: LiveSession, snapshot: Snapshot, video: HTMLVideoElement,
  onBlocked: () => void): Promise<CoWatching> {
  const leads = snapshot.you.role === 'Host';
  const { url } = await api<{ url: string }>(`/api/lessons/${session.lessonId}/playback`);
  const hls = new Hls();
  hls.loadSource(url);
  hls.attachMedia(video);
  await new Promise((resolve) => hls.on(Hls.Events.MANIFEST_PARSED, resolve));

  let state: PlaybackState = snapshot.playback;
  let receivedAt = performance.now();
  const expected = () => state.position + (state.playing ? ((performance.now() - receivedAt) / 1000) * state.rate : 0);
  const follow = async () => {
    video.playbackRate = state.rate;
    // A follower still fetching after its last correction is left to catch up: seeking again would only restart the wait.
    const settling = video.seeking || (!video.paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA);
    if (!settling && Math.abs(video.currentTime - expected()) > DRIFT) video.currentTime = expected();
    if (state.playing && video.paused) {
      await video.play().catch(onBlocked);
    } else if (!state.playing && !video.paused) {
      video.pause();
      video.currentTime = state.position;
    }
  };

  if (leads) {
    // Only the host's own actions are sent; the position rides along with every change. While the host's player
    // waits for data it counts as paused, so the others hold where it is instead of running ahead; a heartbeat
    // keeps them on the host's real clock between changes.
    video.controls = true;
    let stalled = false;
    const send = () => hub.invoke('SetPlayback', !video.paused && !stalled, video.currentTime, video.playbackRate);
    for (const event of ['play', 'pause', 'seeked', 'ratechange']) video.addEventListener(event, send);
    video.addEventListener('waiting', () => { stalled = true; void send(); });
    video.addEventListener('playing', () => { stalled = false; void send(); });
    setInterval(() => { if (!video.paused && !stalled) void send(); }, 3000);
    if (state.position > 0) video.currentTime = state.position;
  } else {
    video.controls = false;
    hub.on('playbackChanged', (changed: PlaybackState) => { state = changed; receivedAt = performance.now(); void follow(); });
    setInterval(() => { if (state.playing) void follow(); }, 1000);
    await follow();
  }
  room.coWatch = { video, state: () => state };
  return { leads, follow };
}
