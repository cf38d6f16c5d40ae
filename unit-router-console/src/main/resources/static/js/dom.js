// Small DOM helpers. Text always goes in through textContent, so nothing from the rule store or an instance is
// ever parsed as HTML.

/** Creates an element: h('td', {class: 'num'}, 'text', childNode, ...). Attributes starting with "on" are listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table with a header row and one row per item; cells(item) returns the cells' contents. */
export function table(caption, headers, items, cells, rowClass) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, items.map(item => h('tr', {class: rowClass ? rowClass(item) : null},
      cells(item).map(c => c instanceof Node && c.tagName === 'TD' ? c : h('td', {}, c))))));
}

/** "1.2 s", "340 ms", "3 min 20 s". */
export function duration(millis) {
  if (millis === null || millis === undefined) return '';
  if (millis < 1000) return `${millis} ms`;
  const seconds = millis / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

/** A local time of day for an ISO instant, with the full instant as its title. */
export function time(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return h('time', {datetime: iso, title: iso}, at.toLocaleTimeString());
}

/** A small labelled badge; kind picks its colour (ok, warn, bad, info). */
export function badge(text, kind) {
  return h('span', {class: `badge ${kind || 'info'}`}, text);
}

/** A message box for a view that has nothing to show, or cannot show it. */
export function notice(kind, title, ...lines) {
  return h('div', {class: `notice ${kind}`, role: kind === 'bad' ? 'alert' : 'status'},
    h('strong', {}, title), lines.filter(Boolean).map(l => h('p', {}, l)));
}

/**
 * Asks for confirmation in a modal dialog; resolves true only when the confirming button is pressed. The cancel
 * button has the focus, so Enter or Escape straight away does nothing harmful.
 */
export function confirmDialog(title, lines, confirmLabel) {
  return new Promise(resolve => {
    const cancel = h('button', {type: 'button', id: 'confirm-no'}, 'Cancel');
    const yes = h('button', {type: 'button', class: 'danger', id: 'confirm-yes'}, confirmLabel);
    const dialog = h('dialog', {id: 'confirm-dialog', 'aria-labelledby': 'confirm-title'},
      h('h2', {id: 'confirm-title'}, title), lines.map(l => (l instanceof Node ? l : h('p', {}, l))),
      h('div', {class: 'actions'}, cancel, yes));
    const close = answer => { dialog.close(); dialog.remove(); resolve(answer); };
    cancel.addEventListener('click', () => close(false));
    yes.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', e => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
