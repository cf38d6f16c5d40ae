// Rules: the document in force, the rejections, the epochs the console knows with a diff between any two,
// and (for operators) validating and publishing a draft.
import {get, post} from '../api.js';
import {h, fill, notice, table, time, confirmDialog} from '../dom.js';

let inForce;
let rejection;
let epochs;
let fromSelect;
let toSelect;
let diffPanel;
let draft;
let draftResult;
let publishArea;
let lastView = null;

function options(select, values, fallback) {
  if (select.dataset.values === values.join(',')) return;
  const keep = select.dataset.values ? select.value : null;
  select.dataset.values = values.join(',');
  fill(select, values.map(v => h('option', {value: v}, `epoch ${v}`)));
  select.value = keep !== null && values.map(String).includes(keep) ? keep : String(fallback ?? '');
}

export function comparison(c) {
  const lines = [];
  c.moves.forEach(m => lines.push(`shards ${m.shards}: ${m.from} → ${m.to} (${m.count})`));
  if (c.frozen.length) lines.push(`frozen: ${c.frozen.join(', ')}`);
  if (c.unfrozen.length) lines.push(`unfrozen: ${c.unfrozen.join(', ')}`);
  c.homeChanges.forEach(m => lines.push(`home of ${m.shards}: ${m.from} → ${m.to}`));
  if (c.offlined.length) lines.push(`offline: ${c.offlined.join(', ')}`);
  if (c.onlined.length) lines.push(`back online: ${c.onlined.join(', ')}`);
  lines.push(...c.changes);
  return h('div', {class: 'diff', id: 'diff'},
    h('p', {}, h('strong', {}, `Epoch ${c.fromEpoch} → ${c.toEpoch}`),
      ` (checksum ${c.fromChecksum} → ${c.toChecksum})`),
    lines.length ? h('ul', {}, lines.map(l => h('li', {}, l))) : h('p', {}, 'The routing content is the same.'),
    h('details', {}, h('summary', {}, 'Line diff of the canonical YAML'),
      h('pre', {class: 'lines'}, c.lines.filter(l => l.op !== ' ' || c.lines.length < 400)
        .map(l => h('span', {class: l.op === '+' ? 'add' : l.op === '-' ? 'del' : ''}, `${l.op} ${l.text}\n`)))));
}

async function compare() {
  try {
    fill(diffPanel, comparison(await get(`/api/rules/diff?from=${fromSelect.value}&to=${toSelect.value}`)));
  } catch (e) {
    fill(diffPanel, notice('bad', 'Cannot compare.', e.message));
  }
}

function startDraft() {
  if (!lastView?.inForce) {
    draft.value = '';
    return;
  }
  draft.value = lastView.inForce.yaml.replace(/^epoch: (\d+)/m, (_, e) => `epoch: ${Number(e) + 1}`);
  draft.dataset.expected = lastView.inForce.epoch;
  draft.focus();
}

function refusal(e) {
  const errors = e.problem.errors || [];
  return notice('bad', e.problem.title || 'Refused.', e.message, ...(errors.length > 1 ? errors : []));
}

async function validate() {
  try {
    const result = await post('/api/rules/validate', draft.value, 'text/plain');
    fill(draftResult, notice('ok', `Valid: epoch ${result.epoch}.`, 'Compared with the document in force:'),
      result.comparison ? comparison(result.comparison) : null);
  } catch (e) {
    fill(draftResult, refusal(e));
  }
}

async function publish(context) {
  const expected = Number(draft.dataset.expected ?? (lastView?.inForce ? lastView.inForce.epoch : -1));
  const yes = await confirmDialog('Publish this rule document?', [
    `It replaces epoch ${expected} for every instance within seconds.`,
    'Shard moves are refused here: use the failover page, which freezes, fences and switches.'], 'Publish');
  if (!yes) return;
  try {
    const published = await post('/api/rules/publish', {text: draft.value, expectedEpoch: expected});
    fill(draftResult, notice('ok', `Published epoch ${published.epoch} (checksum ${published.checksum}).`));
    delete draft.dataset.expected;
    context.refresh();
  } catch (e) {
    fill(draftResult, refusal(e));
  }
}

export default {
  title: 'Rules',
  mount(root, context) {
    inForce = h('section', {'aria-labelledby': 'in-force-title'});
    rejection = h('section', {'aria-labelledby': 'rejection-title'});
    epochs = h('div');
    fromSelect = h('select', {id: 'diff-from'});
    toSelect = h('select', {id: 'diff-to'});
    diffPanel = h('div', {'aria-live': 'polite'});
    draft = h('textarea', {id: 'draft', rows: 16, spellcheck: 'false', 'aria-label': 'Draft rule document'});
    draftResult = h('div', {'aria-live': 'polite'});
    publishArea = h('section', {'aria-labelledby': 'publish-title'});
    const session = context.session;
    root.append(inForce, rejection,
      h('section', {'aria-labelledby': 'history-title'}, h('h2', {id: 'history-title'}, 'History and diff'), epochs,
        h('div', {class: 'row'}, h('label', {for: 'diff-from'}, 'From'), fromSelect,
          h('label', {for: 'diff-to'}, 'to'), toSelect,
          h('button', {type: 'button', id: 'compare', onclick: compare}, 'Compare')), diffPanel),
      publishArea);
    fill(publishArea, h('h2', {id: 'publish-title'}, 'Publish a document'),
      session.operator ? [
        h('p', {}, 'Edit a copy of the document in force with a higher epoch, validate it, then publish it.'
          + ' The console refuses a publish while a failover runs, and any shard that changes owner without'
          + ' having been frozen.'),
        h('div', {class: 'row'}, h('button', {type: 'button', onclick: startDraft}, 'Start from the document in force')),
        draft,
        h('div', {class: 'row'}, h('button', {type: 'button', id: 'validate', onclick: validate}, 'Validate'),
          h('button', {type: 'button', class: 'danger', id: 'publish', onclick: () => publish(context)}, 'Publish…')),
        draftResult]
        : h('p', {class: 'muted'}, h('a', {href: '/login.html'}, 'Log in as an operator'), ' to publish rules.'));
  },
  async refresh() {
    const view = await get('/api/rules');
    lastView = view;
    fill(inForce, h('h2', {id: 'in-force-title'}, 'In force'),
      view.inForce ? [
        h('p', {}, h('strong', {}, `Epoch ${view.inForce.epoch}`), ` · checksum ${view.inForce.checksum} · from `
          + `${view.inForce.source} · store ${view.store}`),
        h('details', {}, h('summary', {}, 'The document'), h('pre', {class: 'yaml', id: 'yaml'}, view.inForce.yaml))]
        : notice('bad', 'No valid rule document is in force.', view.problem,
          'Write a valid document to the rule file (the console picks it up), or publish one below.'));
    fill(rejection, h('h2', {id: 'rejection-title'}, 'Last rejection'),
      view.lastRejection ? h('div', {class: 'notice warn', id: 'last-rejection'},
        h('p', {}, h('strong', {}, `From ${view.lastRejection.source}`),
          view.lastRejection.epoch >= 0 ? ` (epoch ${view.lastRejection.epoch})` : '', ' at ',
          time(view.lastRejection.at)),
        h('ul', {}, view.lastRejection.errors.map(e => h('li', {}, e))))
        : h('p', {class: 'muted'}, 'None since the console started.'));
    const known = view.epochs.map(e => e.epoch);
    fill(epochs,
      table(null, ['epoch', 'checksum', 'seen', 'from'], [...view.epochs].reverse(),
        e => [String(e.epoch), e.checksum, time(e.seen), e.origin]),
      h('p', {class: 'muted'}, 'Where the history comes from: ', view.historySources.join('; '), '.'));
    options(fromSelect, known, known.length > 1 ? known[known.length - 2] : known[0]);
    options(toSelect, known, known[known.length - 1]);
  },
};
