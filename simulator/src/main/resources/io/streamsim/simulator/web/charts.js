/*
 * streamsim charts: small SVG line and bar charts with vertical markers, shared by report.html and the live page.
 * No dependencies and no network: the simulator inlines this file into the page it serves or writes.
 *
 * Data (window.streamsim.data): {samples: [{t, target, sent, processed, lag, partitionLag: [], p50, p99,
 * droppedLate, deadLettered, faults, partitionProcessed: [], partitionCommitted: [], threadBusy: {name: fraction}}],
 * phases: [{atSeconds, label}], events: [{atSeconds, description, outcome}],
 * durationSeconds, lateness: {upperBoundsSeconds: [n], counts: [n + 1]} | null}.
 */
(function (global) {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var W = 920, H = 250, M = {left: 64, right: 16, top: 28, bottom: 34};
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function text(parent, x, y, s, attrs) {
    var t = el('text', attrs || {}, parent);
    t.setAttribute('x', x);
    t.setAttribute('y', y);
    t.textContent = s;
    return t;
  }

  function niceStep(max, ticks) {
    var raw = max / ticks, pow = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / pow;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
  }

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    var a = Math.abs(v);
    if (a >= 1e6) { return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M'; }
    if (a >= 1e4) { return (v / 1e3).toFixed(0) + 'k'; }
    if (a >= 100 || v === Math.round(v)) { return String(Math.round(v)); }
    return v.toFixed(a >= 10 ? 1 : 2);
  }

  /* A frame with axes for x in [0, xMax] and y in [0, yMax]; returns the svg and scale functions. */
  function frame(container, title, yLabel, xMax, yMax, xLabel) {
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-label': title,
      'class': 'chart'});
    container.appendChild(svg);
    var pw = W - M.left - M.right, ph = H - M.top - M.bottom;
    var ys = niceStep(yMax > 0 ? yMax : 1, 4), yTop = Math.max(ys, Math.ceil((yMax > 0 ? yMax : 1) / ys) * ys);
    var sx = function (x) { return M.left + (xMax > 0 ? x / xMax : 0) * pw; };
    var sy = function (y) { return M.top + ph - (y / yTop) * ph; };
    text(svg, M.left, 16, title, {'class': 'chart-title'});
    var axes = el('g', {'class': 'axes'}, svg);
    for (var y = 0; y <= yTop + ys / 2; y += ys) {
      el('line', {x1: M.left, x2: W - M.right, y1: sy(y), y2: sy(y), 'class': 'grid'}, axes);
      text(axes, M.left - 6, sy(y) + 4, fmt(y), {'text-anchor': 'end'});
    }
    var xs = niceStep(xMax > 0 ? xMax : 1, 10);
    for (var x = 0; x <= xMax + 1e-9; x += xs) {
      el('line', {x1: sx(x), x2: sx(x), y1: M.top + ph, y2: M.top + ph + 4, 'class': 'tick'}, axes);
      text(axes, sx(x), M.top + ph + 16, fmt(x), {'text-anchor': 'middle'});
    }
    text(axes, W - M.right, H - 4, xLabel || 'seconds since start', {'text-anchor': 'end', 'class': 'axis-label'});
    text(axes, 4, M.top - 8, yLabel, {'class': 'axis-label'});
    el('rect', {x: M.left, y: M.top, width: pw, height: ph, 'class': 'plot-area'}, axes);
    return {svg: svg, sx: sx, sy: sy, top: M.top, bottom: M.top + ph};
  }

  function markers(f, phases, events) {
    var g = el('g', {'class': 'markers'}, f.svg);
    (phases || []).forEach(function (p, i) {
      if (i === 0 && p.atSeconds === 0) { return; }
      var x = f.sx(p.atSeconds);
      var line = el('line', {x1: x, x2: x, y1: f.top, y2: f.bottom, 'class': 'marker phase'}, g);
      el('title', {}, line).textContent = p.label + ' at ' + fmt(p.atSeconds) + 's';
      text(g, x + 3, f.bottom - 4, p.label, {'class': 'marker-label phase'});
    });
    (events || []).forEach(function (e, i) {
      var x = f.sx(e.atSeconds);
      var line = el('line', {x1: x, x2: x, y1: f.top, y2: f.bottom, 'class': 'marker event'}, g);
      el('title', {}, line).textContent = e.description + ' at ' + fmt(e.atSeconds) + 's'
        + (e.outcome ? ' (' + e.outcome + ')' : '');
      var label = e.description.length > 26 ? e.description.slice(0, 25) + '…' : e.description;
      text(g, x + 3, f.top + 12 + (i % 4) * 12, label, {'class': 'marker-label event'});
    });
  }

  function legend(f, series) {
    var g = el('g', {'class': 'legend'}, f.svg), x = W - M.right;
    for (var i = series.length - 1; i >= 0; i--) {
      var s = series[i];
      var t = text(g, x, 16, s.name, {'text-anchor': 'end'});
      var width = s.name.length * 6.2 + 4;
      el('line', {x1: x - width - 18, x2: x - width - 4, y1: 12, y2: 12, stroke: s.color,
        'stroke-width': 3, 'stroke-dasharray': s.dash || ''}, g);
      x -= width + 28;
      t.setAttribute('fill', '#333');
    }
  }

  /* series: [{name, color, values (same length as xs, null for a gap), dash, width}] */
  function lineChart(container, opts) {
    var xs = opts.xs, yMax = 0;
    opts.series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null && isFinite(v) && v > yMax) { yMax = v; } });
    });
    var xMax = Math.max(opts.xMax || 0, xs.length ? xs[xs.length - 1] : 0, 1);
    var f = frame(container, opts.title, opts.yLabel, xMax, yMax * 1.05);
    markers(f, opts.phases, opts.events);
    var g = el('g', {'class': 'series'}, f.svg);
    opts.series.forEach(function (s) {
      var d = '', pen = false, points = 0;
      for (var i = 0; i < xs.length; i++) {
        var v = s.values[i];
        if (v === null || v === undefined || !isFinite(v)) { pen = false; continue; }
        d += (pen ? 'L' : 'M') + f.sx(xs[i]).toFixed(1) + ',' + f.sy(v).toFixed(1);
        pen = true;
        points++;
      }
      var path = el('path', {d: d || 'M0,0', fill: 'none', stroke: s.color, 'stroke-width': s.width || 2,
        'stroke-dasharray': s.dash || '', 'data-series': s.name, 'data-points': points}, g);
      el('title', {}, path).textContent = s.name;
    });
    legend(f, opts.series.filter(function (s) { return !s.hideInLegend; }));
    f.svg.setAttribute('data-samples', xs.length);
    return f.svg;
  }

  function barChart(container, opts) {
    var n = opts.labels.length, yMax = Math.max.apply(null, opts.values.concat([0]));
    var f = frame(container, opts.title, opts.yLabel, n, yMax * 1.05, opts.xLabel);
    f.svg.querySelectorAll('.axes text[text-anchor="middle"]').forEach(function (t) { t.remove(); });
    var g = el('g', {'class': 'series'}, f.svg), drawn = 0;
    for (var i = 0; i < n; i++) {
      var x0 = f.sx(i) + 1, x1 = f.sx(i + 1) - 1, y = f.sy(opts.values[i]);
      var bar = el('rect', {x: x0, y: y, width: Math.max(1, x1 - x0), height: f.bottom - y, fill: opts.color,
        'class': 'bar'}, g);
      el('title', {}, bar).textContent = opts.labels[i] + ': ' + opts.values[i];
      text(g, (x0 + x1) / 2, f.bottom + 16, opts.labels[i], {'text-anchor': 'middle', 'class': 'bar-label'});
      if (opts.values[i] > 0) { drawn++; }
    }
    f.svg.setAttribute('data-bars', drawn);
    return f.svg;
  }

  function column(samples, key) {
    return samples.map(function (s) { return s[key] === undefined ? null : s[key]; });
  }

  function render(root, data) {
    var samples = data.samples || [], xs = column(samples, 't');
    var common = {xs: xs, xMax: data.durationSeconds || 0, phases: data.phases, events: data.events};
    function chart(id, opts) {
      var box = root.querySelector('#' + id);
      if (!box) { return; }
      while (box.firstChild) { box.removeChild(box.firstChild); }
      for (var k in common) { if (!(k in opts)) { opts[k] = common[k]; } }
      lineChart(box, opts);
    }
    chart('chart-rate', {title: 'Throughput', yLabel: 'events/s', series: [
      {name: 'target', color: '#999', dash: '6 4', values: column(samples, 'target')},
      {name: 'sent', color: PALETTE[0], values: column(samples, 'sent')},
      {name: 'processed', color: PALETTE[1], values: column(samples, 'processed')}]});
    var partitions = samples.reduce(function (m, s) { return Math.max(m, (s.partitionLag || []).length); }, 0);
    var lagSeries = [{name: 'total', color: '#222', width: 2.5, values: column(samples, 'lag').map(function (v) {
      return v !== null && v < 0 ? null : v; })}];
    for (var p = 0; p < partitions; p++) {
      lagSeries.push({name: 'p' + p, color: PALETTE[p % PALETTE.length], width: 1, dash: '3 2',
        hideInLegend: partitions > 8, values: samples.map(function (s) {
          var v = (s.partitionLag || [])[p]; return v === undefined || v < 0 ? null : v; })});
    }
    chart('chart-lag', {title: 'Consumer lag (total and per partition)', yLabel: 'records', series: lagSeries});
    chart('chart-latency', {title: 'End-to-end latency', yLabel: 'seconds', series: [
      {name: 'p50', color: PALETTE[2], values: column(samples, 'p50')},
      {name: 'p99', color: PALETTE[3], values: column(samples, 'p99')}]});
    chart('chart-dropped', {title: 'Dropped late and dead-lettered (cumulative)', yLabel: 'records', series: [
      {name: 'dropped late', color: PALETTE[4], values: column(samples, 'droppedLate')},
      {name: 'dead-lettered', color: PALETTE[5], values: column(samples, 'deadLettered')}]});
    skew(root, samples, chart);
    var box = root.querySelector('#chart-lateness');
    if (box) {
      while (box.firstChild) { box.removeChild(box.firstChild); }
      var h = data.lateness;
      if (h && h.counts && h.counts.length) {
        barChart(box, {title: 'Event lateness (stream time minus record timestamp, oracle replay)',
          yLabel: 'records', xLabel: 'lateness up to (s)', color: PALETTE[9], values: h.counts,
          labels: h.counts.map(function (c, i) {
            var b = h.upperBoundsSeconds;
            return i === 0 && b[0] === 0 ? 'in order' : i < b.length ? '≤' + fmt(b[i]) : '>' + fmt(b[b.length - 1]);
          })});
      } else {
        var note = document.createElement('p');
        note.className = 'note';
        note.textContent = 'No lateness histogram: the oracle did not record one for this run.';
        box.appendChild(note);
      }
    }
  }

  /* Skew: processed/s per partition, each partition's share of all processed records so far, busy per thread. */
  function skew(root, samples, chart) {
    var partitions = samples.reduce(function (m, s) { return Math.max(m, (s.partitionProcessed || []).length); }, 0);
    var series = [];
    for (var p = 0; p < partitions; p++) {
      series.push({name: 'p' + p, color: PALETTE[p % PALETTE.length], width: 1.5, hideInLegend: partitions > 8,
        values: samples.map(function (s) { var v = (s.partitionProcessed || [])[p]; return v === undefined ? null : v; })});
    }
    chart('chart-partitions', {title: 'Processed per partition (committed offsets)', yLabel: 'records/s',
      series: series});
    var box = root.querySelector('#chart-partition-share'), last = samples[samples.length - 1];
    if (box && last && (last.partitionCommitted || []).length) {
      while (box.firstChild) { box.removeChild(box.firstChild); }
      var done = last.partitionCommitted.map(function (c) { return Math.max(0, c); });
      var total = done.reduce(function (a, b) { return a + b; }, 0) || 1;
      barChart(box, {title: 'Share of records processed, per partition (%)', yLabel: '%', xLabel: 'partition',
        color: PALETTE[1], values: done.map(function (c) { return Math.round(1000 * c / total) / 10; }),
        labels: done.map(function (c, i) { return 'p' + i; })});
    }
    var names = [];
    samples.forEach(function (s) {
      Object.keys(s.threadBusy || {}).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
    });
    chart('chart-threads', {title: 'Stream thread busy fraction (process + punctuate + commit)', yLabel: 'fraction',
      series: names.map(function (n, i) {
        return {name: n, color: PALETTE[i % PALETTE.length], hideInLegend: names.length > 6,
          values: samples.map(function (s) { var v = (s.threadBusy || {})[n]; return v === undefined ? null : v; })};
      })});
  }

  global.StreamsimCharts = {render: render, lineChart: lineChart, barChart: barChart, format: fmt};
})(window);
