// Shard map: every shard coloured by its owner, frozen shards striped, overridden shards flagged; hover or
// focus a square for its owner, home and history.
import {getOrExplain} from '../api.js';
import {h, fill, table} from '../dom.js';
import {renderGrid, rovingFocus, legend} from '../shardgrid.js';

let grid;
let side;
let heading;
let problem;

function label(s) {
  return `Shard ${s.shard}: owner ${s.owner}` + (s.home !== s.owner ? `, home ${s.home}` : '')
    + (s.frozen ? ', frozen' : '') + (s.override ? `, override to ${s.override}` : '')
    + (s.keyOverrides ? `, ${s.keyOverrides} overridden keys` : '');
}

function tooltip(s) {
  return () => h('div', {},
    h('strong', {}, `Shard ${s.shard}`),
    h('dl', {},
      h('dt', {}, 'owner'), h('dd', {}, s.owner),
      h('dt', {}, 'home'), h('dd', {}, s.home === s.owner ? `${s.home} (at home)` : `${s.home} (away)`),
      h('dt', {}, 'frozen'), h('dd', {}, s.frozen ? 'yes: writes refused while it moves' : 'no'),
      s.override ? [h('dt', {}, 'override'), h('dd', {}, `requests go to ${s.override}`)] : null,
      s.keyOverrides ? [h('dt', {}, 'keys'), h('dd', {}, `${s.keyOverrides} keys overridden`)] : null),
    h('p', {class: 'tip-title'}, 'History'),
    h('ol', {class: 'history'}, s.history.map(c => h('li', {},
      `epoch ${c.epoch}: ${c.owner}${c.frozen ? ', frozen' : ''}${c.home !== c.owner ? `, home ${c.home}` : ''}`))));
}

export default {
  title: 'Shard map',
  mount(root) {
    heading = h('p', {class: 'lead', id: 'shard-summary'});
    problem = h('div');
    grid = h('div', {class: 'grid', id: 'shard-grid', role: 'group', 'aria-label': 'Shards'});
    side = h('div', {class: 'side'});
    root.append(heading, problem, h('div', {class: 'split'}, h('div', {}, grid,
      h('p', {class: 'hint'}, 'Hover over a shard, or focus it and use the arrow keys, to see its owner, home and'
        + ' history. Striped: frozen. Corner flag: an override sends its requests to another cell. Dot:'
        + ' some of its keys are overridden. Dotted underline: away from its home cell.')), side));
  },
  async refresh() {
    const map = await getOrExplain('/api/shards', problem, 'shard map');
    if (!map) {
      fill(grid);
      fill(side);
      fill(heading);
      return;
    }
    fill(problem);
    const colours = Object.fromEntries(map.cells.map(c => [c.id, c.colour]));
    const frozen = map.shards.filter(s => s.frozen).length;
    fill(heading, h('strong', {id: 'map-epoch'}, `Epoch ${map.epoch}`),
      ` · ${map.shards.length} shards · ${frozen} frozen · checksum ${map.checksum}`
      + (map.activeGZone ? ` · active GZone ${map.activeGZone}` : ''));
    renderGrid(grid, map.shards.map(s => ({
      shard: s.shard, owner: s.owner, label: label(s), tooltip: tooltip(s),
      classes: [s.frozen ? 'frozen' : '', s.override ? 'override' : '', s.keyOverrides ? 'keys' : '',
        s.home !== s.owner ? 'away' : ''].filter(Boolean),
    })), colours);
    rovingFocus(grid);
    fill(side,
      h('h2', {}, 'Cells'),
      legend(map.cells.map(c => ({id: c.id, label: `${c.id}: ${c.shards}${c.capacity !== null ? ` / ${c.capacity}` : ''}`
        + ` shards${c.offline ? ' · offline' : ''}${c.blueGreen ? ' · blue/green target' : ''}`})), colours),
      h('h2', {}, 'Overrides'),
      map.overrides.length === 0 ? h('p', {class: 'muted'}, 'None.')
        : table(null, ['keys', 'shards', 'to'], map.overrides,
          o => [o.keys.join(', ') || '–', o.shards || '–', o.cell]),
      h('p', {class: 'muted'}, `History covers ${map.knownEpochs.length} epoch(s) the console knows`
        + (map.knownEpochs.length ? `: ${map.knownEpochs[0]}–${map.knownEpochs[map.knownEpochs.length - 1]}` : '')
        + '. See Rules for where they come from.'));
  },
};
