// The live room: the classroom hub for presence, hands, chat, pages and "call on"; Janus VideoRoom for media.
import { api } from './site.js';

const root = document.querySelector('[data-session]');
const sessionId = root.dataset.session;
const classroomId = new URLSearchParams(location.search).get('classroom');
const session = await api(`/api/classroom/sessions/${sessionId}`);
const state = { session, feeds: new Map(), participants: new Map(), calledOn: null, snapshot: null, janus: null };
window.classroom = state;
/** Frames decoded so far from a feed, from the subscriber's WebRTC statistics. */
state.framesDecoded = async (feedId) => {
  const feed = state.feeds.get(feedId);
  const pc = feed?.pc ?? feed?.handle?.webrtcStuff?.pc;
  if (!pc) return 0;
  let frames = 0;
  (await pc.getStats()).forEach((report) => { if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded || 0; });
  return frames;
};
document.getElementById('title').textContent = session.title;

const hub = new signalR.HubConnectionBuilder().withUrl('/hubs/classroom').withAutomaticReconnect().withStatefulReconnect().build();
const status = (text) => { document.getElementById('status').textContent = text; };
const roleNames = { Host: '主讲教师', CoTeacher: '辅导教师', Student: '学生', Observer: '观摩', Researcher: '教研员' };
/** Why the camera or microphone could not be opened, in words a teacher can act on. */
const mediaProblem = (error) => ({
  NotFoundError: '没有找到摄像头或麦克风。可以继续听课和发言文字；接上设备后刷新页面即可开讲。',
  DevicesNotFoundError: '没有找到摄像头或麦克风。可以继续听课和发言文字；接上设备后刷新页面即可开讲。',
  NotAllowedError: '浏览器没有允许使用摄像头和麦克风。请在地址栏左侧的网站设置里允许，然后刷新页面。',
  PermissionDeniedError: '浏览器没有允许使用摄像头和麦克风。请在地址栏左侧的网站设置里允许，然后刷新页面。',
  NotReadableError: '摄像头或麦克风正被其他程序占用。关闭占用它的程序后刷新页面。',
  SecurityError: '这个地址不能使用摄像头（需要 HTTPS）。请通过学校提供的 https 地址打开课堂。',
}[error?.name] ?? `无法打开摄像头或麦克风：${error?.message ?? error}`);

function renderParticipants() {
  document.getElementById('participants').replaceChildren(...[...state.participants.values()].map((p) => {
    const li = document.createElement('li');
    li.textContent = `${p.name}（${roleNames[p.role] ?? p.role}）`;
    li.dataset.user = p.userId;
    if (state.snapshot?.you.role === 'Host' && p.role !== 'Host') {
      for (const [label, action] of [['静音', () => hub.invoke('Mute', p.userId, true)], ['移出', () => hub.invoke('Remove', p.userId)]]) {
        const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: label });
        button.setAttribute('aria-label', `${label} ${p.name}`);
        button.onclick = action;
        li.append(' ', button);
      }
    }
    return li;
  }));
}

function renderClassrooms() {
  document.getElementById('classrooms').replaceChildren(...session.classrooms.map((c) => {
    const li = document.createElement('li');
    li.textContent = c.name + (state.calledOn === c.id ? ' ★' : '');
    li.dataset.classroom = c.id;
    if (state.snapshot?.you.role === 'Host') {
      const call = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: '点名发言' });
      call.setAttribute('aria-label', `点名发言 ${c.name}`);
      call.dataset.testid = 'call-on';
      call.onclick = () => hub.invoke('CallOn', c.id);
      li.append(' ', call);
    }
    return li;
  }));
}

// The main view shows the called-on classroom's camera, or the host's until someone is called on.
function arrangeViews() {
  const main = document.getElementById('main');
  const grid = document.getElementById('grid');
  const feeds = [...state.feeds.values()];
  const chosen = feeds.find((f) => state.calledOn && f.endpointId === state.calledOn) || feeds.find((f) => f.userId === session.hostId);
  for (const feed of feeds) {
    const target = feed === chosen ? main : grid;
    if (feed.video.parentElement !== target) target.append(feed.video);
  }
}

hub.on('participantJoined', (p) => { state.participants.set(p.userId, p); renderParticipants(); });
hub.on('participantLeft', (userId) => { state.participants.delete(userId); renderParticipants(); });
const renderHands = (hands) => {
  document.getElementById('hands').replaceChildren(...hands.map((id) => Object.assign(document.createElement('li'), { textContent: state.participants.get(id)?.name ?? id })));
};
hub.on('handsChanged', renderHands);
hub.on('pageChanged', (page) => { document.getElementById('page').textContent = page; });
hub.on('mainViewChanged', (endpointId) => { state.calledOn = endpointId; renderClassrooms(); arrangeViews(); });
hub.on('chat', (m) => {
  document.getElementById('chat').append(Object.assign(document.createElement('li'), { textContent: `${m.name}：${m.text}` }));
});
hub.on('replaced', () => { status('这个课堂已在另一个窗口打开。'); state.janus?.destroy(); hub.stop(); });
hub.on('removed', () => { status('你已被主讲教师移出课堂。'); state.janus?.destroy(); });
hub.on('sessionEnded', () => {
  status('课堂已结束。');
  state.janus?.destroy();
  document.getElementById('end').hidden = true;
});

document.getElementById('leave').onclick = async () => {
  await hub.invoke('Leave').catch(() => {});
  state.janus?.destroy();
  await hub.stop();
  location.href = '/classroom';
};
document.getElementById('end').onclick = async () => {
  if (!confirm(root.dataset.endConfirm)) return;
  await api(`/api/classroom/sessions/${sessionId}/end`, { method: 'POST' }).catch((error) => status(error.message));
};

// Mesh signalling can arrive before the mesh has started (another browser offers as soon as we join): keep it.
const early = { queued: [], handler: null };
early.handler = (from, payload) => early.queued.push([from, payload]);
hub.on('signal', early.handler);

await hub.start();
const snapshot = await hub.invoke('Join', sessionId, classroomId);
state.snapshot = snapshot;
state.calledOn = snapshot.calledOn;
snapshot.participants.forEach((p) => state.participants.set(p.userId, p));
document.getElementById('page').textContent = snapshot.page;
if (snapshot.you.role === 'Host') document.querySelectorAll('.host-only').forEach((e) => { e.hidden = false; });
renderParticipants();
renderClassrooms();

let page = snapshot.page;
// A reconnect that lands on another node (the first one went away) is a new connection: join again and take the room
// as it is now, hands and page included.
hub.onreconnected(async () => {
  const again = await hub.invoke('Join', sessionId, classroomId);
  state.snapshot = again;
  state.calledOn = again.calledOn;
  state.participants.clear();
  again.participants.forEach((p) => state.participants.set(p.userId, p));
  document.getElementById('page').textContent = again.page;
  page = again.page;
  renderParticipants();
  renderClassrooms();
  renderHands(again.hands);
});
document.getElementById('page-next').onclick = () => hub.invoke('ShowPage', ++page);
document.getElementById('page-prev').onclick = () => hub.invoke('ShowPage', page = Math.max(1, page - 1));
let raised = false;
document.getElementById('hand').onclick = () => hub.invoke('RaiseHand', raised = !raised);
document.getElementById('chat-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = document.getElementById('chat-text');
  try {
    await hub.invoke('SendChat', box.value);
    box.value = '';
    document.getElementById('chat-error').textContent = '';
  } catch (error) {
    document.getElementById('chat-error').textContent = error.message.replace(/^.*HubException: /, '');
  }
});

if (session.kind === 'teaching-research' && session.lessonId) {
  const panel = document.getElementById('cowatch');
  panel.hidden = false;
  const { startCoWatching } = await import('./cowatch.js');
  await startCoWatching({ hub, session, snapshot, panel });
}

if (session.kind === 'broadcast' && snapshot.you.role !== 'Host') {
  watchLive();
} else if (snapshot.mesh) {
  const { startMesh } = await import('./mesh.js');
  await startMesh({
    hub, state, snapshot, early, iceServers: [],
    publishes: ['Host', 'CoTeacher'].includes(snapshot.you.role),
    onMediaError: (error) => status(mediaProblem(error)),
    onFeed: (participant, pc, stream) => {
      const who = state.participants.get(participant.userId) ?? participant;
      let feed = state.feeds.get(who.userId);
      if (!feed) {
        const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, title: who.name ?? '' });
        video.dataset.feed = who.userId;
        video.dataset.endpoint = who.endpointId ?? '';
        feed = { id: who.userId, userId: who.userId, endpointId: who.endpointId ?? '', name: who.name, video, pc };
        state.feeds.set(who.userId, feed);
      }
      feed.video.srcObject = stream;
      feed.video.play().catch(() => {});
      arrangeViews();
    },
  });
} else if (!snapshot.media) {
  document.getElementById('no-media').hidden = false;
} else {
  startMedia(snapshot.media, ['Host', 'CoTeacher'].includes(snapshot.you.role));
}

// Broadcast viewers: live HLS through the streaming module, whatever their number.
async function watchLive() {
  const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, controls: true });
  video.dataset.live = 'true';
  document.getElementById('main').append(video);
  state.live = { video };
  const tryStart = async () => {
    if (state.live.hls || state.live.starting) return;
    state.live.starting = true;
    const playback = await api(`/api/live/${sessionId}/playback`).catch(() => null);
    state.live.starting = false;
    if (!playback || state.live.hls) return;
    const hls = new Hls({ liveSyncDurationCount: 2 });
    state.live.hls = hls;
    hls.loadSource(playback.url);
    hls.attachMedia(video);
    hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
    // A playlist fetched before its first segment, or a node restarting, is fatal to hls.js:
    // start over instead of leaving a dead player.
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || state.live.hls !== hls) return;
      hls.destroy();
      state.live.hls = null;
      status('直播连接中断，正在重新连接…');
    });
    status('');
  };
  hub.on('broadcastOnAir', tryStart);
  status('等待主讲教师开始直播…');
  await tryStart();
  setInterval(() => { if (!state.live.hls) tryStart(); }, 3000);
}

function startMedia(media, publishes) {
  const plugin = 'janus.plugin.videoroom';
  Janus.init({
    debug: false,
    callback: () => {
      const janus = new Janus({
        server: media.server,
        // TURN with short-lived credentials for school networks that block direct UDP.
        iceServers: media.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
        success: () => join(janus),
        error: (error) => status(`媒体服务器连接失败：${error}`),
      });
      state.janus = janus;
      window.addEventListener('beforeunload', () => janus.destroy());
    },
  });

  function join(janus) {
    let control;
    let myId;
    janus.attach({
      plugin,
      success: (handle) => {
        control = handle;
        // Everyone joins as a publisher to learn about feeds; only teachers' classrooms actually send.
        handle.send({ message: { request: 'join', room: media.room, ptype: 'publisher', display: media.display, token: media.token } });
      },
      error: (error) => status(`媒体连接失败：${error}`),
      onmessage: (message, jsep) => {
        if (message.videoroom === 'joined') myId = message.id;
        if (message.configured === 'ok' && session.kind === 'broadcast') {
          hub.invoke('Publishing', myId).catch((error) => status(error.message.replace(/^.*HubException: /, '')));
        }
        if (message.videoroom === 'joined' && publishes) {
          control.createOffer({
            // Simulcast lets weak remote links take a lower layer; a broadcast is re-encoded once, from one layer.
            tracks: [{ type: 'audio', capture: true, recv: false }, { type: 'video', capture: true, recv: false, simulcast: session.kind !== 'broadcast' }],
            success: (offer) => control.send({ message: { request: 'configure', audio: true, video: true }, jsep: offer }),
            error: (error) => status(mediaProblem(error)),
          });
        }
        for (const publisher of message.publishers || []) subscribe(janus, publisher);
        const gone = message.unpublished ?? message.leaving;
        if (gone && gone !== 'ok' && state.feeds.has(gone)) {
          const feed = state.feeds.get(gone);
          feed.video.remove();
          feed.handle?.detach();
          state.feeds.delete(gone);
        }
        if (jsep) control.handleRemoteJsep({ jsep });
      },
      onlocaltrack: (track, on) => {
        if (track.kind === 'video' && on) {
          document.getElementById('self').srcObject = new MediaStream([track]);
          document.getElementById('local').hidden = false;
        }
      },
    });
  }

  function subscribe(janus, publisher) {
    if (state.feeds.has(publisher.id)) return;
    const [userId, endpointId, name] = publisher.display.split('|');
    const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, title: name });
    video.dataset.feed = publisher.id;
    video.dataset.endpoint = endpointId;
    const feed = { id: publisher.id, userId, endpointId, name, video, handle: null };
    state.feeds.set(publisher.id, feed);
    arrangeViews();
    janus.attach({
      plugin,
      success: (handle) => {
        feed.handle = handle;
        handle.send({ message: { request: 'join', room: media.room, ptype: 'subscriber', streams: [{ feed: publisher.id }], token: media.token } });
      },
      onmessage: (message, jsep) => {
        if (jsep) {
          feed.handle.createAnswer({
            jsep,
            tracks: [{ type: 'data' }],
            success: (answer) => feed.handle.send({ message: { request: 'start', room: media.room }, jsep: answer }),
            error: (error) => status(`订阅失败：${error.message ?? error}`),
          });
        }
      },
      onremotetrack: (track, mid, on) => {
        if (track.kind === 'video' && on) {
          video.srcObject = new MediaStream([track]);
          video.play().catch(() => {});
        }
      },
    });
  }
}
