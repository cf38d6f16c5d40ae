// Failover: choose an event, preview its plan, execute it after a confirmation, follow each phase, resume or
// abort, and read the journal's runs and the console's audit trail.
import {get, post} from '../api.js';
import {h, fill, notice, table, time, duration, badge, confirmDialog} from '../dom.js';
import {renderGrid, rovingFocus, paint} from '../shardgrid.js';

let ctx;
let state = null;
let setupPanel;
let kind;
let target;
let shardsInput;
let planPanel;
let runPanel;
let historyPanel;
let auditPanel;
let actionResult;
let plan = null;

const PHASE_STATES = {pending: 'muted', running: 'info', done: 'ok', skipped: 'muted', failed: 'bad'};

function targetsFor(kindText, targets) {
  switch (kindText) {
    case 'cell-down': return targets.cells;
    case 'dc-down': return targets.dataCenters;
    case 'city-down': return targets.cities;
    case 'drain':
    case 'switchback': return [...targets.cities, ...targets.dataCenters, ...targets.cells];
    case 'move': return targets.cells;
    case 'revert': return state.history.filter(r => r.status === 'COMPLETED').map(r => r.id);
    default: return [];
  }
}

function updateTargets() {
  if (!state) return;
  const keep = target.value;
  const values = targetsFor(kind.value, state.targets);
  // Re-filled only when the choices change, so a refresh never disturbs a selection in progress.
  if (target.dataset.values !== values.join('\n')) {
    target.dataset.values = values.join('\n');
    fill(target, values.map(v => h('option', {value: v}, v)));
    if (values.includes(keep)) target.value = keep;
  }
  target.disabled = values.length === 0;
  shardsInput.parentElement.hidden = kind.value !== 'move';
}

function eventText() {
  if (kind.value === 'rebalance') return 'rebalance';
  if (kind.value === 'move') return `move:${shardsInput.value.trim()}:${target.value}`;
  return `${kind.value}:${target.value}`;
}

async function preview() {
  plan = null;
  fill(planPanel, h('p', {}, 'Planning…'));
  try {
    plan = await get(`/api/failover/plan?event=${encodeURIComponent(eventText())}`);
    renderPlan();
  } catch (e) {
    fill(planPanel, notice('bad', e.problem.title || 'No plan.', e.message));
  }
}

function loadBar(load) {
  const max = load.capacity ?? Math.max(load.after, load.before, 1);
  return h('td', {},
    h('progress', {max, value: load.after, 'aria-label': `${load.cell} after the plan`}),
    ` ${load.before} → ${load.after}` + (load.capacity !== null ? ` of ${load.capacity} (${load.freeAfter} free)` : ''));
}

function renderPlan() {
  const session = ctx.session;
  const grid = h('div', {class: 'grid small', id: 'plan-grid', role: 'group', 'aria-label': 'Owners after the plan'});
  const moving = new Set(plan.movingShards);
  const canExecute = state.enabled && session.operator && !state.active;
  fill(planPanel,
    h('h2', {}, `Plan for ${plan.event}`),
    h('p', {id: 'plan-summary'}, h('strong', {}, `checksum ${plan.checksum}`),
      plan.freezeEpoch >= 0 ? ` · epoch ${plan.baseEpoch} → freeze ${plan.freezeEpoch} → switch ${plan.switchEpoch}`
        : ` · epoch ${plan.baseEpoch} → ${plan.switchEpoch} (no shard moves, no freeze)`),
    h('div', {class: 'split'},
      h('div', {},
        h('h3', {}, 'Moves'),
        plan.moves.length ? h('div', {class: 'scroll', tabindex: 0, 'aria-label': 'Moves'},
          table(null, ['shards', 'from', 'to', 'count'], plan.moves, m => [m.shards, m.from, m.to, String(m.count)]))
          : h('p', {class: 'muted'}, 'No shard changes owner.'),
        h('h3', {}, 'GZone'),
        h('p', {id: 'plan-gzone'}, plan.gZonePromotion ? `promote ${plan.gZonePromotion.to} (was ${plan.gZonePromotion.from})`
          : 'The active GZone stays.'),
        plan.cityReadRedirects.length ? [h('h3', {}, 'City reads'), h('ul', {}, plan.cityReadRedirects.map(r => h('li', {}, r)))] : null,
        plan.offlined.length ? h('p', {}, `Taken offline: ${plan.offlined.join(', ')}`) : null,
        plan.onlined.length ? h('p', {}, `Back online: ${plan.onlined.join(', ')}`) : null,
        h('h3', {}, 'Capacity per cell'),
        table(null, ['cell', 'shards after the plan'], plan.loads,
          l => [paint(h('span', {class: 'chip'}, l.cell + (l.offline ? ' (offline)' : '')), plan.colours[l.cell]), loadBar(l)],
          l => (l.receives ? 'receives' : ''))),
      h('div', {}, h('h3', {}, 'Owners after the plan'), grid,
        h('p', {class: 'hint'}, 'Outlined: the shards that move.'))),
    h('details', {}, h('summary', {}, 'The plan as text'), h('pre', {}, plan.describe.join('\n'))),
    h('div', {class: 'row'},
      h('button', {type: 'button', class: 'danger', id: 'execute', disabled: !canExecute, onclick: execute}, 'Execute…'),
      !session.operator ? h('span', {class: 'muted'}, h('a', {href: '/login.html'}, 'Log in as an operator'), ' to execute.')
        : !state.enabled ? h('span', {class: 'muted'}, state.reason)
          : state.active ? h('span', {class: 'muted'}, 'A run is in progress.') : null));
  renderGrid(grid, plan.targetOwners.map((owner, shard) => ({shard, owner, classes: moving.has(shard) ? ['moving'] : [],
    label: `Shard ${shard}: ${owner} after the plan${moving.has(shard) ? ', moves' : ''}`,
    tooltip: () => h('div', {}, h('strong', {}, `Shard ${shard}`), h('p', {}, `owner after the plan: ${owner}`))})),
  plan.colours);
  rovingFocus(grid);
}

async function execute() {
  const shards = plan.movingShards.length;
  const yes = await confirmDialog(`Execute ${plan.event}?`, [
    `Plan ${plan.checksum}: ${shards} shard(s) move` + (plan.gZonePromotion ? `, GZone ${plan.gZonePromotion.to} becomes active` : '') + '.',
    plan.freezeEpoch >= 0 ? `The coordinator publishes epoch ${plan.freezeEpoch} (freeze), waits for every live instance,`
      + ` bumps the fences, and publishes epoch ${plan.switchEpoch} (switch).` : `The coordinator publishes epoch ${plan.switchEpoch}.`,
    'Every instance follows within seconds. You can abort until the switch.'], 'Execute');
  if (!yes) return;
  await act(() => post('/api/failover/execute', {event: plan.event, checksum: plan.checksum}));
}

async function act(call) {
  fill(actionResult, h('p', {}, 'Working…'));
  try {
    const result = await call();
    fill(actionResult, notice('ok', result.message));
  } catch (e) {
    fill(actionResult, notice('bad', e.problem.title || 'Refused.', e.message,
      e.problem.reversePlan ? `To go back, preview revert:${state.active?.id ?? ''} and execute it.` : null));
  }
  ctx.refresh();
}

async function resume() {
  const exclude = [...runPanel.querySelectorAll('input[name=exclude]:checked')].map(i => i.value);
  const yes = await confirmDialog('Resume the run?', [exclude.length
    ? `The barriers stop waiting for ${exclude.join(', ')}; the fence refuses their writes.`
    : 'The coordinator continues from the last unfinished step.'], 'Resume');
  if (yes) await act(() => post('/api/failover/resume', {exclude}));
}

async function abort() {
  const yes = await confirmDialog('Abort the run?', ['The previous owners return: fences move back if they were'
    + ' bumped, then the previous document is published again, unfrozen. A run that has switched cannot be aborted.'],
  'Abort');
  if (yes) await act(() => post('/api/failover/abort'));
}

function phases(run) {
  return h('ol', {class: 'phases', id: 'phases'}, run.phases.map(p => h('li', {dataset: {phase: p.phase, state: p.state}},
    h('span', {class: 'phase-name'}, p.phase), badge(p.state, PHASE_STATES[p.state]),
    h('span', {class: 'phase-time'}, p.durationMillis !== null ? duration(p.durationMillis) : p.begun ? 'running…' : ''),
    p.attempts > 1 ? h('span', {class: 'muted'}, ` ${p.attempts} attempts`) : null,
    h('span', {class: 'phase-detail'}, p.detail))));
}

function renderRun() {
  const run = state.active;
  const session = ctx.session;
  if (!run) {
    const last = state.history[0];
    fill(runPanel, h('h2', {}, 'Run in progress'), h('p', {class: 'muted', id: 'no-run'}, 'None.'),
      last ? [h('h3', {}, 'Last run'),
        h('p', {id: 'last-run'}, h('strong', {}, `${last.id}: ${last.event}`), ` · ${last.status} · started by`
          + ` ${last.operator} `, time(last.started), ` · took ${duration(last.durationMillis)}`),
        phases(last)] : null);
    return;
  }
  const barrier = run.barrier;
  fill(runPanel,
    h('h2', {}, 'Run in progress'),
    h('p', {id: 'run'}, h('strong', {}, `${run.id}: ${run.event}`), ` · ${run.status} · started by ${run.operator} `,
      time(run.started), ` · ${duration(run.durationMillis)} · held by ${run.holder}`),
    run.problem ? notice('bad', 'Stopped.', run.problem, 'Resume continues from the last unfinished step; abort rolls'
      + ' it back (before the switch).') : null,
    phases(run),
    barrier ? h('div', {class: 'barrier'},
      h('label', {for: 'barrier-progress'}, `Barrier on epoch ${barrier.epoch}: ${barrier.applied} of ${barrier.live}`
        + ' live instances have applied it'),
      h('progress', {id: 'barrier-progress', max: Math.max(barrier.live, 1), value: barrier.applied}),
      barrier.laggards.length ? h('fieldset', {}, h('legend', {}, 'Behind'),
        barrier.laggards.map(id => h('label', {class: 'check'},
          state.canExclude ? h('input', {type: 'checkbox', name: 'exclude', value: id}) : null, ` ${id}`))) : null) : null,
    session.operator && state.enabled ? h('div', {class: 'row'},
      h('button', {type: 'button', id: 'resume', onclick: resume, disabled: !!state.inFlight}, 'Resume…'),
      h('button', {type: 'button', class: 'danger', id: 'abort', onclick: abort}, 'Abort…'),
      state.inFlight ? h('span', {class: 'muted'}, `this console is carrying it out (${state.inFlight})`) : null) : null);
}

function phaseTimes(run) {
  return run.phases.filter(p => p.durationMillis !== null).map(p => `${p.phase} ${duration(p.durationMillis)}`).join(' · ');
}

export default {
  title: 'Failover',
  mount(root, context) {
    ctx = context;
    setupPanel = h('div');
    kind = h('select', {id: 'event-kind', onchange: updateTargets});
    target = h('select', {id: 'event-target'});
    shardsInput = h('input', {id: 'event-shards', placeholder: '20-29', size: 10});
    planPanel = h('section', {'aria-live': 'polite', id: 'plan'});
    actionResult = h('div', {'aria-live': 'polite', id: 'action-result'});
    runPanel = h('section', {id: 'run-panel'});
    historyPanel = h('section');
    auditPanel = h('section');
    root.append(setupPanel,
      h('section', {'aria-labelledby': 'choose-title'}, h('h2', {id: 'choose-title'}, 'Choose an event'),
        h('form', {class: 'row', onsubmit: e => { e.preventDefault(); preview(); }},
          h('label', {for: 'event-kind'}, 'Event'), kind,
          h('label', {for: 'event-target'}, 'of'), target,
          h('span', {hidden: true}, h('label', {for: 'event-shards'}, 'shards'), ' ', shardsInput),
          h('button', {type: 'submit', id: 'preview'}, 'Preview plan'))),
      planPanel, actionResult, runPanel, historyPanel, auditPanel);
  },
  async refresh() {
    const first = state === null;
    state = await get('/api/failover');
    if (first) {
      fill(kind, state.events.map(e => h('option', {value: e.kind}, e.usage + (e.planned ? '' : ' (unplanned loss)'))));
      kind.value = 'drain';
    }
    updateTargets();
    fill(setupPanel,
      state.enabled ? h('p', {class: 'muted'}, `Journal ${state.journal} · fence ${state.fence}`)
        : notice('warn', 'This console previews plans but does not execute them.', state.reason),
      state.journalProblem ? notice('bad', 'The failover journal cannot be read.', state.journalProblem) : null);
    renderRun();
    if (plan && document.getElementById('execute')) {
      document.getElementById('execute').disabled = !(state.enabled && ctx.session.operator && !state.active);
    }
    fill(historyPanel, h('h2', {}, 'Journal: runs that ended'),
      state.history.length === 0 ? h('p', {class: 'muted'}, 'None yet.')
        : table(null, ['run', 'event', 'operator', 'status', 'started', 'took', 'plan', 'phases'], state.history,
          r => [r.id, r.event, r.operator, r.status, time(r.started), duration(r.durationMillis), r.planChecksum,
            h('small', {}, phaseTimes(r))]));
    const audit = await get('/api/audit');
    fill(auditPanel, h('h2', {}, 'Audit trail'), h('p', {class: 'muted'}, `Kept in ${audit.location}.`),
      audit.entries.length === 0 ? h('p', {class: 'muted'}, 'No operator action yet.')
        : table(null, ['at', 'operator', 'action', 'target', 'outcome', 'detail'], audit.entries.slice(0, 50),
          a => [time(a.at), a.operator, a.action, a.target, a.outcome, a.detail]));
  },
};
