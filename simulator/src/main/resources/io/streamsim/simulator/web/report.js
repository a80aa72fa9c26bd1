/* report.html: draws the charts once from the data inlined in the page. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('run-data').textContent);
  window.streamsim = {data: data};
  StreamsimCharts.render(document, data);
})();
