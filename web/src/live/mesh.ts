// Without Janus, a small session (≤ 3 classrooms) runs as a browser mesh: every pair in which someone sends a
// camera gets its own RTCPeerConnection, and the classroom hub relays offers, answers and ICE candidates.
import type { Hub, Participant, RoomMedia, Snapshot } from './hub';

export interface MeshOptions {
  hub: Hub;
  room: RoomMedia;
  snapshot: Snapshot;
  publishes: boolean;
  /** Signals that arrived before the mesh started (another browser offers as soon as we join). */
  early: { queued: [string, string][]; handler: (from: string, payload: string) => void };
  showSelf(stream: MediaStream): void;
  onFeed(participant: Participant, pc: RTCPeerConnection, stream: MediaStream): void;
  onMediaError(error: unknown): void;
}

export async function startMesh({ hub, room, snapshot, publishes, early, showSelf, onFeed, onMediaError }: MeshOptions) {
  const me = snapshot.you.userId;
  const peers = new Map<string, { pc: RTCPeerConnection; participant: Participant }>();
  // Without a camera (or when it is refused) a teacher still takes part: they receive, and the page says why they do not send.
  const local = publishes ? await openCamera().catch((error) => { onMediaError(error); return null; }) : null;
  if (local) showSelf(local);
  const sends = (p: Participant) => p.role === 'Host' || p.role === 'CoTeacher';

  async function openCamera() {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('insecure'), { name: 'SecurityError' });
    return navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  }

  function connect(participant: Participant) {
    if (participant.userId === me || peers.has(participant.userId) || (!publishes && !sends(participant))) return null;
    const pc = new RTCPeerConnection({ iceServers: [] });
    const peer = { pc, participant };
    peers.set(participant.userId, peer);
    local?.getTracks().forEach((track) => pc.addTrack(track, local));
    if (!local) pc.addTransceiver('video', { direction: 'recvonly' });
    pc.onicecandidate = (event) => { if (event.candidate) void hub.invoke('Signal', participant.userId, JSON.stringify({ candidate: event.candidate })); };
    pc.ontrack = (event) => { if (event.track.kind === 'video') onFeed(participant, pc, new MediaStream([event.track])); };
    return peer;
  }

  async function offer(peer: { pc: RTCPeerConnection; participant: Participant }) {
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    await hub.invoke('Signal', peer.participant.userId, JSON.stringify({ description: peer.pc.localDescription }));
  }

  async function handle(from: string, payload: string) {
    const message = JSON.parse(payload);
    const peer = peers.get(from) ?? connect(room.participants.get(from) ?? { userId: from, name: '', role: 'Student' });
    if (!peer) return;
    if (message.description) {
      await peer.pc.setRemoteDescription(message.description);
      if (message.description.type === 'offer') {
        await peer.pc.setLocalDescription(await peer.pc.createAnswer());
        await hub.invoke('Signal', from, JSON.stringify({ description: peer.pc.localDescription }));
      }
    } else if (message.candidate) {
      await peer.pc.addIceCandidate(message.candidate).catch(() => {});
    }
  }

  // Signals that arrived while this page was still joining were queued; take over, then play them back in order.
  hub.off('signal', early.handler);
  hub.on('signal', handle);
  for (const [from, payload] of early.queued.splice(0)) await handle(from, payload);
  hub.on('participantJoined', (participant: Participant) => { const peer = connect(participant); if (peer && me < participant.userId) void offer(peer); });
  hub.on('participantLeft', (userId: string) => { peers.get(userId)?.pc.close(); peers.delete(userId); });

  // Whoever has the smaller id offers, so that two newcomers never both do.
  // Everyone known by now: the snapshot plus whoever joined while this page was starting.
  for (const participant of room.participants.values()) {
    const peer = connect(participant);
    if (peer && me < participant.userId) await offer(peer);
  }
}
