// Breach desk: the dump upload. The file goes as the raw body of POST /api/v1/leaks/scans, which streams it to disk
// encrypted, so a dump of any size (up to the server's limit) never passes through a multipart buffer or the
// container's temporary files. Shows the bytes sent, can be cancelled, and opens the scan's page when the server has
// it. No inline scripts (CSP): the form carries its endpoint, limit and texts in data- attributes.
(function () {
  'use strict';

  var form = document.querySelector('form[data-stream-upload]');
  if (!form) { return; }
  form.hidden = false;

  var input = form.querySelector('input[type=file]');
  var keep = form.querySelector('#keepDump');
  var submit = form.querySelector('#upload-submit');
  var cancel = form.querySelector('#upload-cancel');
  var status = form.querySelector('#upload-status');
  var bar = form.querySelector('#upload-progress');
  var figures = form.querySelector('#upload-figures');
  var error = form.querySelector('#upload-error');
  var max = Number(form.getAttribute('data-max-bytes')) || Infinity;
  var running = null;

  function msg(name) {
    return form.getAttribute('data-msg-' + name) || name;
  }

  function fill(text, args) {
    return text.replace(/\{(\d)\}/g, function (all, i) { return args[Number(i)] !== undefined ? args[Number(i)] : all; });
  }

  // the pages' sizes, as the server writes them: bytes below a kilobyte, else kB, MB, GB or TB (decimal), one decimal
  function size(n) {
    if (n < 1000) { return n + ' B'; }
    var units = ['kB', 'MB', 'GB', 'TB'];
    var v = n, u = -1;
    do { v /= 1000; u++; } while (Math.round(v * 10) >= 10000 && u < units.length - 1);
    return v.toFixed(1) + ' ' + units[u];
  }

  function fail(text) {
    error.textContent = text;
    error.hidden = false;
  }

  function idle() {
    running = null;
    submit.disabled = false;
    input.disabled = false;
    keep.disabled = false;
    cancel.hidden = true;
    status.hidden = true;
  }

  // the API's error body is JSON with a "message"; anything else is shown by its status line
  function problem(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && typeof body.message === 'string' && body.message) { return body.message; }
    } catch (ignored) { /* not JSON */ }
    return xhr.status + ' ' + (xhr.statusText || '');
  }

  function token() {
    var value = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return value && header ? { header: header.getAttribute('content'), value: value.getAttribute('content') } : null;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (running) { return; }
    error.hidden = true;
    var file = input.files && input.files[0];
    if (!file || file.size === 0) { fail(msg('empty')); return; }
    if (file.size > max) { fail(msg('too-large')); return; }

    var url = form.getAttribute('data-endpoint') + '?name=' + encodeURIComponent(file.name)
        + '&keepDump=' + (keep.checked ? 'true' : 'false');
    var xhr = new XMLHttpRequest();
    running = xhr;
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    var csrf = token();
    if (csrf) { xhr.setRequestHeader(csrf.header, csrf.value); }

    function shown(sent) {
      var pct = file.size > 0 ? Math.floor(sent * 100 / file.size) : 0;
      bar.value = pct;
      figures.textContent = fill(msg('progress'), [size(sent), size(file.size), pct]);
    }
    xhr.upload.addEventListener('progress', function (e) { shown(e.loaded); });
    xhr.addEventListener('load', function () {
      if (xhr.status === 202 || xhr.status === 201 || xhr.status === 200) {
        var job = null;
        try { job = JSON.parse(xhr.responseText); } catch (ignored) { /* handled below */ }
        if (job && typeof job.id === 'string' && /^[0-9a-f-]{36}$/.test(job.id)) {
          figures.textContent = msg('opening');
          running = null;
          window.location.assign(form.getAttribute('data-scan-url') + job.id);
          return;
        }
      }
      idle();
      var why = problem(xhr);
      // no session (it ended, or the user logged out in another tab): 401, or the CSRF check's 403
      var ended = xhr.status === 401 || (xhr.status === 403 && why.indexOf('CSRF') >= 0);
      fail(ended ? msg('session') : fill(msg('failed'), [why]));
    });
    xhr.addEventListener('error', function () { idle(); fail(msg('broken')); });
    xhr.addEventListener('abort', function () { idle(); fail(msg('cancelled')); });

    submit.disabled = true;
    input.disabled = true;
    keep.disabled = true;
    cancel.hidden = false;
    status.hidden = false;
    shown(0);
    xhr.send(file);
  });

  cancel.addEventListener('click', function () {
    if (running) { running.abort(); }
  });

  // leaving the page would cut the upload off: the browser asks first
  window.addEventListener('beforeunload', function (event) {
    if (running) {
      event.preventDefault();
      event.returnValue = msg('leave');
      return msg('leave');
    }
    return undefined;
  });
})();
