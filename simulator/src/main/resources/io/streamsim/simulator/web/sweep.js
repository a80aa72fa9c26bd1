/*
 * sweep.html: each figure of the runs against the first varied path (one line per combination of the others; the
 * mean of the repetitions, and their min..max as a band when --repeat > 1), and a trade-off chart of two figures,
 * one point per value. Data: {varies: [{path, values}], repeat, runs: [{values: {path: value}, <figure>: number}],
 * figures: [{name, label, unit}], tradeOff: {x: figure, y: figure} | null}.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('run-data').textContent);
  window.streamsim = {data: data};
  var P = StreamsimCharts.palette, root = document.getElementById('sweep-charts');
  var first = data.varies[0], others = data.varies.slice(1);

  function combos(list) {
    var out = [{}];
    list.forEach(function (v) {
      var next = [];
      out.forEach(function (c) {
        v.values.forEach(function (value) {
          var m = Object.assign({}, c); m[v.path] = value; next.push(m);
        });
      });
      out = next;
    });
    return out;
  }

  function matches(run, combo) {
    return Object.keys(combo).every(function (p) { return run.values[p] === combo[p]; });
  }

  function stats(runs, figure) {
    var vs = runs.map(function (r) { return r[figure]; }).filter(function (v) { return v !== null && v !== undefined; });
    if (!vs.length) { return null; }
    var sum = vs.reduce(function (a, b) { return a + b; }, 0);
    return {mean: sum / vs.length, min: Math.min.apply(null, vs), max: Math.max.apply(null, vs)};
  }

  function box(id) {
    var b = document.createElement('div');
    b.id = id;
    b.className = 'chart-box';
    root.appendChild(b);
    return b;
  }

  var xs = first.values.map(function (v, i) { return i; });
  var groups = combos(others);
  data.figures.forEach(function (f) {
    var series = [], bands = [];
    groups.forEach(function (g, gi) {
      var name = Object.keys(g).length ? Object.keys(g).map(function (p) { return p + '=' + g[p]; }).join(', ')
        : f.label;
      var per = first.values.map(function (value) {
        return stats(data.runs.filter(function (r) { return r.values[first.path] === value && matches(r, g); }),
          f.name);
      });
      var color = P[gi % P.length];
      series.push({name: name, color: color, points: true, values: per.map(function (s) { return s && s.mean; })});
      if (data.repeat > 1) {
        series.push({name: name + ' max', color: color, width: 1, dash: '3 3',
          values: per.map(function (s) { return s && s.max; })});
        series.push({name: name + ' min', color: color, width: 1, dash: '3 3',
          values: per.map(function (s) { return s && s.min; })});
        bands.push([series.length - 2, series.length - 1]);
      }
    });
    StreamsimCharts.lineChart(box('sweep-chart-' + f.name), {title: f.label + ' by ' + first.path, yLabel: f.unit,
      xLabel: first.path, xs: xs, xTicks: first.values, series: series, bands: bands});
  });

  if (data.tradeOff) {
    var t = data.tradeOff, points = [];
    combos(data.varies).forEach(function (c) {
      var runs = data.runs.filter(function (r) { return matches(r, c); });
      var x = stats(runs, t.x.name), y = stats(runs, t.y.name);
      if (x && y) {
        points.push({x: x.mean, y: y.mean, label: Object.keys(c).map(function (p) { return c[p]; }).join(', ')});
      }
    });
    points.sort(function (a, b) { return a.x - b.x; });
    StreamsimCharts.lineChart(box('sweep-chart-tradeoff'), {title: 'Trade-off: ' + t.y.label + ' against '
        + t.x.label + ', one point per ' + data.varies.map(function (v) { return v.path; }).join(', '),
      yLabel: t.y.unit, xLabel: t.x.label, xUnit: '',
      xMax: 1.12 * Math.max.apply(null, points.map(function (p) { return p.x; }).concat([0])), xs: points.map(function (p) { return p.x; }),
      pointLabels: points.map(function (p) { return p.label; }),
      series: [{name: t.y.label, color: P[3], width: 1, dash: '2 4', points: true, pointSize: 9,
        values: points.map(function (p) { return p.y; })}]});
  }
})();
