// A bar chart drawn into an <svg viewBox="0 0 520 220">: one bar per item with its label below and its value above.
const ns = 'http://www.w3.org/2000/svg';

function element(name, attributes, text) {
  const node = document.createElementNS(ns, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function drawBars(svg, items, colour = '#c0392b') {
  const max = Math.max(1, ...items.map((item) => item.value));
  const step = 500 / Math.max(1, items.length);
  svg.replaceChildren(...items.flatMap((item, i) => {
    const height = 170 * item.value / max;
    const middle = 10 + i * step + step / 2;
    return [
      element('rect', { x: middle - step * 0.36, y: 190 - height, width: step * 0.72, height, fill: colour, 'data-value': item.value }),
      element('text', { x: middle, y: 210, 'text-anchor': 'middle', 'font-size': 12 }, item.label),
      element('text', { x: middle, y: 185 - height, 'text-anchor': 'middle', 'font-size': 12 }, item.value),
    ];
  }));
}
