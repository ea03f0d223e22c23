// Draws each dashboard card's chart from the figures in its own table (the table stays for screen readers and
// for browsers without JavaScript). ECharts comes from the webjar; no inline code or data.
(function () {
  'use strict';

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('.card[data-chart]').forEach(function (card) {
      var kind = card.getAttribute('data-chart');
      var box = card.querySelector('.chart');
      if (!box || kind === 'none') {
        return;
      }
      var labels = [];
      var values = [];
      card.querySelectorAll('tbody tr[data-value]').forEach(function (row) {
        labels.push(row.querySelector('th').textContent.trim());
        values.push(Number(row.getAttribute('data-value')));
      });
      if (kind === 'pie' && values.every(function (v) { return v === 0; })) {
        box.hidden = true; // ECharts would draw equal slices for all-zero figures; the table says 0
        return;
      }
      if (kind !== 'pie') {
        // a bar per row: 24 px each, so that the names of a long table (18 sectors) do not run into each other
        box.style.height = Math.max(box.clientHeight, labels.length * 24 + 40) + 'px';
      }
      var chart = echarts.init(box, null, { renderer: 'svg' });
      var option = kind === 'pie'
        ? { tooltip: { trigger: 'item' },
            series: [{ type: 'pie', radius: ['35%', '70%'],
                       data: labels.map(function (l, i) { return { name: l, value: values[i] }; }) }] }
        : { tooltip: {}, grid: { left: 40, right: 16, top: 8, bottom: 8, containLabel: true },
            yAxis: { type: 'category', data: labels, inverse: true,
                   // long names end in an ellipsis; the left margin covers labels that render up to ~30px wider
                   // than containLabel measured them (person_name and political_preference were cut at the edge)
                   axisLabel: { interval: 0, width: 100, overflow: 'truncate' } },
            xAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: values, itemStyle: { color: '#1f5f8b' } }] };
      chart.setOption(option);
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
