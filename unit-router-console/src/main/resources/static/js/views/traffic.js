// Traffic: requests per cell and decision, scraped from the instances listed in the console's configuration.
import {getOrExplain} from '../api.js';
import {h, fill, notice, table, time, duration} from '../dom.js';

let body;
const GROUPS = ['served', 'forwarded', 'misdirected', 'frozen', 'refused', 'other'];

function rate(value) {
  return value === undefined ? '' : `${value.toFixed(1)}/s`;
}

export default {
  title: 'Traffic',
  mount(root) {
    body = h('div', {id: 'traffic'});
    root.append(h('p', {class: 'lead'}, 'Requests per cell, by what happened to them: served by the owner,'
      + ' forwarded to it, misdirected (answered 421), refused as a write to a frozen shard (503), or refused as'
      + ' malformed or forged.'), body);
  },
  async refresh() {
    const t = await getOrExplain('/api/traffic', body, 'traffic');
    if (!t) return;
    if (t.configured === 0) {
      fill(body, notice('info', 'No instances are configured to scrape.',
        'Instances\' applied-epoch reports carry no address, so the console reads the instances listed under'
        + ' unit-router.console.traffic.instances (url, and optionally cell). Each must expose'
        + ' /actuator/prometheus or /actuator/metrics. See docs/console.md.'));
      return;
    }
    const groups = GROUPS.filter(g => g !== 'other' || t.cells.some(c => c.totals.other > 0));
    fill(body,
      t.cells.length === 0 ? notice('warn', 'No instance could be scraped yet.', 'See the errors below.')
        : table(`Per cell, every ${duration(t.intervalMillis)}`, ['cell', 'instances', ...groups], t.cells,
          c => [c.cell, String(c.instances), ...groups.map(g => h('td', {class: `num ${g}`},
            String(c.totals[g]), h('br'), h('small', {}, rate(c.perSecond[g]))))]),
      table('Instances', ['instance', 'cell', 'scraped', 'from', 'result'], t.instances,
        i => [i.url, i.cell || '?', time(i.scrapedAt), i.source || '', i.ok ? 'ok' : i.error],
        i => (i.ok ? '' : 'state-behind')));
  },
};
