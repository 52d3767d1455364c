// The taxonomy as a textbook table of contents with lesson counts; every node opens the search filtered to it.
import { api } from './site.js';

const filterOf = { stage: 'stage', grade: 'grade', subject: 'subject', edition: 'edition', volume: 'volume', unit: 'unit', lesson: 'lesson' };

function node(item, path) {
  const filters = [...path, [filterOf[item.level], item.name]];
  const link = document.createElement('a');
  link.href = `/catalog?${new URLSearchParams(filters)}`;
  link.textContent = `${item.name} (${item.lessons})`;
  if (!item.children || item.children.length === 0) {
    const leaf = document.createElement('div');
    leaf.className = 'leaf';
    leaf.append(link);
    return leaf;
  }
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.append(link);
  details.append(summary);
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(...item.children.map((child) => node(child, filters)));
  }, { once: false });
  return details;
}

const tree = await api('/api/catalog/taxonomy');
document.getElementById('tree').replaceChildren(...tree.map((stage) => node(stage, [])));
