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
  // A link inside <summary> would be a control within a control: the branch has its own toggle button instead.
  const branch = document.createElement('div');
  branch.className = 'branch';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-label', `${labels.Expand} ${item.name}`);
  const children = document.createElement('div');
  children.className = 'children';
  children.hidden = true;
  toggle.addEventListener('click', () => {
    if (children.childElementCount === 0) children.append(...item.children.map((child) => node(child, filters)));
    children.hidden = !children.hidden;
    toggle.setAttribute('aria-expanded', String(!children.hidden));
  });
  branch.append(toggle, link, children);
  return branch;
}

const labels = JSON.parse(document.getElementById('tree').dataset.labels);
const tree = await api('/api/catalog/taxonomy');
document.getElementById('tree').replaceChildren(...tree.map((stage) => node(stage, [])));
