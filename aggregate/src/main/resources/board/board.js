// The ainews live board: polls the aggregate API and updates three Chart.js charts and a
// table in place. Plain script, no build step; Chart.js (UMD) is loaded before it.
'use strict';

(() => {
  const WINDOW_MS = { '1h': 3600000, '1d': 86400000 };
  const DAY_MS = 86400000;
  // 30 days of hourly windows would be 720 points per company and a heavy poll; a week reads better.
  const DEFAULT_SPAN_DAYS = { '1h': 7, '1d': 30 };
  const SIGNAL_ROWS = 20;
  const params = new URLSearchParams(window.location.search);
  // ?refresh=MS (1 s to 60 s) lets a test or an impatient demo poll faster than the default 10 s.
  const REFRESH_MS = Math.min(60000, Math.max(1000, Number(params.get('refresh')) || 10000));

  // Taxonomy order (DESIGN.md): a company keeps its colour whatever the top N is.
  const COMPANIES = ['deepseek', 'alibaba', 'baidu', 'tencent', 'bytedance', 'moonshot', 'zhipu', 'minimax', '01ai',
    'huawei', 'iflytek', 'openai', 'anthropic', 'google', 'meta', 'microsoft', 'nvidia', 'xai', 'amazon', 'apple',
    'mistral', 'cohere', 'tii', 'sakana', 'naver', 'lg', 'huggingface', 'stability'];
  const THEMES = ['safety', 'cost', 'regulation', 'open_source', 'geopolitics', 'chips', 'market'];
  const SHARES = [
    { name: 'cn_company_mentions', label: 'CN', color: '#ff6b6b' },
    { name: 'us_company_mentions', label: 'US', color: '#6cb4ff' },
  ];
  const BURST_COLOR = '#ffb454';

  // Everything the charts hold after the latest render; mirrored into #board-state.
  const board = window.__board = {
    renders: 0,
    errors: [],
    lastError: null,
    window: '1d',
    spanDays: DEFAULT_SPAN_DAYS['1d'],
    top: 8,
    range: null,
    labels: [],
    companies: {},
    bursts: [],
    share: {},
    themes: {},
    signals: [],
  };
  window.addEventListener('error', (e) => board.errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => board.errors.push(String(e.reason)));

  const $ = (id) => document.getElementById(id);
  let charts = null;
  let timer = null;
  let generation = 0;

  function colorOf(value, list) {
    let i = list.indexOf(value);
    if (i < 0) {
      // An id outside the known list still gets a stable colour.
      i = list.length;
      for (const ch of value) {
        i = (i * 31 + ch.charCodeAt(0)) % 997;
      }
    }
    // Golden-angle hues: neighbours in the list get far-apart colours.
    return `hsl(${Math.round((i * 137.508) % 360)}, 70%, 62%)`;
  }

  function label(ms, w) {
    const iso = new Date(ms).toISOString();
    return w === '1d' ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  }

  async function api(path, query) {
    const url = query ? `${path}?${new URLSearchParams(query)}` : path;
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) {
      let why = `${r.status}`;
      try {
        why += `: ${(await r.json()).error}`;
      } catch (ignored) {
        // Not JSON: the status says enough.
      }
      throw new Error(`${path} answered ${why}`);
    }
    return r.json();
  }

  /** value -> counts aligned on starts (0 where the window has no record). */
  function series(counts, starts) {
    const index = new Map(starts.map((t, i) => [t, i]));
    const out = new Map();
    for (const c of counts) {
      const i = index.get(Date.parse(c.windowStart));
      if (i === undefined) {
        continue;
      }
      if (!out.has(c.value)) {
        out.set(c.value, new Array(starts.length).fill(0));
      }
      out.get(c.value)[i] = c.items;
    }
    return out;
  }

  function total(values) {
    return values.reduce((a, b) => a + b, 0);
  }

  function makeChart(id, type, options) {
    return new Chart($(id), {
      type,
      data: { labels: [], datasets: [] },
      options: Object.assign({
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'right', labels: { boxWidth: 12 } } },
      }, options),
    });
  }

  /** Replaces labels and data of the chart, keeping the dataset objects of labels it already has. */
  function sync(chart, labels, datasets) {
    const old = new Map(chart.data.datasets.map((d) => [d.label, d]));
    chart.data.labels = labels;
    chart.data.datasets = datasets.map((d) => (old.has(d.label) ? Object.assign(old.get(d.label), d) : d));
    chart.update('none');
  }

  function showEmpty(canvasId, empty) {
    const box = $(canvasId).parentElement;
    box.classList.toggle('nodata', empty);
    box.querySelector('.empty').hidden = !empty;
  }

  function setStatus(text, error) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(error));
  }

  function renderCompanies(labels, starts, counts, signals, w) {
    const byValue = series(counts, starts);
    const top = [...byValue.entries()]
      .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
      .slice(0, board.top);
    board.companies = Object.fromEntries(top);
    const shown = new Set(top.map(([v]) => v));
    const index = new Map(starts.map((t, i) => [t, i]));
    board.bursts = signals
      .filter((s) => s.dimension === 'company' && s.window === w && shown.has(s.value)
        && index.has(Date.parse(s.windowStart)))
      .map((s) => ({ value: s.value, index: index.get(Date.parse(s.windowStart)), observed: s.observed,
        score: s.score }));
    const datasets = top.map(([value, data]) => ({
      label: value,
      data,
      borderColor: colorOf(value, COMPANIES),
      backgroundColor: colorOf(value, COMPANIES),
      borderWidth: 2,
      pointRadius: starts.length > 60 ? 0 : 2,
      // Straight segments: counts are discrete, a smoothed curve would overshoot between windows.
      tension: 0,
    }));
    const markers = new Array(starts.length).fill(null);
    const names = new Array(starts.length).fill('');
    for (const b of board.bursts) {
      markers[b.index] = Math.max(markers[b.index] || 0, b.observed);
      names[b.index] = names[b.index] ? `${names[b.index]}, ${b.value}` : b.value;
    }
    if (board.bursts.length > 0) {
      datasets.push({
        label: 'burst',
        data: markers,
        burstNames: names,
        showLine: false,
        pointStyle: 'triangle',
        pointRadius: 8,
        pointHoverRadius: 10,
        borderColor: BURST_COLOR,
        backgroundColor: BURST_COLOR,
      });
    }
    sync(charts.companies, labels, datasets);
    showEmpty('companies-chart', top.length === 0);
  }

  function renderShare(labels, starts, shares) {
    const index = new Map(starts.map((t, i) => [t, i]));
    board.share = {};
    const datasets = SHARES.map((s) => {
      // null where no item named a company: no share, rather than a misleading 0 %.
      const data = new Array(starts.length).fill(null);
      for (const x of shares) {
        const i = index.get(Date.parse(x.windowStart));
        if (x.name === s.name && i !== undefined && x.whole > 0) {
          data[i] = Math.round(x.share * 1000) / 10;
        }
      }
      board.share[s.name] = data;
      return { label: s.label, data, borderColor: s.color, backgroundColor: s.color, borderWidth: 2,
        pointRadius: starts.length > 60 ? 0 : 2, spanGaps: true, tension: 0 };
    });
    sync(charts.share, labels, datasets);
    showEmpty('share-chart', !datasets.some((d) => d.data.some((v) => v !== null)));
  }

  function renderThemes(labels, starts, counts) {
    const byValue = series(counts, starts);
    const values = [...byValue.keys()].sort((a, b) => {
      const ia = THEMES.indexOf(a);
      const ib = THEMES.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    board.themes = Object.fromEntries(values.map((v) => [v, byValue.get(v)]));
    sync(charts.themes, labels, values.map((v) => ({
      label: v,
      data: byValue.get(v),
      backgroundColor: colorOf(v, THEMES),
      borderWidth: 0,
    })));
    showEmpty('themes-chart', values.length === 0);
  }

  function cell(text, numeric) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) {
      td.className = 'num';
    }
    return td;
  }

  function renderSignals(signals) {
    const rows = [...signals]
      .sort((a, b) => Date.parse(b.windowStart) - Date.parse(a.windowStart) || b.score - a.score)
      .slice(0, SIGNAL_ROWS);
    board.signals = rows.map((s) => ({ windowStart: s.windowStart, window: s.window, dimension: s.dimension,
      value: s.value, observed: s.observed, score: s.score }));
    const body = $('signals').querySelector('tbody');
    // textContent only: values come from feeds via the taxonomy, but the page never parses them as HTML.
    body.replaceChildren(...rows.map((s) => {
      const tr = document.createElement('tr');
      tr.append(cell(s.windowStart.replace('T', ' ').replace(/:00Z$/, '')), cell(s.window), cell(s.dimension),
        cell(s.value), cell(String(s.observed), true), cell(s.baseline.toFixed(2), true),
        cell(s.score.toFixed(1), true));
      return tr;
    }));
    $('signals').hidden = rows.length === 0;
    $('panel-signals').querySelector('p.empty').hidden = rows.length > 0;
  }

  function publish() {
    board.renders += 1;
    $('board-state').textContent = JSON.stringify(board);
  }

  function renderEmpty() {
    board.range = null;
    board.labels = [];
    renderCompanies([], [], [], [], board.window);
    renderShare([], [], []);
    renderThemes([], [], []);
    renderSignals([]);
    publish();
  }

  async function refresh() {
    clearTimeout(timer);
    const gen = ++generation;
    const w = board.window;
    try {
      const ranges = await api('/api/range');
      const r = ranges[w];
      if (gen !== generation) {
        return;
      }
      if (!r || !r.last) {
        renderEmpty();
        setStatus(`No data yet: waiting for enriched items (polling every ${REFRESH_MS / 1000} s)`);
        return;
      }
      // The latest windows that hold data, not the last days of the wall clock: a demo sample or a
      // replay may be months old.
      const size = WINDOW_MS[w];
      const last = Date.parse(r.last);
      const n = Math.max(1, Math.round((board.spanDays * DAY_MS) / size));
      const starts = Array.from({ length: n }, (_, i) => last - (n - 1 - i) * size);
      const labels = starts.map((t) => label(t, w));
      const from = new Date(starts[0]).toISOString();
      const to = new Date(last).toISOString();
      const [companies, themes, shares, signals] = await Promise.all([
        api('/api/trends', { dimension: 'company', window: w, from, to }),
        api('/api/trends', { dimension: 'theme', window: w, from, to }),
        api('/api/share', { window: w, from, to }),
        // Bursts of either size that start within the shown windows, the last one included.
        api('/api/signals', { from, to: new Date(last + size - 1).toISOString() }),
      ]);
      if (gen !== generation) {
        return;
      }
      board.range = { window: w, first: r.first, last: r.last, from, to };
      board.labels = labels;
      renderCompanies(labels, starts, companies, signals, w);
      renderShare(labels, starts, shares);
      renderThemes(labels, starts, themes);
      renderSignals(signals);
      board.lastError = null;
      publish();
      setStatus(`Updated ${new Date().toLocaleTimeString()} · ${w} windows ${labels[0]} to ${labels[labels.length - 1]}`
        + ` UTC · data since ${label(Date.parse(r.first), w)} · refresh ${REFRESH_MS / 1000} s`);
    } catch (e) {
      board.lastError = e.message;
      setStatus(`${e.message}; retrying in ${REFRESH_MS / 1000} s`, true);
    } finally {
      if (gen === generation) {
        timer = setTimeout(refresh, REFRESH_MS);
      }
    }
  }

  function init() {
    if (typeof Chart === 'undefined') {
      setStatus('Chart.js did not load', true);
      board.errors.push('Chart.js did not load');
      return;
    }
    Chart.defaults.color = '#8a94a0';
    Chart.defaults.borderColor = '#2a3038';
    const time = { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } };
    charts = {
      companies: makeChart('companies-chart', 'line', {
        scales: { x: time, y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          legend: { position: 'right', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (ctx) => (ctx.dataset.burstNames
                ? `burst: ${ctx.dataset.burstNames[ctx.dataIndex]} (${ctx.parsed.y})`
                : `${ctx.dataset.label}: ${ctx.parsed.y}`),
            },
          },
        },
      }),
      share: makeChart('share-chart', 'line', {
        scales: { x: time, y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
      }),
      themes: makeChart('themes-chart', 'bar', {
        scales: { x: Object.assign({ stacked: true }, time), y: { stacked: true, beginAtZero: true,
          ticks: { precision: 0 } } },
      }),
    };
    const win = $('window');
    const span = $('span');
    const top = $('top');
    board.window = win.value;
    board.spanDays = Number(span.value);
    board.top = Number(top.value);
    win.addEventListener('change', () => {
      board.window = win.value;
      board.spanDays = DEFAULT_SPAN_DAYS[win.value];
      span.value = String(board.spanDays);
      refresh();
    });
    span.addEventListener('change', () => {
      board.spanDays = Number(span.value);
      refresh();
    });
    top.addEventListener('change', () => {
      board.top = Number(top.value);
      refresh();
    });
    refresh();
  }

  document.addEventListener('DOMContentLoaded', init);
})();
