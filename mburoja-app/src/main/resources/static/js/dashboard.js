// Draws each dashboard card's chart from the figures in its own table (the table stays for screen readers and
// for browsers without JavaScript). ECharts comes from the webjar; no inline code or data.
(function () {
  'use strict';

  // About 16 characters fit the 100 px a bar chart's names have: a name is cut at spaces into at most two lines of
  // that many, the second ending in an ellipsis when the name goes on (a word longer than a line is cut too).
  var LINE = 16;

  function twoLines(name) {
    var words = String(name).split(/\s+/);
    var lines = [''];
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var last = lines[lines.length - 1];
      if (last === '' || last.length + 1 + w.length <= LINE) {
        lines[lines.length - 1] = last === '' ? w : last + ' ' + w;
      } else {
        lines.push(w);
      }
    }
    var cut = lines.length > 2;
    lines = lines.slice(0, 2).map(function (l) { return l.length > LINE ? l.slice(0, LINE - 1) + '\u2026' : l; });
    if (cut && lines[1].slice(-1) !== '\u2026') {
      lines[1] = (lines[1].length >= LINE ? lines[1].slice(0, LINE - 1) : lines[1]) + '\u2026';
    }
    return lines.join('\n');
  }

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
        // a bar per row: 32 px each, room for a name on two lines, so that the names of a long table (18 sectors)
        // do not run into each other
        box.style.height = Math.max(box.clientHeight, labels.length * 32 + 40) + 'px';
      }
      var chart = echarts.init(box, null, { renderer: 'svg' });
      var option = kind === 'pie'
        ? { tooltip: { trigger: 'item' },
            series: [{ type: 'pie', radius: ['35%', '70%'],
                       data: labels.map(function (l, i) { return { name: l, value: values[i] }; }) }] }
        : { tooltip: {}, grid: { left: 40, right: 16, top: 8, bottom: 8, containLabel: true },
            yAxis: { type: 'category', data: labels, inverse: true,
                   // long names ("Personal number (NID)", "Preferenca politike") go on two lines and end in an
                   // ellipsis beyond them (twoLines); the left margin covers labels that render up to ~30px wider
                   // than containLabel measured them
                   axisLabel: { interval: 0, lineHeight: 13, formatter: twoLines } },
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
