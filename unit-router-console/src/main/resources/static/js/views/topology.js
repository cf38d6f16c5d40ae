// Topology: cities, their data centers and cells, with each cell's kind, load, instances and liveness.
import {getOrExplain} from '../api.js';
import {h, fill, badge} from '../dom.js';
import {paint} from '../shardgrid.js';

let body;

const LIVENESS = {
  live: ['live', 'ok'], down: ['no live instance', 'bad'], unknown: ['no reports', 'info'], offline: ['offline', 'warn'],
};

function cell(c, active) {
  const [text, kind] = LIVENESS[c.liveness];
  return h('li', {class: `cell ${c.offline ? 'offline' : ''}`, id: `cell-${c.id}`},
    h('div', {class: 'cell-head'},
      paint(h('span', {class: 'swatch', 'aria-hidden': 'true'}), c.colour),
      h('strong', {}, c.id), ' ', h('span', {class: 'kind'}, c.kind),
      c.active ? badge('active GZone', 'ok') : null, ' ', badge(text, kind)),
    h('div', {class: 'cell-body'},
      c.kind === 'RZONE' ? h('div', {}, `${c.shards} shards` + (c.capacity !== null ? ` of ${c.capacity}` : '')) : null,
      c.standby ? h('div', {}, `standby ${c.standby}`) : null,
      h('div', {}, `instances: ${c.instances.live} live of ${c.instances.total}`
        + (c.instances.behind ? `, ${c.instances.behind} behind epoch ${active}` : ''))));
}

export default {
  title: 'Topology',
  mount(root) {
    body = h('div', {id: 'topology'});
    root.append(h('p', {class: 'lead'}, 'Cities, their data centers and cells. A cell is live when at least one'
      + ' of its instances has reported within the liveness time-to-live.'), body);
  },
  async refresh() {
    const topology = await getOrExplain('/api/topology', body, 'topology');
    if (!topology) return;
    fill(body,
      h('div', {class: 'cities'}, topology.cities.map(city => h('section', {class: 'city', 'aria-label': `city ${city.id}`},
        h('h2', {}, `City ${city.id}`),
        city.failoverTo.length ? h('p', {class: 'muted'}, `fails over to ${city.failoverTo.join(', ')}`) : null,
        city.dataCenters.map(dc => h('div', {class: 'dc'},
          h('h3', {}, `Data center ${dc.id}`),
          dc.cells.length ? h('ul', {class: 'cells'}, dc.cells.map(c => cell(c, topology.epoch)))
            : h('p', {class: 'muted'}, 'No cells.')))))),
      h('p', {class: 'muted'}, `Gateways (instances without a cell): ${topology.gateways.live} live of`
        + ` ${topology.gateways.total}.`));
  },
};
