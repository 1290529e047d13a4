// The verification platform page: tabs, captchas, and the two forms over /api/v1. The server renders
// the province's authority and the verify form's first captcha into the page; this asks for the others.
// A file of its own: the Content-Security-Policy runs no inline script.
(function () {
  'use strict';

  var FIELD_INPUTS = { phone: 'phone', idTail: 'idTail', code: 'code', captchaAnswer: 'captchaAnswer', captchaId: 'captchaAnswer' };

  // ---- tabs (WAI-ARIA tabs pattern: arrows move, Home/End jump, Enter/Space select) ----
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));

  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    });
    if (focus) { tab.focus(); }
    var form = tab.id === 'tab-verify' ? 'verify' : 'resend';
    if (!document.getElementById(form + '-captchaId').value) { refreshCaptcha(form); }
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener('click', function () { select(tab, false); });
    tab.addEventListener('keydown', function (e) {
      var next = null;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { next = tabs[(i + 1) % tabs.length]; }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { next = tabs[(i - 1 + tabs.length) % tabs.length]; }
      else if (e.key === 'Home') { next = tabs[0]; }
      else if (e.key === 'End') { next = tabs[tabs.length - 1]; }
      else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(tab, true); return; }
      if (next) { e.preventDefault(); select(next, true); }
    });
  });

  // ---- captchas: one per form, a fresh one after every submit ----
  function refreshCaptcha(form) {
    var image = document.getElementById(form + '-captcha-image');
    var id = document.getElementById(form + '-captchaId');
    var answer = document.getElementById(form + '-captchaAnswer');
    id.value = '';
    answer.value = '';
    return fetch('/api/v1/captchas', { method: 'POST', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw body; }
          image.src = 'data:image/png;base64,' + body.imagePng;
          id.value = body.captchaId;
        });
      })
      .catch(function (problem) {
        show(form, false, (problem && problem.detail) || '图形验证码获取失败，请稍后点击“换一张”');
      });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-refresh]'), function (button) {
    button.addEventListener('click', function () { refreshCaptcha(button.getAttribute('data-refresh')); });
  });
  ['verify', 'resend'].forEach(function (form) {
    document.getElementById(form + '-captcha-image').addEventListener('click', function () { refreshCaptcha(form); });
  });

  // ---- results ----
  function show(form, ok, text) {
    var area = document.getElementById(form + '-result');
    area.className = 'result ' + (ok ? 'ok' : 'error');
    area.textContent = text;
  }

  function markInvalid(form, field) {
    var inputs = document.querySelectorAll('#form-' + form + ' input');
    Array.prototype.forEach.call(inputs, function (input) { input.removeAttribute('aria-invalid'); });
    var name = FIELD_INPUTS[field];
    if (name) {
      var input = document.getElementById(form + '-' + name);
      if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
    }
  }

  // ---- waits: a 429 that says how long (retryAfterSeconds) holds the form's button back, counting down on it ----
  // The result area (role=status, aria-live) says once when to try; only the button's own label counts the
  // seconds, so nothing is announced every second. The button comes back by itself when the wait is over.
  var waits = {};

  function waitLabel(seconds) { // as the server's sentence says it: seconds up to two minutes
    if (seconds < 120) { return seconds + '秒'; }
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + '分' + (rest < 10 ? '0' : '') + rest + '秒';
  }

  function isWaiting(form) {
    return Object.prototype.hasOwnProperty.call(waits, form);
  }

  function endWait(form, button) {
    if (isWaiting(form)) { clearInterval(waits[form]); delete waits[form]; }
    if (button.hasAttribute('data-label')) { button.textContent = button.getAttribute('data-label'); }
    button.classList.remove('waiting');
    button.disabled = false;
  }

  function waitBeforeRetry(form, button, seconds) {
    endWait(form, button);
    if (!button.hasAttribute('data-label')) { button.setAttribute('data-label', button.textContent); }
    var label = button.getAttribute('data-label');
    var until = Date.now() + seconds * 1000; // from the clock, not by counting ticks: timers may run late
    button.disabled = true;
    button.classList.add('waiting');
    function tick() {
      var left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) { endWait(form, button); return; }
      button.textContent = label + '（' + waitLabel(left) + '）';
    }
    waits[form] = setInterval(tick, 250);
    tick();
  }

  function submit(form, path, fields) {
    var element = document.getElementById('form-' + form);
    element.addEventListener('submit', function (e) {
      e.preventDefault();
      if (isWaiting(form)) { return; } // Enter in a field while the button counts down
      var body = {};
      fields.forEach(function (name) { body[name] = element.elements[name].value.trim(); });
      var button = element.querySelector('button[type="submit"]');
      button.disabled = true;
      fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json' },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (response.ok) {
            markInvalid(form, null);
            show(form, true, answer.message);
          } else {
            markInvalid(form, answer.field);
            show(form, false, answer.detail || ('请求失败 (' + response.status + ')'));
            if (response.status === 429 && answer.retryAfterSeconds > 0) {
              waitBeforeRetry(form, button, answer.retryAfterSeconds);
            }
          }
        });
      }).catch(function () {
        show(form, false, '网络异常，请稍后再试');
      }).then(function () {
        if (!isWaiting(form)) { button.disabled = false; }
        return refreshCaptcha(form); // the captcha was consumed, right or wrong
      });
    });
  }

  submit('verify', '/api/v1/verifications', ['code', 'phone', 'idTail', 'captchaId', 'captchaAnswer']);
  submit('resend', '/api/v1/resends', ['phone', 'idTail', 'captchaId', 'captchaAnswer']);

  select(tabs[0], false);
}());
