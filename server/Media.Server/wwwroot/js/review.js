// The reviewer's desk: the blind queue on the left; the lesson and its rubric side by side on the right.
import { api, emptyItem } from './site.js';

let queue = [];
let current = null;
let hls = null;

async function load() {
  queue = await api('/api/review/assignments');
  document.getElementById('queue').replaceChildren(...queue.map((entry) => {
    const li = document.createElement('li');
    li.className = 'result';
    li.dataset.assignment = entry.assignmentId;
    const link = Object.assign(document.createElement('a'), { href: '#', className: 'title', textContent: entry.title });
    link.onclick = (event) => { event.preventDefault(); open(entry); };
    const meta = Object.assign(document.createElement('div'), { className: 'place' });
    meta.textContent = [entry.stage, entry.grade, entry.subject, entry.edition, entry.lesson, entry.level, entry.final ? '✔' : ''].filter(Boolean).join(' · ');
    li.append(link, meta);
    return li;
  }));
  if (queue.length === 0) document.getElementById('queue').replaceChildren(emptyItem(document.getElementById('queue')));
}

function total() {
  return [...document.querySelectorAll('#criteria input')].reduce((sum, input) => sum + (Number(input.value) || 0), 0);
}

async function open(entry) {
  current = entry;
  document.getElementById('entry').hidden = false;
  document.getElementById('entry-title').textContent = entry.title;
  document.getElementById('entry-place').textContent = [entry.stage, entry.grade, entry.subject, entry.edition, entry.lesson].filter(Boolean).join(' · ');
  document.getElementById('entry-documents').replaceChildren(...entry.documents.flatMap((d) => [
    Object.assign(document.createElement('a'), { href: `/api/review/submissions/${entry.submissionId}/documents/${d.kind}`, textContent: d.name, target: '_blank' }), ' ',
  ]));
  document.getElementById('criteria').replaceChildren(...entry.rubric.map((criterion) => {
    const label = document.createElement('label');
    label.textContent = `${criterion.name}（0–${criterion.weight}）`;
    const input = Object.assign(document.createElement('input'), { type: 'number', min: 0, max: criterion.weight, step: 0.5, name: criterion.name, required: true });
    input.value = entry.scores[criterion.name] ?? '';
    input.disabled = entry.final;
    input.oninput = () => { document.getElementById('total').textContent = total(); };
    label.append(input);
    return label;
  }));
  document.querySelector('#score-form textarea').value = entry.comment ?? '';
  document.getElementById('total').textContent = total();
  document.querySelector('[data-testid=submit-score]').disabled = entry.final;
  const video = document.getElementById('entry-video');
  hls?.destroy();
  try {
    const { url } = await api(`/api/review/assignments/${entry.assignmentId}/playback`);
    hls = new Hls();
    hls.loadSource(url);
    hls.attachMedia(video);
    document.getElementById('entry-video-error').hidden = true;
  } catch (error) {
    const message = document.getElementById('entry-video-error');
    message.textContent = error.message;
    message.hidden = false;
  }
}

async function save(final) {
  const scores = Object.fromEntries([...document.querySelectorAll('#criteria input')].filter((i) => i.value !== '').map((i) => [i.name, Number(i.value)]));
  const comment = document.querySelector('#score-form textarea').value;
  const message = document.getElementById('score-message');
  try {
    await api(`/api/review/assignments/${current.assignmentId}`, { method: 'PUT', body: JSON.stringify({ scores, comment, final }) });
    message.textContent = final ? '已提交，评分不可再修改。' : '草稿已保存。';
    await load();
    open(queue.find((e) => e.assignmentId === current.assignmentId));
  } catch (error) {
    message.textContent = error.message;
  }
}

document.getElementById('score-form').addEventListener('submit', (event) => { event.preventDefault(); save(true); });
document.getElementById('save-draft').onclick = () => save(false);
await load();
