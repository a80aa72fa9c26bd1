/*
 * The live page: takes samples and timeline events from /events (server-sent events; the server replays the
 * history on connect), redraws the charts at most once a second, and posts the presenter's controls.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('run-data').textContent);
  window.streamsim = {data: data, messages: 0};
  var dirty = true;

  function show(id, value) {
    var e = document.getElementById(id);
    if (e) { e.textContent = value; }
  }

  function status(message, error) {
    var e = document.getElementById('status');
    e.textContent = message;
    e.className = error ? 'status error' : 'status';
  }

  function figures() {
    var s = data.samples[data.samples.length - 1];
    if (!s) { return; }
    show('current-elapsed', s.t.toFixed(0));
    show('current-stage', s.stage);
    show('current-target', Math.round(s.target));
    show('current-sent', Math.round(s.sent));
    show('current-processed', Math.round(s.processed));
    show('current-lag', s.lag < 0 ? '–' : s.lag);
    show('current-p99', s.p99 === null ? '–' : s.p99.toFixed(2));
    show('current-dropped', s.droppedLate);
  }

  var source = new EventSource('events');
  source.addEventListener('reset', function () {
    data.samples = [];
    data.events = [];
    dirty = true;
  });
  source.addEventListener('sample', function (m) {
    data.samples.push(JSON.parse(m.data));
    window.streamsim.messages++;
    dirty = true;
  });
  source.addEventListener('timeline', function (m) {
    data.events.push(JSON.parse(m.data));
    window.streamsim.messages++;
    dirty = true;
  });
  source.addEventListener('end', function () {
    status('The run has finished.');
    source.close();
  });
  source.onerror = function () {
    if (source.readyState === EventSource.CLOSED) {
      status('Disconnected from the simulator (it has stopped, or has as many live pages open as it serves).',
        true);
    }
  };

  setInterval(function () {
    if (!dirty) { return; }
    dirty = false;
    StreamsimCharts.render(document, data);
    figures();
  }, 250);

  document.querySelectorAll('button[data-action]').forEach(function (b) {
    b.addEventListener('click', function () {
      status(b.textContent + '…');
      // Same-origin, so the browser sends this page's Origin, which the server requires of a control.
      fetch(b.getAttribute('data-action'), {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: b.getAttribute('data-form') || ''
      })
        .then(function (r) {
          return r.json().then(function (body) { return {ok: r.ok, body: body}; });
        })
        .then(function (r) {
          status(r.ok ? b.textContent + ': ' + r.body.result : b.textContent + ' failed: ' + r.body.error, !r.ok);
        })
        .catch(function (e) { status(b.textContent + ' failed: ' + e, true); });
    });
  });
})();
