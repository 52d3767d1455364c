// Catalog search: keywords with title completion, facet filters with counts, sort, pages, and "for you".
import { api } from './site.js';
import { lessonCard } from './lesson-card.js';

const section = document.querySelector('.catalog');
const labels = JSON.parse(section.dataset.labels);
const facetNames = ['stage', 'grade', 'subject', 'edition', 'award', 'teacherTitle', 'region', 'year'];
const filterNames = [...facetNames, 'volume', 'unit', 'lesson', 'school', 'teacher', 'tag'];
const form = document.getElementById('search');
const box = document.getElementById('q');
const sort = document.getElementById('sort');
const pageSize = 20;

function state() {
  const params = new URLSearchParams(location.search);
  return { params, page: Number(params.get('page') || 1) };
}

function go(change) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(change)) {
    if (value === null || value === '') params.delete(key); else params.set(key, value);
  }
  if (!('page' in change)) params.delete('page');
  history.pushState(null, '', `?${params}`);
  render();
}

// Each render asks for the address as it is now; an answer that arrives after a newer one was asked for is dropped
// (the first page's answer must not replace the results of a search made while it was on its way).
let latest = 0;
async function render() {
  const asked = ++latest;
  const { params, page } = state();
  box.value = params.get('q') || '';
  sort.value = params.get('sort') || 'relevance';
  const query = new URLSearchParams({ page, pageSize });
  for (const [key, value] of params) if (key === 'q' || key === 'sort' || filterNames.includes(key)) query.set(key, value);
  const result = await api(`/api/catalog/search?${query}`);
  if (asked !== latest) return;
  document.getElementById('summary').textContent = labels.Results.replace('{0}', result.total);
  const list = document.getElementById('results');
  list.replaceChildren(...result.items.map((item) => lessonCard(item, labels)));
  if (result.items.length === 0) list.innerHTML = `<li class="tagline">${labels.Empty}</li>`;
  renderFacets(result.facets, params);
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  document.getElementById('page').textContent = `${page} / ${pages}`;
  document.getElementById('previous').hidden = page <= 1;
  document.getElementById('next').hidden = page >= pages;
}

function renderFacets(facets, params) {
  const aside = document.getElementById('facets');
  aside.replaceChildren();
  for (const name of facetNames) {
    const values = facets[name] || [];
    if (values.length === 0) continue;
    const group = document.createElement('details');
    // On a phone the filters start folded, so that the results come first.
    group.open = matchMedia('(min-width: 761px)').matches;
    group.dataset.facet = name;
    const summary = document.createElement('summary');
    summary.textContent = labels[name];
    group.append(summary);
    const chosen = params.get(name);
    if (chosen) {
      const clear = document.createElement('button');
      clear.type = 'button';
      clear.className = 'link chosen';
      clear.textContent = `✕ ${chosen} (${labels.Clear})`;
      clear.onclick = () => go({ [name]: null });
      group.append(clear);
    } else {
      for (const { value, count } of values.slice(0, 12)) {
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'link facet';
        pick.textContent = `${value} (${count})`;
        pick.onclick = () => go({ [name]: value });
        group.append(pick);
      }
    }
    aside.append(group);
  }
}

let typing;
box.addEventListener('input', () => {
  clearTimeout(typing);
  const prefix = box.value.trim();
  if (!prefix) return;
  typing = setTimeout(async () => {
    const suggestions = await api(`/api/catalog/complete?prefix=${encodeURIComponent(prefix)}`).catch(() => []);
    document.getElementById('suggestions').replaceChildren(...suggestions.map((s) => Object.assign(document.createElement('option'), { value: s.title })));
  }, 150);
});
form.addEventListener('submit', (event) => { event.preventDefault(); go({ q: box.value.trim(), sort: sort.value === 'relevance' ? null : sort.value }); });
sort.addEventListener('change', () => go({ sort: sort.value === 'relevance' ? null : sort.value }));
document.getElementById('previous').onclick = () => go({ page: state().page - 1 });
document.getElementById('next').onclick = () => go({ page: state().page + 1 });
window.addEventListener('popstate', render);

await render();
const forYou = await api('/api/catalog/for-you?take=6').catch(() => []);
if (forYou.length > 0) {
  document.getElementById('for-you').replaceChildren(...forYou.map((r) => lessonCard(r.lesson, labels, { reason: r.reason })));
  document.getElementById('for-you-section').hidden = false;
}
