// 名师课堂 viewers: the broadcast as live HLS through the streaming module, whatever their number.
import Hls from 'hls.js/light';
import { api } from '../api';
import type { Hub, RoomMedia } from './hub';

export async function watchBroadcast(hub: Hub, room: RoomMedia, into: HTMLElement, status: (text: string) => void) {
  const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, controls: true });
  video.dataset.live = 'true';
  into.append(video);
  const live: NonNullable<RoomMedia['live']> = { video };
  room.live = live;
  const tryStart = async () => {
    if (live.hls || live.starting) return;
    live.starting = true;
    const playback = await api<{ url: string }>(`/api/live/${room.session.id}/playback`).catch(() => null);
    live.starting = false;
    if (!playback || live.hls) return;
    const hls = new Hls({ liveSyncDurationCount: 2 });
    live.hls = hls;
    hls.loadSource(playback.url);
    hls.attachMedia(video);
    hls.on(Hls.Events.MANIFEST_PARSED, () => { video.play().catch(() => {}); });
    // A playlist fetched before its first segment, or a node restarting, is fatal to hls.js: start over instead of
    // leaving a dead player.
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || live.hls !== hls) return;
      hls.destroy();
      live.hls = undefined;
      status('直播连接中断，正在重新连接…');
    });
    status('');
  };
  hub.on('broadcastOnAir', tryStart);
  status('等待主讲教师开始直播…');
  await tryStart();
  setInterval(() => { if (!live.hls) void tryStart(); }, 3000);
}
