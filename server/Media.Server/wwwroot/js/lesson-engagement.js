// Beside the player: counts, the viewer's stars and favourite, and related lessons with their reasons.
import { api } from './site.js';
import { lessonCard } from './lesson-card.js';

const panel = document.getElementById('engagement');
const lessonId = panel.dataset.lesson;
const labels = JSON.parse(panel.dataset.labels);
const starsBox = document.getElementById('stars');
const favourite = document.getElementById('favourite');
const counts = document.getElementById('counts');

function show(engagement) {
  counts.textContent = `${labels.Views} ${engagement.views} · ${labels.Downloads} ${engagement.downloads} · `
    + `${engagement.averageRating ? engagement.averageRating.toFixed(1) : '–'} (${engagement.ratingCount}) · ♥ ${engagement.favourites}`;
  starsBox.querySelectorAll('button').forEach((button) => {
    button.textContent = Number(button.value) <= (engagement.myRating ?? 0) ? '★' : '☆';
  });
  favourite.textContent = engagement.isFavourite ? labels.Unfavourite : labels.Favourite;
  favourite.dataset.on = engagement.isFavourite;
}

try {
  show(await api(`/api/lessons/${lessonId}/engagement`));
  panel.hidden = false;
} catch {
  // Not published yet: nothing to rate.
}

for (let stars = 1; stars <= 5; stars++) {
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link star', value: stars, textContent: '☆' });
  button.title = `${stars}`;
  button.onclick = async () => show(await api(`/api/lessons/${lessonId}/rating`, { method: 'PUT', body: JSON.stringify({ stars }) }));
  starsBox.append(button);
}
favourite.onclick = async () => show(await api(`/api/lessons/${lessonId}/favourite`, { method: favourite.dataset.on === 'true' ? 'DELETE' : 'PUT' }));

const related = await api(`/api/lessons/${lessonId}/related?take=6`).catch(() => []);
if (related.length > 0) {
  document.getElementById('related').replaceChildren(...related.map((r) => lessonCard(r.lesson, labels, { reason: r.reason })));
  document.getElementById('related-section').hidden = false;
}
