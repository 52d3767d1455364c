// Live sessions: the ones I host, teach in or am invited to, and open broadcasts; teachers schedule new ones.
import { api, emptyItem } from './site.js';

const list = document.getElementById('sessions');
const kinds = { 'synchronous-class': '同步课堂', broadcast: '名师课堂', 'teaching-research': '网络教研' };
const statuses = { scheduled: '未开始', live: '进行中', ended: '已结束' };
const roles = { Host: '主讲教师', CoTeacher: '辅导教师', Student: '学生', Observer: '观摩', Researcher: '教研员' };

async function load() {
  const sessions = await api('/api/classroom/sessions');
  list.replaceChildren(...sessions.map((s) => {
    const li = document.createElement('li');
    li.className = 'result';
    const link = Object.assign(document.createElement('a'), { href: s.joinUrl, className: 'title', textContent: s.title });
    const meta = document.createElement('div');
    meta.className = 'place';
    meta.textContent = `${kinds[s.kind] ?? s.kind} · ${new Date(s.startsAt).toLocaleString()} · ${statuses[s.status] ?? s.status} · ${roles[s.yourRole] ?? s.yourRole}`
      + (s.classrooms.length ? ` · ${s.classrooms.map((c) => c.name).join('、')}` : '');
    li.append(link, meta);
    return li;
  }));
  if (sessions.length === 0) list.replaceChildren(emptyItem(list));
}

// Classes are picked from the roster (their students are invited by class), each with an optional co-teacher from its school.
const picker = document.querySelector('.class-picker');
const chosen = new Map();
async function findClasses() {
  const found = document.getElementById('class-found');
  const words = document.getElementById('class-search').value.trim();
  const classes = await api(`/api/classroom/classes?q=${encodeURIComponent(words)}`).catch(() => []);
  found.replaceChildren(...classes.map((c) => {
    const li = document.createElement('li');
    const add = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: `${picker.dataset.add} ${c.name}（${c.students}）` });
    add.onclick = () => choose(c);
    li.append(add);
    return li;
  }));
  if (classes.length === 0) found.replaceChildren(Object.assign(document.createElement('li'), { className: 'tagline', textContent: picker.dataset.none }));
}
async function choose(c) {
  if (chosen.has(c.id)) return;
  const li = document.createElement('li');
  li.dataset.classId = c.id;
  const coTeacher = document.createElement('select');
  coTeacher.setAttribute('aria-label', `${picker.dataset.coTeacher}：${c.name}`);
  coTeacher.add(new Option(`${picker.dataset.coTeacher}：${picker.dataset.noCoTeacher}`, ''));
  for (const t of c.schoolId ? await api(`/api/classroom/teachers?school=${c.schoolId}`).catch(() => []) : []) {
    coTeacher.add(new Option(`${picker.dataset.coTeacher}：${t.displayName}${t.title ? `（${t.title}）` : ''}`, t.id));
  }
  const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: picker.dataset.remove });
  remove.onclick = () => { chosen.delete(c.id); li.remove(); };
  li.append(Object.assign(document.createElement('span'), { textContent: `${c.name} ` }), coTeacher, remove);
  chosen.set(c.id, { classId: c.id, coTeacher });
  document.getElementById('class-chosen').append(li);
}
document.getElementById('class-find')?.addEventListener('click', findClasses);
document.getElementById('class-search')?.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); findClasses(); } });

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
        classrooms: [
          ...[...chosen.values()].map((c) => ({ classId: c.classId, coTeacherId: c.coTeacher.value || null })),
          ...lines('classrooms').map((l) => { const [name, coTeacher] = l.split('|').map((p) => p.trim()); return { name, coTeacher: coTeacher || null }; }),
        ],
        invitees: lines('invitees').map((l) => { const [userName, role] = l.split(/\s+/); return { userName, role: role || 'student' }; }),
      }),
    });
    form.reset();
    chosen.clear();
    document.getElementById('class-chosen').replaceChildren();
    document.getElementById('schedule-error').textContent = '';
    await load();
  } catch (error) {
    document.getElementById('schedule-error').textContent = error.message;
  }
});

await load();
