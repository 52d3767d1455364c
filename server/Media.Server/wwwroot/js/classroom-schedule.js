// Live sessions: the ones I host, teach in or am invited to, and open broadcasts; teachers schedule new ones.
import { api } from './site.js';

const list = document.getElementById('sessions');
const kinds = { 'synchronous-class': '同步课堂', broadcast: '名师课堂', 'teaching-research': '网络教研' };

async function load() {
  const sessions = await api('/api/classroom/sessions');
  list.replaceChildren(...sessions.map((s) => {
    const li = document.createElement('li');
    li.className = 'result';
    const link = Object.assign(document.createElement('a'), { href: s.joinUrl, className: 'title', textContent: s.title });
    const meta = document.createElement('div');
    meta.className = 'place';
    meta.textContent = `${kinds[s.kind] ?? s.kind} · ${new Date(s.startsAt).toLocaleString()} · ${s.status} · ${s.yourRole}`
      + (s.classrooms.length ? ` · ${s.classrooms.map((c) => c.name).join('、')}` : '');
    li.append(link, meta);
    return li;
  }));
}

const form = document.getElementById('new-session');
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const startsAt = new Date(data.get('startsAt'));
  const lines = (name) => String(data.get(name) || '').split('\n').map((l) => l.trim()).filter(Boolean);
  try {
    await api('/api/classroom/sessions', {
      method: 'POST',
      body: JSON.stringify({
        title: data.get('title'),
        kind: data.get('kind'),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + Number(data.get('minutes')) * 60000).toISOString(),
        lessonId: data.get('lessonId') || null,
        classrooms: lines('classrooms').map((l) => { const [name, coTeacher] = l.split('|').map((p) => p.trim()); return { name, coTeacher: coTeacher || null }; }),
        invitees: lines('invitees').map((l) => { const [userName, role] = l.split(/\s+/); return { userName, role: role || 'student' }; }),
      }),
    });
    form.reset();
    document.getElementById('schedule-error').textContent = '';
    await load();
  } catch (error) {
    document.getElementById('schedule-error').textContent = error.message;
  }
});

await load();
