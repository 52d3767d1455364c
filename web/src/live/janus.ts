// Janus VideoRoom for a session with a media server: everyone joins as a publisher to learn about feeds; teachers'
// classrooms also send their camera (simulcast, so that weak remote links can take a lower layer).
import type { Feed, Hub, LiveSession, MediaSettings, RoomMedia } from './hub';
import { hubProblem } from './hub';

declare const Janus: any;

export interface JanusOptions {
  hub: Hub;
  room: RoomMedia;
  session: LiveSession;
  media: MediaSettings;
  publishes: boolean;
  status(text: string): void;
  mediaProblem(error: unknown): string;
  showSelf(stream: MediaStream): void;
  /** A feed was added or removed: lay the videos out again. */
  arrange(): void;
}

export function startJanus({ hub, room, session, media, publishes, status, mediaProblem, showSelf, arrange }: JanusOptions) {
  const plugin = 'janus.plugin.videoroom';
  Janus.init({
    debug: false,
    callback: () => {
      const janus = new Janus({
        server: media.server,
        // TURN with short-lived credentials for school networks that block direct UDP.
        iceServers: media.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
        success: () => join(janus),
        error: (error: unknown) => status(`媒体服务器连接失败：${error}`),
      });
      room.janus = janus;
      addEventListener('beforeunload', () => janus.destroy());
    },
  });

  function join(janus: any) {
    let control: any;
    let myId: number | undefined;
    janus.attach({
      plugin,
      success: (handle: any) => {
        control = handle;
        handle.send({ message: { request: 'join', room: media.room, ptype: 'publisher', display: media.display, token: media.token } });
      },
      error: (error: unknown) => status(`媒体连接失败：${error}`),
      onmessage: (message: any, jsep: any) => {
        if (message.videoroom === 'joined') myId = message.id;
        if (message.configured === 'ok' && session.kind === 'broadcast') {
          hub.invoke('Publishing', myId).catch((error) => status(hubProblem(error)));
        }
        if (message.videoroom === 'joined' && publishes) {
          control.createOffer({
            // A broadcast is re-encoded once, from one layer.
            tracks: [{ type: 'audio', capture: true, recv: false }, { type: 'video', capture: true, recv: false, simulcast: session.kind !== 'broadcast' }],
            success: (offer: unknown) => control.send({ message: { request: 'configure', audio: true, video: true }, jsep: offer }),
            error: (error: unknown) => status(mediaProblem(error)),
          });
        }
        for (const publisher of message.publishers || []) subscribe(janus, publisher);
        const gone = message.unpublished ?? message.leaving;
        if (gone && gone !== 'ok' && room.feeds.has(gone)) {
          const feed = room.feeds.get(gone)!;
          feed.video.remove();
          feed.handle?.detach();
          room.feeds.delete(gone);
        }
        if (jsep) control.handleRemoteJsep({ jsep });
      },
      onlocaltrack: (track: MediaStreamTrack, on: boolean) => {
        if (track.kind === 'video' && on) showSelf(new MediaStream([track]));
      },
    });
  }

  function subscribe(janus: any, publisher: { id: number; display: string }) {
    if (room.feeds.has(publisher.id)) return;
    const [userId, endpointId, name] = publisher.display.split('|');
    const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, title: name });
    video.dataset.feed = String(publisher.id);
    video.dataset.endpoint = endpointId;
    const feed: Feed = { id: publisher.id, userId, endpointId, name, video, handle: null };
    room.feeds.set(publisher.id, feed);
    arrange();
    janus.attach({
      plugin,
      success: (handle: any) => {
        feed.handle = handle;
        handle.send({ message: { request: 'join', room: media.room, ptype: 'subscriber', streams: [{ feed: publisher.id }], token: media.token } });
      },
      onmessage: (_message: unknown, jsep: unknown) => {
        if (jsep) {
          feed.handle.createAnswer({
            jsep,
            tracks: [{ type: 'data' }],
            success: (answer: unknown) => feed.handle.send({ message: { request: 'start', room: media.room }, jsep: answer }),
            error: (error: any) => status(`订阅失败：${error.message ?? error}`),
          });
        }
      },
      onremotetrack: (track: MediaStreamTrack, _mid: string, on: boolean) => {
        if (track.kind === 'video' && on) {
          video.srcObject = new MediaStream([track]);
          video.play().catch(() => {});
        }
      },
    });
  }
}
