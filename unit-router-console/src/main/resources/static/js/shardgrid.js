// The shard grid: one focusable square per shard, coloured by its owner, shared by the shard map and the
// failover plan preview. Hovering or focusing a square shows its tooltip.
import {h, fill} from './dom.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7',
  '#9c755f', '#bab0ac', '#86bcb6', '#d37295', '#8cd17d', '#a0cbe8', '#ffbe7d', '#f1ce63'];

/** The colour of a cell's colour index. */
export function colour(index) {
  return PALETTE[index % PALETTE.length];
}

/** Black or white, whichever reads better on the colour. */
export function ink(hex) {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111' : '#fff';
}

/** Paints an element in a cell's colour. */
export function paint(el, index) {
  const bg = colour(index);
  el.style.backgroundColor = bg;
  el.style.color = ink(bg);
  return el;
}

/** Columns for n squares: 10 for 100 shards, at most 25 wide. */
function columns(n) {
  return Math.min(25, Math.max(1, Math.ceil(Math.sqrt(n))));
}

/**
 * Renders squares into grid. squares: [{shard, owner, classes: [], label, tooltip: () => Node}].
 * colours: colour index by cell id.
 */
export function renderGrid(grid, squares, colours) {
  grid.style.gridTemplateColumns = `repeat(${columns(squares.length)}, minmax(1.9rem, 2.6rem))`;
  const existing = grid.children.length === squares.length;
  squares.forEach((square, i) => {
    const el = existing ? grid.children[i] : h('button', {type: 'button', class: 'shard'});
    el.className = ['shard', ...square.classes].join(' ');
    el.textContent = square.shard;
    el.dataset.shard = square.shard;
    el.dataset.owner = square.owner;
    el.setAttribute('aria-label', square.label);
    paint(el, colours[square.owner] ?? 0);
    el.tooltip = square.tooltip;
    if (!existing) {
      el.addEventListener('mouseenter', () => showTooltip(el));
      el.addEventListener('focus', () => showTooltip(el));
      el.addEventListener('mouseleave', hideTooltip);
      el.addEventListener('blur', hideTooltip);
      el.addEventListener('keydown', e => move(e, grid, el));
      grid.append(el);
    }
  });
  while (grid.children.length > squares.length) grid.lastChild.remove();
}

/** Arrow keys move between squares, so the grid is one stop in the tab order rather than a hundred. */
function move(event, grid, el) {
  const keys = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns(grid.children.length),
    ArrowDown: columns(grid.children.length)};
  if (event.key === 'Escape') { hideTooltip(); return; }
  if (!(event.key in keys)) return;
  const next = grid.children[Number(el.dataset.shard) + keys[event.key]];
  if (next) {
    event.preventDefault();
    el.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }
}

/** Only the first square (or the one last focused) is in the tab order. */
export function rovingFocus(grid) {
  const focused = [...grid.children].find(c => c.tabIndex === 0);
  [...grid.children].forEach((c, i) => { c.tabIndex = (focused ? c === focused : i === 0) ? 0 : -1; });
}

function showTooltip(el) {
  const tip = document.getElementById('tooltip');
  if (!el.tooltip) return;
  fill(tip, el.tooltip());
  tip.hidden = false;
  el.setAttribute('aria-describedby', 'tooltip');
  const box = el.getBoundingClientRect();
  const left = Math.min(window.scrollX + box.right + 8, window.scrollX + document.documentElement.clientWidth
    - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${window.scrollY + box.top}px`;
}

function hideTooltip() {
  const tip = document.getElementById('tooltip');
  tip.hidden = true;
}

/** The legend: one swatch per cell with its shard count and marks. */
export function legend(cells, colours) {
  return h('ul', {class: 'legend', 'aria-label': 'Cells'}, cells.map(cell => h('li', {},
    paint(h('span', {class: 'swatch', 'aria-hidden': 'true'}), colours[cell.id] ?? cell.colour ?? 0),
    h('span', {}, cell.label || cell.id))));
}
