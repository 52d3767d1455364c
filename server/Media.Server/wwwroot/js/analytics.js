import { api } from '/js/site.js';
import { drawBars } from '/js/bars.js';
const id = document.querySelector('[data-lesson]').dataset.lesson;
const [lesson, a] = await Promise.all([api(`/api/lessons/${id}`), api(`/api/lessons/${id}/analytics`)]);
document.getElementById('lesson-link').textContent = lesson.title;
document.getElementById('views').textContent = a.views;
document.getElementById('viewers').textContent = a.viewers;
document.getElementById('watch').textContent = Math.round(a.watchSeconds / 60);
document.getElementById('completion').textContent = `${Math.round(a.completionRate * 100)}%`;
// Bars: viewers who reached 0%, 10% … 90% of the lesson.
drawBars(document.getElementById('plot'), a.dropOff.map((p) => ({ label: `${p.fromPercent}%`, value: p.viewers })));
