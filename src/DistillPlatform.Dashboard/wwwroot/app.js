// DistillPlatform dashboard: one page per view, each polling the JSON API under /api while it is shown.
// Everything is built with DOM calls and textContent, so no telemetry text is ever interpreted as HTML.
'use strict';

const POLL_MS = 2000;
const CONSOLE_POLL_MS = 1000;
const MAX_CONSOLE_LINES = 5000;
const PALETTE = ['#2f5fd0', '#d0702f', '#2f9e5b', '#9b3fc4', '#c4302b', '#1f9aa8', '#a8891f', '#6b6f7a', '#d04f9e', '#4a7a1f'];

let currentTimer = null;
let currentView = null;

// ---------- small helpers ----------

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'onclick') node.addEventListener('click', value);
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (response.status === 401) throw new Error('not signed in: open the login URL printed by the AppHost');
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function setConnection(error) {
  document.getElementById('connection').textContent = error ? `⚠ ${error.message}` : `updated ${new Date().toLocaleTimeString()}`;
}

function serviceColour(service) {
  let hash = 0;
  for (const c of service) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

function formatDuration(ms) {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function formatUptime(startedAt) {
  if (!startedAt) return '';
  let seconds = Math.max(0, Math.floor((Date.now() - Date.parse(startedAt)) / 1000));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]]) {
    if (seconds >= size) { parts.push(`${Math.floor(seconds / size)}${unit}`); seconds %= size; }
  }
  parts.push(`${seconds}s`);
  return parts.slice(0, 2).join(' ');
}

function formatNumber(value) {
  if (value === null || value === undefined) return '';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return value.toExponential(3);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(magnitude < 10 ? 4 : 2);
}

function formatTime(timestamp) {
  const date = new Date(timestamp);
  return date.toLocaleTimeString('en-GB', { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

function attributesList(attributes) {
  return el('dl', { class: 'kv' }, attributes.flatMap(a => [el('dt', {}, a.key), el('dd', {}, a.value)]));
}

function fillSelect(select, values, allLabel) {
  const chosen = select.value;
  const wanted = (allLabel !== undefined ? [''] : []).concat(values);
  const existing = Array.from(select.options).map(o => o.value);
  if (wanted.join('\n') === existing.join('\n')) return;
  select.replaceChildren(...wanted.map(v => el('option', { value: v }, v === '' ? allLabel : v)));
  if (wanted.includes(chosen)) select.value = chosen;
}

function sparkline(values) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 120 26');
  if (values.length < 2) return svg;
  const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
  const points = values.map((v, i) => `${(i / (values.length - 1) * 118 + 1).toFixed(1)},${(24 - (v - min) / span * 22).toFixed(1)}`);
  const line = document.createElementNS(svgNs, 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

// ---------- resources ----------

async function refreshResources() {
  const resources = await getJson('/api/resources');
  const rows = resources.map(r => el('tr', { 'data-resource': r.name },
    el('td', {}, el('a', { href: `#/console/${encodeURIComponent(r.name)}`, title: 'console log' }, r.name)),
    el('td', {}, r.type),
    el('td', { class: `state-${r.state}`, title: r.error || '' }, r.state),
    el('td', { class: `health-${r.health}` }, r.health),
    el('td', { class: 'num' }, r.processId ?? ''),
    el('td', {}, Object.entries(r.endpoints).map(([name, address]) => el('div', {},
      `${name}: `, address.startsWith('http') ? el('a', { href: address.split(' ')[0], target: '_blank' }, address) : address))),
    el('td', { class: 'num' }, r.restartCount),
    el('td', {}, formatUptime(r.startedAt)),
    el('td', {}, r.commands.map(command => el('button', {
      'data-command': command,
      onclick: () => runCommand(r.name, command),
    }, command)))));
  document.querySelector('#resources tbody').replaceChildren(...rows);
  const failed = resources.filter(r => r.error);
  document.getElementById('resources-message').textContent = failed.map(r => `${r.name}: ${r.error}`).join('\n');
}

async function runCommand(name, command) {
  const message = document.getElementById('resources-message');
  message.textContent = `${command} ${name}...`;
  const response = await fetch(`/api/resources/${encodeURIComponent(name)}/${command.toLowerCase()}`, { method: 'POST', credentials: 'same-origin' });
  message.textContent = response.ok ? `${command} ${name}: accepted` : `${command} ${name}: ${await response.text()}`;
  await refreshResources();
}

// ---------- console logs ----------

const consoleState = { resource: null, offset: null };

async function refreshConsole(resourceFromRoute) {
  const select = document.getElementById('console-resource');
  if (select.options.length === 0 || resourceFromRoute) {
    const resources = await getJson('/api/resources');
    fillSelect(select, resources.map(r => r.name));
    if (resourceFromRoute) select.value = resourceFromRoute;
  }
  const resource = select.value;
  const output = document.getElementById('console-output');
  if (resource !== consoleState.resource) {
    consoleState.resource = resource;
    consoleState.offset = null;
    output.replaceChildren();
  }
  if (!resource) return;
  const query = consoleState.offset === null ? '' : `?offset=${consoleState.offset}`;
  const chunk = await getJson(`/api/console/${encodeURIComponent(resource)}${query}`);
  if (resource !== consoleState.resource) return; // switched while loading
  consoleState.offset = chunk.nextOffset;
  for (const line of chunk.lines) {
    const stream = line.includes(' [err] ') ? 'err' : line.includes(' [host] ') ? 'host' : 'out';
    output.append(el('span', { class: stream }, line + '\n'));
  }
  while (output.childNodes.length > MAX_CONSOLE_LINES) output.firstChild.remove();
  document.getElementById('console-file').textContent = `logs/${resource}.log`;
  if (chunk.lines.length && document.getElementById('console-follow').checked) output.scrollTop = output.scrollHeight;
}

// ---------- structured logs ----------

const openLogRows = new Set();

async function refreshLogs() {
  const query = new URLSearchParams({
    level: document.getElementById('logs-level').value,
    service: document.getElementById('logs-service').value,
    traceId: document.getElementById('logs-trace').value.trim(),
    text: document.getElementById('logs-text').value.trim(),
  });
  const result = await getJson(`/api/logs?${query}`);
  fillSelect(document.getElementById('logs-service'), result.services, 'all');
  const rows = [];
  for (const entry of result.entries) {
    const key = `${entry.timestamp}|${entry.service}|${entry.message}`;
    rows.push(el('tr', { class: 'clickable log-row', 'data-service': entry.service, onclick: () => toggle(key) },
      el('td', { class: 'mono' }, formatTime(entry.timestamp)),
      el('td', { class: `level-${entry.level}` }, entry.level),
      el('td', {}, entry.service),
      el('td', { class: 'mono' }, entry.category),
      el('td', { class: 'message' }, entry.message),
      el('td', { class: 'mono' }, entry.traceId ? el('a', { href: `#/traces/${entry.traceId}`, onclick: e => e.stopPropagation() }, entry.traceId.slice(0, 12)) : '')));
    if (openLogRows.has(key)) {
      rows.push(el('tr', { class: 'attributes' }, el('td', { colSpan: 6 }, attributesList([
        { key: 'service.instance.id', value: entry.serviceInstance ?? '' },
        { key: 'trace id', value: entry.traceId ?? '' }, { key: 'span id', value: entry.spanId ?? '' },
        ...entry.attributes]))));
    }
  }
  document.querySelector('#logs tbody').replaceChildren(...rows);

  function toggle(key) {
    if (!openLogRows.delete(key)) openLogRows.add(key);
    refreshLogs().catch(setConnection);
  }
}

// ---------- traces ----------

async function refreshTraces() {
  const query = new URLSearchParams({
    service: document.getElementById('traces-service').value,
    text: document.getElementById('traces-text').value.trim(),
    limit: '300',
  });
  const result = await getJson(`/api/traces?${query}`);
  fillSelect(document.getElementById('traces-service'), result.services, 'all');
  document.querySelector('#traces tbody').replaceChildren(...result.traces.map(t =>
    el('tr', { class: 'clickable trace-row', 'data-trace-id': t.traceId, onclick: () => { location.hash = `#/traces/${t.traceId}`; } },
      el('td', { class: 'mono' }, formatTime(t.start)),
      el('td', {}, el('span', { class: 'service' }, `${t.rootService}: `), t.rootName),
      el('td', {}, t.services.map(s => el('span', { class: 'legend-item' }, s)).flatMap((s, i) => i ? [', ', s] : [s])),
      el('td', { class: 'num' }, t.spanCount),
      el('td', { class: 'num' }, formatDuration(t.durationMs)),
      el('td', { class: t.errorCount ? 'num level-Error' : 'num' }, t.errorCount))));
}

const traceState = { id: null, selected: null };

async function refreshTrace(traceId) {
  if (traceState.id !== traceId) { traceState.id = traceId; traceState.selected = null; }
  const trace = await getJson(`/api/traces/${encodeURIComponent(traceId)}`);
  document.getElementById('trace-title').textContent =
    `Trace ${trace.traceId} — ${trace.rows.length} spans, ${formatDuration(trace.durationMs)}`;
  document.getElementById('trace-legend').replaceChildren(...trace.services.map(s => {
    const item = el('span', {}, s);
    item.style.setProperty('--swatch', serviceColour(s));
    return item;
  }));

  const total = trace.durationMs || 1;
  const axis = el('div', { class: 'wf-axis' }, el('div', {}, 'span'),
    el('div', {}, ...[0, 0.25, 0.5, 0.75, 1].map(f => el('span', {}, formatDuration(total * f)))));
  const rows = trace.rows.map(row => {
    const span = row.span;
    const left = row.offsetMs / total * 100;
    const width = Math.max(row.durationMs / total * 100, 0.2);
    const bar = el('div', { class: span.status === 'Error' ? 'wf-bar error' : 'wf-bar', title: `${span.name} ${formatDuration(row.durationMs)}` });
    bar.style.left = `${left}%`;
    bar.style.width = `${width}%`;
    bar.style.background = serviceColour(span.service);
    const duration = el('span', { class: 'wf-duration' }, formatDuration(row.durationMs));
    // The label goes after the bar, or before it when the bar reaches the right edge.
    if (left + width > 85) duration.style.right = `calc(${100 - left}% + 4px)`;
    else duration.style.left = `calc(${left + width}% + 4px)`;
    const label = el('div', { class: 'wf-label', title: span.name },
      el('span', { class: 'service' }, `${span.service}: `), span.name, row.parentMissing ? ' ⤴' : '');
    label.style.paddingLeft = `${6 + row.depth * 16}px`;
    return el('div', {
      class: span.spanId === traceState.selected ? 'wf-row selected' : 'wf-row',
      'data-span-id': span.spanId, 'data-service': span.service, 'data-depth': row.depth,
      onclick: () => { traceState.selected = span.spanId; showSpan(row); refreshTrace(traceId).catch(setConnection); },
    }, label, el('div', { class: 'wf-track' }, bar, duration));
  });
  document.getElementById('waterfall').replaceChildren(axis, ...rows);
  const selected = trace.rows.find(r => r.span.spanId === traceState.selected);
  if (selected) showSpan(selected); else document.getElementById('span-details').className = 'details';
}

function showSpan(row) {
  const span = row.span;
  const details = document.getElementById('span-details');
  details.className = 'details shown';
  details.replaceChildren(
    el('h2', {}, `${span.service}: ${span.name}`),
    attributesList([
      { key: 'span id', value: span.spanId }, { key: 'parent span id', value: span.parentSpanId ?? '(root)' },
      { key: 'kind', value: span.kind }, { key: 'scope', value: span.scope },
      { key: 'start', value: span.start }, { key: 'duration', value: formatDuration(row.durationMs) },
      { key: 'status', value: span.status + (span.statusMessage ? `: ${span.statusMessage}` : '') },
      { key: 'service.instance.id', value: span.serviceInstance ?? '' },
    ]),
    el('h2', {}, 'Attributes'), attributesList(span.attributes),
    el('h2', {}, `Events (${span.events.length})`),
    ...span.events.map(e => el('div', {}, el('strong', {}, `${formatTime(e.timestamp)} ${e.name}`), attributesList(e.attributes))),
    el('p', {}, el('a', { href: '#/logs', onclick: () => { document.getElementById('logs-trace').value = span.traceId; } }, 'Logs of this trace')));
}

// ---------- metrics ----------

// Names of metrics a user of this platform watches: training progress, losses, artifact sizes, consumer throughput.
const WORTH_WATCHING = /step|loss|byte|uar|accuracy|epoch|progress|sample|masstransit\.(consume|receive)$/i;

async function refreshMetrics() {
  const [metrics, queues] = await Promise.all([getJson('/api/metrics'), getJson('/api/queues')]);
  const describe = m => m.latest.attributes.map(a => `${a.key}=${a.value}`).join(', ');
  const latestText = m => `${formatNumber(m.latest.value)}${m.latest.unit ? ' ' + m.latest.unit : ''}`
    + (m.latest.kind === 'Histogram' ? ` (mean of ${m.latest.count})` : '');

  document.getElementById('metric-highlights').replaceChildren(...metrics.filter(m => WORTH_WATCHING.test(m.latest.name)).map(m =>
    el('div', { class: 'card', 'data-metric': m.latest.name },
      el('div', { class: 'name' }, `${m.latest.service} · ${m.latest.name}`),
      el('div', { class: 'muted' }, describe(m)),
      el('div', { class: 'value' }, latestText(m)),
      el('div', { class: 'muted' }, m.ratePerSecond !== null ? `${formatNumber(m.ratePerSecond)} /s` : ''),
      sparkline(m.recentValues))));

  document.getElementById('queues-message').textContent = queues.error ?? '';
  document.querySelector('#queues tbody').replaceChildren(...queues.queues.map(q =>
    el('tr', { 'data-queue': q.name },
      el('td', { class: 'mono' }, q.name), el('td', { class: 'num' }, q.messages), el('td', { class: 'num' }, q.ready),
      el('td', { class: 'num' }, q.unacknowledged), el('td', { class: 'num' }, q.consumers),
      el('td', { class: 'num' }, formatNumber(q.publishRate)), el('td', { class: 'num' }, formatNumber(q.deliverRate)))));

  document.querySelector('#metrics tbody').replaceChildren(...metrics.map(m =>
    el('tr', { 'data-metric': m.latest.name },
      el('td', {}, m.latest.service), el('td', { class: 'mono', title: m.latest.description }, m.latest.name),
      el('td', { class: 'mono' }, describe(m)), el('td', {}, m.latest.kind),
      el('td', { class: 'num' }, latestText(m)), el('td', { class: 'num' }, formatNumber(m.ratePerSecond)),
      el('td', {}, sparkline(m.recentValues)))));
}

// ---------- routing ----------

function route() {
  const [page, argument] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const views = {
    resources: { section: 'resources', refresh: refreshResources, every: POLL_MS },
    console: { section: 'console', refresh: () => refreshConsole(argument), every: CONSOLE_POLL_MS },
    logs: { section: 'logs', refresh: refreshLogs, every: POLL_MS },
    traces: argument
      ? { section: 'trace', refresh: () => refreshTrace(argument), every: POLL_MS * 2 }
      : { section: 'traces', refresh: refreshTraces, every: POLL_MS },
    metrics: { section: 'metrics', refresh: refreshMetrics, every: POLL_MS },
  };
  const view = views[page] || views.resources;
  currentView = view;
  document.querySelectorAll('.page').forEach(p => p.classList.toggle('active', p.id === `page-${view.section}`));
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === (page in views ? page : 'resources')));
  clearTimeout(currentTimer);
  let first = true;
  const tick = async () => {
    try {
      // A console route names its resource only for the first load; afterwards the select decides.
      await (first || view.section !== 'console' ? view.refresh() : refreshConsole());
      setConnection(null);
    } catch (error) {
      setConnection(error);
    }
    first = false;
    if (currentView === view) currentTimer = setTimeout(tick, view.every);
  };
  tick();
}

for (const id of ['logs-level', 'logs-service', 'logs-trace', 'logs-text', 'traces-service', 'traces-text', 'console-resource']) {
  document.getElementById(id).addEventListener(id.endsWith('level') || id.endsWith('service') || id.endsWith('resource') ? 'change' : 'input', () => {
    if (id === 'console-resource') { location.hash = `#/console/${encodeURIComponent(document.getElementById(id).value)}`; return; }
    currentView && currentView.refresh().catch(setConnection);
  });
}
window.addEventListener('hashchange', route);
route();
