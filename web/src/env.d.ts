declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

// Classic scripts the host serves from wwwroot/lib (one copy for the app and the older pages), used as globals.
interface TusUpload {
  url: string | null;
  start(): void;
  abort(): Promise<void>;
  findPreviousUploads(): Promise<unknown[]>;
  resumeFromPreviousUpload(previous: unknown): void;
}
interface TusOptions {
  endpoint: string;
  chunkSize: number;
  retryDelays: number[];
  headers: Record<string, string>;
  metadata: Record<string, string>;
  onUploadUrlAvailable(): void;
  onProgress(sent: number, total: number): void;
  onError(error: Error): void;
  onSuccess(): void;
}
declare const tus: { Upload: new (file: File, options: TusOptions) => TusUpload };

interface SignalRConnection {
  on(method: string, handler: (...args: never[]) => void): void;
  off(method: string, handler: (...args: never[]) => void): void;
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  start(): Promise<void>;
  stop(): Promise<void>;
  onreconnected(handler: () => void): void;
}
interface SignalRBuilder { build(): SignalRConnection }
declare const signalR: {
  HubConnectionBuilder: new () => {
    withUrl(url: string): { withAutomaticReconnect(): SignalRBuilder & { withStatefulReconnect(): SignalRBuilder } };
  };
};

// hls.js's light build (no DRM, alternate audio or subtitle playlists) has the full build's API and types.
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
}
