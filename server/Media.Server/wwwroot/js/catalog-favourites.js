// The caller's favourite lessons (收藏), newest first.
import { api } from './site.js';
import { lessonCard } from './lesson-card.js';

const labels = JSON.parse(document.querySelector('.catalog').dataset.labels);
const favourites = await api('/api/me/favourites');
const list = document.getElementById('favourites');
list.replaceChildren(...favourites.map((item) => lessonCard(item, labels)));
if (favourites.length === 0) list.innerHTML = `<li class="tagline">${labels.Empty}</li>`;
