// Incident pages: live countdowns to legal deadlines and keyboard triage in the queue. No inline scripts (CSP):
// elements opt in with data- attributes.
(function () {
  'use strict';

  var lang = (document.documentElement.getAttribute('lang') || 'en').slice(0, 2);
  var words = lang === 'sq'
    ? { left: 'mbeten', overdue: 'vonesë', d: 'd', h: 'o', m: 'min', s: 's' }
    : { left: 'left', overdue: 'overdue by', d: 'd', h: 'h', m: 'min', s: 's' };

  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d > 0) { return d + ' ' + words.d + ' ' + h + ' ' + words.h; }
    if (h > 0) { return h + ' ' + words.h + ' ' + m + ' ' + words.m; }
    return m + ' ' + words.m + ' ' + (s % 60) + ' ' + words.s;
  }

  // <time data-due="2026-11-24T06:40:00Z"> shows "5 h 12 min left" or "overdue by 2 h 3 min", every second.
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      if (isNaN(due)) { return; }
      var ms = due - now;
      el.textContent = ms >= 0 ? span(ms) + ' ' + words.left : words.overdue + ' ' + span(ms);
      el.classList.toggle('overdue', ms < 0);
      el.classList.toggle('soon', ms >= 0 && ms < 6 * 3600 * 1000);
    });
  }
  tick();
  setInterval(tick, 1000);

  // Queue keyboard shortcuts (table#queue): j/k move, Enter or o opens, x selects for bulk, a/s/t focus the bulk
  // assign/status/tag fields, / focuses the filter, ? shows the help overlay, Esc closes it.
  var table = document.getElementById('queue');
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-href]'));
  var current = rows.length ? 0 : -1;
  function mark() {
    rows.forEach(function (r, i) { r.classList.toggle('current', i === current); });
    if (current >= 0) { rows[current].scrollIntoView({ block: 'nearest' }); }
  }
  mark();
  var help = document.getElementById('shortcuts');
  function focus(id) {
    var el = document.getElementById(id);
    if (el) { el.focus(); }
  }
  document.addEventListener('keydown', function (e) {
    var tag = (e.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'select' || tag === 'textarea') {
      if (e.key === 'Escape') { e.target.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    switch (e.key) {
      case 'j': current = Math.min(current + 1, rows.length - 1); mark(); break;
      case 'k': current = Math.max(current - 1, 0); mark(); break;
      case 'o': case 'Enter': if (current >= 0) { window.location.href = rows[current].getAttribute('data-href'); } break;
      case 'x':
        if (current >= 0) {
          var box = rows[current].querySelector('input[type=checkbox]');
          if (box) { box.checked = !box.checked; }
        }
        break;
      case 'a': focus('bulk-assignee'); e.preventDefault(); break;
      case 's': focus('bulk-status'); e.preventDefault(); break;
      case 't': focus('bulk-tag'); e.preventDefault(); break;
      case '/': focus('queue-filter-assignee'); e.preventDefault(); break;
      case '?': if (help) { help.hidden = !help.hidden; } break;
      case 'Escape': if (help) { help.hidden = true; } break;
      default: return;
    }
  });
})();
