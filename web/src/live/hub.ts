// The classroom hub (SignalR, served by the host from wwwroot/lib as a global) as the live room uses it.

export type Hub = SignalRConnection;

export const connectClassroomHub = (): Hub =>
  new signalR.HubConnectionBuilder().withUrl('/hubs/classroom').withAutomaticReconnect().withStatefulReconnect().build();

/** The hub's refusal as the user should read it (the server's text without the exception's type). */
export const hubProblem = (error: unknown) => String((error as Error)?.message ?? error).replace(/^.*HubException: /, '');

export interface Participant { userId: string; name: string; role: string; endpointId?: string | null }

export interface LiveSession {
  id: string;
  title: string;
  kind: 'synchronous-class' | 'broadcast' | 'teaching-research';
  hostId: string;
  lessonId: string | null;
  classrooms: { id: string; name: string }[];
}

export interface MediaSettings {
  server: string;
  room: number;
  display: string;
  token: string;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
}

export interface PlaybackState { playing: boolean; position: number; rate: number }

export interface Snapshot {
  you: Participant;
  participants: Participant[];
  hands: string[];
  page: number;
  calledOn: string | null;
  mesh: boolean;
  media: MediaSettings | null;
  playback: PlaybackState;
}

/** A video arriving in the room: a camera of a classroom or teacher. */
export interface Feed {
  id: string | number;
  userId: string;
  endpointId: string;
  name: string;
  video: HTMLVideoElement;
  pc?: RTCPeerConnection;
  handle?: any;
}

/**
 * What the room holds outside Vue's reactivity (media elements and connections), also on window.classroom for
 * support and tests: the feeds, the live player, the co-watching player, decoded frames per feed.
 */
export interface RoomMedia {
  session: LiveSession;
  snapshot: Snapshot | null;
  feeds: Map<string | number, Feed>;
  participants: Map<string, Participant>;
  janus: any;
  live?: { video: HTMLVideoElement; hls?: any; starting?: boolean };
  coWatch?: { video: HTMLVideoElement; state: () => PlaybackState };
  framesDecoded(feedId: string | number): Promise<number>;
}
