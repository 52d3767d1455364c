// The teacher's upload page: tus-js-client sends files in resumable chunks; the server pushes validation
// results over SignalR (/hubs/uploads), so a row turns "accepted" or "rejected" without reloading.
import { api } from './site.js';

const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
const states = JSON.parse(document.getElementById('upload-states').textContent);
const list = document.getElementById('uploads');
const rows = new Map();

function metadataFields() {
  const metadata = {};
  for (const input of document.querySelectorAll('[data-metadata]')) {
    if (input.value.trim()) metadata[input.dataset.metadata] = input.value.trim();
  }
  return metadata;
}

function rowFor(key, name) {
  let row = rows.get(key);
  if (!row) {
    row = document.getElementById('upload-row').content.firstElementChild.cloneNode(true);
    row.querySelector('.name').textContent = name;
    list.prepend(row);
    rows.set(key, row);
    document.getElementById('none').hidden = true;
  }
  return row;
}

function show(row, { state, offset, length, error, lessonId }) {
  row.dataset.state = state;
  row.querySelector('.state').textContent = states[state] ?? state;
  if (length) row.querySelector('progress').value = Math.round((100 * offset) / length);
  row.querySelector('.detail').textContent = error ?? '';
  const receiving = state === 'receiving' || state === 'paused' || state === 'failed';
  row.querySelector('.pause').hidden = state !== 'receiving' || !row.upload;
  row.querySelector('.resume').hidden = !(receiving && state !== 'receiving' && row.upload);
  const lesson = row.querySelector('.lesson');
  lesson.hidden = !lessonId;
  if (lessonId) lesson.href = `/lessons/${lessonId}`;
  const edit = row.querySelector('.edit');
  edit.hidden = !lessonId;
  if (lessonId) edit.href = `/lessons/${lessonId}/edit`;
  const analytics = row.querySelector('.analytics');
  analytics.hidden = !lessonId;
  if (lessonId) analytics.href = `/lessons/${lessonId}/analytics`;
}

function start(file) {
  const metadata = { ...metadataFields(), filename: file.name, filetype: file.type };
  const upload = new tus.Upload(file, {
    endpoint: '/api/uploads/',
    chunkSize: 8 * 1024 * 1024,
    retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
    headers: { 'X-CSRF-TOKEN': csrf },
    metadata,
    onUploadUrlAvailable: () => rows.set(upload.url.split('/').pop(), row),
    onProgress: (sent, total) => show(row, { state: 'receiving', offset: sent, length: total }),
    onError: (error) => show(row, { state: 'failed', offset: 0, length: 0, error: String(error.message ?? error) }),
    onSuccess: () => {
      if (row.dataset.state === 'receiving') show(row, { state: 'validating', offset: file.size, length: file.size });
    },
  });
  const row = rowFor(file.name + ':' + file.size + ':' + Date.now(), file.name);
  row.upload = upload;
  row.querySelector('.pause').onclick = () => upload.abort().then(() => show(row, { state: 'paused', offset: Number(row.querySelector('progress').value) * file.size / 100, length: file.size }));
  row.querySelector('.resume').onclick = () => { show(row, { state: 'receiving', offset: 0, length: 0 }); upload.start(); };
  // Continue an earlier attempt of the same file (tus-js-client remembers upload URLs in localStorage).
  upload.findPreviousUploads().then((previous) => {
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
    show(row, { state: 'receiving', offset: 0, length: file.size });
  });
}

const drop = document.getElementById('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); [...e.dataTransfer.files].forEach(start); });
document.getElementById('files').addEventListener('change', (e) => { [...e.target.files].forEach(start); e.target.value = ''; });

for (const upload of await api('/api/uploads/')) {
  const row = rowFor(upload.id, upload.title ?? upload.fileName ?? upload.id);
  show(row, upload);
  if (upload.lessonId) rows.set('lesson:' + upload.lessonId, row);
}
document.getElementById('none').hidden = rows.size > 0;

const hub = new signalR.HubConnectionBuilder().withUrl('/hubs/uploads').withAutomaticReconnect().build();
hub.on('uploadChanged', (upload) => {
  const row = rows.get(upload.id);
  if (row) {
    show(row, upload);
    if (upload.lessonId) rows.set('lesson:' + upload.lessonId, row);
  }
});
hub.start().catch(() => { /* the list still refreshes on reload */ });

// After acceptance the lesson is transcoded; its progress arrives on a hub of its own.
const transcodes = new signalR.HubConnectionBuilder().withUrl('/hubs/transcodes').withAutomaticReconnect().build();
transcodes.on('transcodeChanged', (t) => {
  const row = rows.get('lesson:' + t.lessonId);
  if (!row) return;
  const label = states['transcode:' + t.state] ?? t.state;
  row.querySelector('.state').textContent = t.state === 'running' ? `${label} ${Math.round(t.percent)}%` : label;
  row.querySelector('progress').value = t.percent;
  row.querySelector('.detail').textContent = t.state === 'failed' ? (t.error ?? '') : '';
});
transcodes.start().catch(() => {});
