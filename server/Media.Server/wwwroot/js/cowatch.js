// Teaching research (网络教研): everyone watches the same catalog lesson; the host's player leads (play, pause,
// seek, speed) through the hub and the others follow, correcting drift; comments are pinned to moments.
import { api } from './site.js';

const DRIFT = 0.3;

export async function startCoWatching({ hub, session, snapshot, panel }) {
  const video = panel.querySelector('video');
  const leads = snapshot.you.role === 'Host';
  const { url } = await api(`/api/lessons/${session.lessonId}/playback`);
  const hls = new Hls();
  hls.loadSource(url);
  hls.attachMedia(video);
  await new Promise((resolve) => hls.on(Hls.Events.MANIFEST_PARSED, resolve));

  let state = snapshot.playback;
  let receivedAt = performance.now();
  const expected = () => state.position + (state.playing ? ((performance.now() - receivedAt) / 1000) * state.rate : 0);
  const follow = async () => {
    video.playbackRate = state.rate;
    // A follower still fetching after its last correction is left to catch up: seeking again would only restart the wait.
    const settling = video.seeking || (!video.paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA);
    if (!settling && Math.abs(video.currentTime - expected()) > DRIFT) video.currentTime = expected();
    if (state.playing && video.paused) {
      await video.play().catch(() => { panel.querySelector('.unmute').hidden = false; });
    } else if (!state.playing && !video.paused) {
      video.pause();
      video.currentTime = state.position;
    }
  };

  if (leads) {
    // Only the host's own actions are sent; the position rides along with every change. While the host's player
    // waits for data it counts as paused, so the others hold where it is instead of running ahead; a heartbeat
    // keeps them on the host's real clock between changes.
    let stalled = false;
    const send = () => hub.invoke('SetPlayback', !video.paused && !stalled, video.currentTime, video.playbackRate);
    for (const event of ['play', 'pause', 'seeked', 'ratechange']) video.addEventListener(event, send);
    video.addEventListener('waiting', () => { stalled = true; send(); });
    video.addEventListener('playing', () => { stalled = false; send(); });
    setInterval(() => { if (!video.paused && !stalled) send(); }, 3000);
    if (state.position > 0) video.currentTime = state.position;
  } else {
    video.controls = false;
    hub.on('playbackChanged', (changed) => { state = changed; receivedAt = performance.now(); follow(); });
    setInterval(() => { if (state.playing) follow(); }, 1000);
    panel.querySelector('.unmute').onclick = () => { panel.querySelector('.unmute').hidden = true; follow(); };
    await follow();
  }

  const list = panel.querySelector('.comments');
  const show = (comment) => {
    const li = document.createElement('li');
    const at = `${Math.floor(comment.atSeconds / 60)}:${String(Math.floor(comment.atSeconds % 60)).padStart(2, '0')}`;
    li.textContent = `[${at}] ${comment.author}${comment.criterion ? `（${comment.criterion}）` : ''}：${comment.text}`;
    li.onclick = () => { if (leads) video.currentTime = comment.atSeconds; };
    list.append(li);
  };
  (await api(`/api/lessons/${session.lessonId}/research-comments`).catch(() => [])).forEach(show);
  hub.on('commentAdded', show);
  panel.querySelector('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = panel.querySelector('[name=comment]');
    const criterion = panel.querySelector('[name=criterion]');
    await hub.invoke('Comment', video.currentTime, text.value, criterion.value || null);
    text.value = '';
  });
  window.classroom.coWatch = { video, state: () => state };
}
