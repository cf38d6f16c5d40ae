// Convergence: which epoch every instance has applied, how long ago it reported, and whether it is live.
import {getOrExplain} from '../api.js';
import {h, fill, notice, table, time, duration, badge} from '../dom.js';

let body;

const STATES = {
  current: ['current', 'ok'], behind: ['behind', 'warn'], ahead: ['ahead', 'info'],
  differs: ['same epoch, other checksum', 'bad'], stale: ['not live', 'muted'],
};

export default {
  title: 'Convergence',
  mount(root) {
    body = h('div', {id: 'convergence'});
    root.append(h('p', {class: 'lead'}, 'Every instance reports the epoch it applied and renews the report by a'
      + ' heartbeat. A failover waits until every live instance has applied its epochs.'), body);
  },
  async refresh() {
    const c = await getOrExplain('/api/convergence', body, 'convergence');
    if (!c) return;
    if (c.instances.length === 0) {
      fill(body, notice('info', 'No instance has reported an applied epoch yet.',
        'Instances report through the rule store when they start with unit-router; gateways report too.'));
      return;
    }
    fill(body,
      h('p', {id: 'convergence-summary'}, h('strong', {}, `${c.current} of ${c.live} live instances`),
        ` are on epoch ${c.epoch}. An instance counts as live for ${duration(c.ttlMillis)} after its last heartbeat.`),
      table(null, ['instance', 'cell', 'applied epoch', 'state', 'applied at', 'last heard', 'live'], c.instances,
        r => [r.instanceId, r.cell ?? 'gateway', String(r.epoch), badge(...STATES[r.state]), time(r.appliedAt),
          `${duration(r.ageMillis)} ago`, r.live ? 'yes' : 'no'],
        r => `state-${r.state}`));
  },
};
