/*
 * streamsim charts, drawn by uPlot (inlined into the page before this file, as is its stylesheet: nothing is
 * fetched). Shared by report.html, the live page and sweep.html. Every chart shows its values on hover (the
 * legend follows the cursor) and zooms on a drag (double-click resets). render() called again with grown data
 * (the live page) hands each existing chart its new arrays with setData instead of drawing it again.
 *
 * Data (window.streamsim.data): {samples: [{t, target, sent, processed, lag, partitionLag: [], p50, p99,
 * droppedLate, deadLettered, faults, partitionProcessed: [], partitionCommitted: [], threadBusy: {name: fraction}}],
 * phases: [{atSeconds, label}], events: [{atSeconds, description, outcome}],
 * durationSeconds, lateness: {upperBoundsSeconds: [n], counts: [n + 1]} | null}.
 *
 * Each chart's box carries what tests and readers check without reading pixels: data-samples (points on x),
 * data-series (the series' names, JSON), and its markers as .marker.phase / .marker.event elements with a title.
 */
(function (global) {
  'use strict';
  var H = 250;
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    var a = Math.abs(v);
    if (a >= 1e6) { return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M'; }
    if (a >= 1e4) { return (v / 1e3).toFixed(0) + 'k'; }
    if (a >= 100 || v === Math.round(v)) { return String(Math.round(v)); }
    return v.toFixed(a >= 10 ? 1 : a >= 0.1 ? 2 : 4);
  }

  function width(box) {
    return Math.max(300, Math.min(920, (box.clientWidth || 920)));
  }

  function dash(d) {
    return d ? d.split(' ').map(Number) : undefined;
  }

  /* Vertical markers (rate phases, timeline events) as elements over the plot, placed at their x after each draw. */
  function placeMarkers(u) {
    var m = u.streamsimMarkers;
    if (!m) { return; }
    m.layer.innerHTML = '';
    (m.pointLabels || []).forEach(function (text, i) {
      var x = u.data[0][i], y = u.data[1][i];
      if (x === null || y === null || y === undefined) { return; }
      var label = document.createElement('div');
      label.className = 'point-label';
      label.style.left = (u.valToPos(x, 'x') + 6) + 'px';
      label.style.top = (u.valToPos(y, 'y') - 16) + 'px';
      label.textContent = text;
      m.layer.appendChild(label);
    });
    m.items.forEach(function (item, i) {
      var x = u.valToPos(item.at, 'x');
      if (!(x >= 0 && x <= u.over.clientWidth + 0.5)) { return; }
      var line = document.createElement('div');
      line.className = 'marker ' + item.kind;
      line.style.left = x + 'px';
      line.title = item.title;
      m.layer.appendChild(line);
      var label = document.createElement('div');
      label.className = 'marker-label ' + item.kind;
      label.style.left = (x + 3) + 'px';
      label.style.top = item.kind === 'event' ? (4 + (i % 4) * 13) + 'px' : '';
      label.textContent = item.label;
      label.title = item.title;
      m.layer.appendChild(label);
    });
  }

  function markerItems(phases, events) {
    var items = [];
    (phases || []).forEach(function (p, i) {
      if (i === 0 && p.atSeconds === 0) { return; }
      items.push({kind: 'phase', at: p.atSeconds, label: p.label, title: p.label + ' at ' + fmt(p.atSeconds) + 's'});
    });
    (events || []).forEach(function (e) {
      items.push({kind: 'event', at: e.atSeconds,
        label: e.description.length > 26 ? e.description.slice(0, 25) + '…' : e.description,
        title: e.description + ' at ' + fmt(e.atSeconds) + 's' + (e.outcome ? ' (' + e.outcome + ')' : '')});
    });
    return items;
  }

  function clear(box) {
    if (box.streamsimChart) { box.streamsimChart.destroy(); box.streamsimChart = null; }
    while (box.firstChild) { box.removeChild(box.firstChild); }
  }

  function seriesKey(opts) {
    return JSON.stringify(opts.series.map(function (s) { return s.name; })) + '|' + (opts.kind || 'line');
  }

  /*
   * A line chart in box: opts {title, yLabel, xLabel, xs, xMax, series: [{name, color, values, dash, width,
   * hideInLegend, points}], phases, events, xTicks: [labels] (x is then 0..n-1 and each tick is its label),
   * bands: [[upper series index, lower series index]], pointLabels: [a label beside each point of the first
   * series]}. Drawn again only when its series change; otherwise the
   * chart gets the new arrays (setData) and its markers.
   */
  function lineChart(box, opts) {
    var data = [opts.xs].concat(opts.series.map(function (s) { return s.values; }));
    var key = seriesKey(opts);
    var u = box.streamsimChart;
    if (u && box.streamsimKey === key) {
      u.streamsimMarkers.items = markerItems(opts.phases, opts.events);
      u.streamsimXMax = opts.xMax;
      u.setData(data);
      box.setAttribute('data-samples', opts.xs.length);
      return u;
    }
    clear(box);
    var ticks = opts.xTicks;
    var series = [{label: opts.xLabel || 'seconds', value: function (self, v) {
      return v === null || v === undefined ? '–' : ticks ? (ticks[Math.round(v)] || '') : fmt(v) + (opts.xUnit === undefined ? 's' : opts.xUnit);
    }}];
    opts.series.forEach(function (s) {
      series.push({label: s.name, stroke: s.color, width: s.width || 2, dash: dash(s.dash), spanGaps: !!s.spanGaps,
        fill: s.fill, show: true, points: s.points ? {show: true, size: s.pointSize || 6, fill: s.color} : {show: false},
        value: function (self, v) { return fmt(v); }, paths: s.paths});
    });
    var xAxis = {label: opts.xLabel || 'seconds since start', labelSize: 18, size: 36};
    if (ticks) {
      xAxis.values = function (self, splits) {
        return splits.map(function (v) { return v === Math.round(v) ? (ticks[v] === undefined ? '' : ticks[v]) : ''; });
      };
      xAxis.splits = function () { return ticks.map(function (t, i) { return i; }); };
    }
    var config = {
      title: opts.title,
      width: width(box),
      height: H,
      series: series,
      bands: (opts.bands || []).map(function (b) { return {series: b, fill: 'rgba(31,119,180,0.12)'}; }),
      scales: {
        x: {time: false, range: function (self, min, max) {
          if (ticks) { return [-0.5, ticks.length - 0.5]; }
          var hi = Math.max(max === null ? 0 : max, self.streamsimXMax || 0, 1);
          return [Math.min(0, min === null ? 0 : min), hi];
        }},
        y: {range: function (self, min, max) {
          return [Math.min(0, min === null ? 0 : min), Math.max(max === null ? 1 : max * 1.05, 1e-9)];
        }}
      },
      axes: [xAxis, {label: opts.yLabel, labelSize: 18, size: 56, values: function (self, splits) {
        return splits.map(fmt);
      }}],
      cursor: {drag: {x: true, y: false}},
      legend: {live: true},
      hooks: {draw: [placeMarkers]}
    };
    u = new global.uPlot(config, data, box);
    u.streamsimXMax = opts.xMax;
    var layer = document.createElement('div');
    layer.className = 'markers';
    u.over.appendChild(layer);
    u.streamsimMarkers = {layer: layer, items: markerItems(opts.phases, opts.events), pointLabels: opts.pointLabels};
    placeMarkers(u);
    opts.series.forEach(function (s, i) {
      if (s.hideInLegend) {
        var row = u.root.querySelectorAll('.u-legend .u-series')[i + 1];
        if (row) { row.style.display = 'none'; }
      }
    });
    box.streamsimChart = u;
    box.streamsimKey = key;
    box.setAttribute('data-samples', opts.xs.length);
    box.setAttribute('data-series', JSON.stringify(opts.series.map(function (s) { return s.name; })));
    return u;
  }

  /* Bars for labels[i] = values[i]: opts {title, yLabel, xLabel, labels, values, color}. */
  function barChart(box, opts) {
    var bars = global.uPlot.paths && global.uPlot.paths.bars ? global.uPlot.paths.bars({size: [0.7, 80]}) : undefined;
    var u = lineChart(box, {title: opts.title, yLabel: opts.yLabel, xLabel: opts.xLabel, kind: 'bars',
      xs: opts.labels.map(function (l, i) { return i; }), xTicks: opts.labels,
      series: [{name: opts.yLabel, color: opts.color, fill: opts.color, values: opts.values, paths: bars}]});
    box.setAttribute('data-bars', opts.values.filter(function (v) { return v > 0; }).length);
    box.setAttribute('data-values', JSON.stringify(opts.labels.map(function (l, i) { return l + ': ' + opts.values[i]; })));
    return u;
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
        hideInLegend: partitions > 8, values: samples.map(partitionValue('partitionLag', p, true))});
    }
    chart('chart-lag', {title: 'Consumer lag (total and per partition)', yLabel: 'records', series: lagSeries});
    chart('chart-latency', {title: 'End-to-end latency', yLabel: 'seconds', series: [
      // A second without a window result has no latency: the line joins the seconds that have one.
      {name: 'p50', color: PALETTE[2], spanGaps: true, points: true, values: column(samples, 'p50')},
      {name: 'p99', color: PALETTE[3], spanGaps: true, points: true, values: column(samples, 'p99')}]});
    chart('chart-dropped', {title: 'Dropped late and dead-lettered (cumulative)', yLabel: 'records', series: [
      {name: 'dropped late', color: PALETTE[4], values: column(samples, 'droppedLate')},
      {name: 'dead-lettered', color: PALETTE[5], values: column(samples, 'deadLettered')}]});
    skew(root, samples, chart);
    var box = root.querySelector('#chart-lateness');
    if (box) {
      var h = data.lateness;
      if (h && h.counts && h.counts.length) {
        barChart(box, {title: 'Event lateness (stream time minus record timestamp, oracle replay)',
          yLabel: 'records', xLabel: 'lateness up to (s)', color: PALETTE[9], values: h.counts,
          labels: h.counts.map(function (c, i) {
            var b = h.upperBoundsSeconds;
            return i === 0 && b[0] === 0 ? 'in order' : i < b.length ? '≤' + fmt(b[i]) : '>' + fmt(b[b.length - 1]);
          })});
      } else if (!box.querySelector('p.note')) {
        clear(box);
        var note = document.createElement('p');
        note.className = 'note';
        note.textContent = 'No lateness histogram: the oracle did not record one for this run.';
        box.appendChild(note);
      }
    }
  }

  function partitionValue(key, p, negativeIsGap) {
    return function (s) {
      var v = (s[key] || [])[p];
      return v === undefined || (negativeIsGap && v < 0) ? null : v;
    };
  }

  /* Skew: processed/s per partition, each partition's share of all processed records so far, busy per thread. */
  function skew(root, samples, chart) {
    var partitions = samples.reduce(function (m, s) { return Math.max(m, (s.partitionProcessed || []).length); }, 0);
    var series = [];
    for (var p = 0; p < partitions; p++) {
      series.push({name: 'p' + p, color: PALETTE[p % PALETTE.length], width: 1.5, hideInLegend: partitions > 8,
        values: samples.map(partitionValue('partitionProcessed', p, false))});
    }
    chart('chart-partitions', {title: 'Processed per partition (committed offsets)', yLabel: 'records/s',
      series: series});
    var box = root.querySelector('#chart-partition-share'), last = samples[samples.length - 1];
    if (box && last && (last.partitionCommitted || []).length) {
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

  /* The uPlot chart drawn in the element with this id, if any (for tests and the console). */
  function chartOf(id) {
    var box = document.getElementById(id);
    return box ? box.streamsimChart || null : null;
  }

  global.StreamsimCharts = {render: render, lineChart: lineChart, barChart: barChart, format: fmt, chart: chartOf,
    palette: PALETTE};
})(window);
