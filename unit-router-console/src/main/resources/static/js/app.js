// The console's shell: the header (store, epoch, who is logged in), the navigation, and the view in the
// main area, refreshed every few seconds while the tab is visible.
import {get, post, loadSession, currentSession} from './api.js';
import {h, fill, notice} from './dom.js';
import topology from './views/topology.js';
import shards from './views/shards.js';
import convergence from './views/convergence.js';
import rules from './views/rules.js';
import failover from './views/failover.js';
import traffic from './views/traffic.js';

const views = {topology, shards, convergence, rules, failover, traffic};
const main = document.getElementById('main');
const banner = document.getElementById('banner');
let current = null;
let refreshMillis = 2000;
let busy = false;
let timer = null;

const context = {
  get session() { return currentSession(); },
  status: null,
  /** Re-reads the current view now, e.g. after an action. */
  refresh: () => tick(),
};

function viewName() {
  const name = location.hash.replace(/^#\//, '').split('?')[0];
  return views[name] ? name : 'topology';
}

async function show() {
  const name = viewName();
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  current = views[name];
  document.title = `${current.title} · unit-router console`;
  fill(main, h('h1', {}, current.title));
  current.mount(main, context);
  await tick();
}

function renderStatus(status) {
  const el = document.getElementById('store-status');
  if (status.ok) {
    fill(el, h('span', {class: 'epoch', id: 'epoch'}, `epoch ${status.epoch}`), ' ',
      h('span', {class: 'muted'}, `${status.store} · checksum ${status.checksum}`));
    fill(banner, status.lastRejection
      ? notice('warn', 'The last rule document offered was rejected; the rules in force did not change.',
        status.lastRejection, 'See Rules for every reason.')
      : null);
  } else {
    fill(el, h('span', {class: 'epoch none', id: 'epoch'}, 'no rules in force'), ' ',
      h('span', {class: 'muted'}, status.store));
    fill(banner, notice('bad', 'The rule store holds no valid rule document.', status.problem,
      'Fix or create the rule file: the console picks it up without a restart. Instances keep the rules they have.'));
  }
}

function renderWho() {
  const session = currentSession();
  const who = document.getElementById('who');
  if (session.authenticated) {
    fill(who, h('span', {}, `${session.name}${session.operator ? ' (operator)' : ' (read-only)'}`), ' ',
      h('button', {type: 'button', class: 'link', id: 'logout', onclick: logout}, 'Log out'));
  } else {
    fill(who, h('span', {class: 'muted'}, 'read-only'), ' ', h('a', {href: '/login.html', id: 'login-link'}, 'Log in'));
  }
}

async function logout() {
  const session = currentSession();
  const form = h('form', {method: 'post', action: '/logout', hidden: true},
    h('input', {type: 'hidden', name: session.csrf.parameter, value: session.csrf.token}));
  document.body.append(form);
  form.submit();
}

async function tick() {
  if (busy || !current) return;
  busy = true;
  try {
    const status = await get('/api/status');
    context.status = status;
    refreshMillis = status.refreshMillis || refreshMillis;
    renderStatus(status);
    await current.refresh(context);
  } catch (e) {
    fill(banner, notice('bad', 'The console cannot be reached.', e.message,
      'The page retries by itself; check that the console process is running.'));
  } finally {
    busy = false;
    schedule();
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => { if (document.visibilityState === 'visible') tick(); else schedule(); }, refreshMillis);
}

window.addEventListener('hashchange', show);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') tick(); });

loadSession().catch(() => null).finally(() => {
  renderWho();
  document.getElementById('loading')?.remove();
  show();
});
