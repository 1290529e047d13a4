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
    if (alternativeOn(form)) { return refreshProofOfWork(form); } // the captcha that needs no sight, below
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

  // ---- accessible alternative: a captcha that needs no sight (GB/T 37668-2019, WCAG 2.1 SC 1.1.1) ----
  // A proof of work the browser solves by itself in a Web Worker (proof-of-work-worker.js): it fills the
  // form's captcha answer and says so in its status region (always in the page, so a screen reader hears
  // each change); a fresh one after every submit, like the picture. The person only chooses it and submits.
  var alternative = { verify: { on: false }, resend: { on: false } };

  function alternativeOn(form) { return alternative[form].on; }

  function powStatus(form, text) { document.getElementById(form + '-pow-status').textContent = text; }

  function pictureParts(form) {
    return [document.querySelector('label[for="' + form + '-captchaAnswer"]'),
      document.getElementById(form + '-captchaAnswer').parentNode, document.getElementById(form + '-pow-on')];
  }

  function switchToAlternative(form) {
    alternative[form].on = true;
    pictureParts(form).forEach(function (part) { part.hidden = true; });
    var group = document.getElementById(form + '-pow');
    group.hidden = false;
    group.focus(); // the switch just hid itself: focus goes to what replaced it
    refreshProofOfWork(form);
  }

  function switchToPicture(form) {
    stopSolving(form);
    alternative[form].on = false;
    document.getElementById(form + '-pow').hidden = true;
    powStatus(form, '');
    pictureParts(form).forEach(function (part) { part.hidden = false; });
    document.getElementById(form + '-captchaAnswer').focus();
    refreshCaptcha(form);
  }

  function stopSolving(form) {
    var state = alternative[form];
    if (state.worker) { state.worker.terminate(); state.worker = null; }
    state.round = (state.round || 0) + 1; // answers of an earlier round are dropped
  }

  function failed(form, text) {
    powStatus(form, text);
    document.getElementById(form + '-pow-retry').hidden = false;
  }

  function refreshProofOfWork(form) {
    var state = alternative[form];
    var id = document.getElementById(form + '-captchaId');
    var answer = document.getElementById(form + '-captchaAnswer');
    if (state.worker) { return Promise.resolve(); } // a fresh, unused one is being solved (e.g. back on its tab)
    stopSolving(form);
    var round = state.round;
    id.value = '';
    answer.value = '';
    document.getElementById(form + '-pow-retry').hidden = true;
    powStatus(form, '正在获取无障碍验证……');
    return fetch('/api/v1/captchas/proof-of-work', { method: 'POST', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw body; }
          if (round === state.round) { solve(form, body, round); }
        });
      })
      .catch(function (problem) {
        if (round === state.round) {
          failed(form, ((problem && problem.detail) || '无障碍验证获取失败') + '，请点击“重新验证”或改用图形验证码');
        }
      });
  }

  function solve(form, challenge, round) {
    var state = alternative[form];
    var worker;
    try {
      worker = new Worker('/static/proof-of-work-worker.js');
    } catch (e) {
      failed(form, '此浏览器无法完成无障碍验证，请改用图形验证码');
      return;
    }
    state.worker = worker;
    var said = Date.now();
    powStatus(form, '浏览器正在自动完成验证，请稍候……');
    worker.onmessage = function (event) {
      var m = event.data;
      if (round !== state.round) { return; }
      if (m.type === 'progress') {
        if (Date.now() - said >= 1500) { // a screen reader reads each change: not too often
          said = Date.now();
          powStatus(form, '浏览器正在自动完成验证，已完成约' + Math.min(99, Math.floor(100 * m.tried / (m.maxNumber + 1))) + '%……');
        }
        return;
      }
      worker.terminate();
      state.worker = null;
      if (m.type === 'done') {
        document.getElementById(form + '-captchaAnswer').value = String(m.number);
        document.getElementById(form + '-captchaId').value = challenge.captchaId;
        powStatus(form, '验证已完成，可以提交。');
      } else {
        failed(form, '无障碍验证未能完成，请点击“重新验证”或改用图形验证码');
      }
    };
    worker.onerror = function (e) {
      if (e && e.preventDefault) { e.preventDefault(); }
      if (round === state.round) { failed(form, '无障碍验证未能完成，请点击“重新验证”或改用图形验证码'); }
    };
    worker.postMessage({ salt: challenge.salt, challenge: challenge.challenge, maxNumber: challenge.maxNumber });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-pow-on]'), function (button) {
    button.addEventListener('click', function () { switchToAlternative(button.getAttribute('data-pow-on')); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-pow-off]'), function (button) {
    button.addEventListener('click', function () { switchToPicture(button.getAttribute('data-pow-off')); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-pow-retry]'), function (button) {
    button.addEventListener('click', function () {
      document.getElementById(button.getAttribute('data-pow-retry') + '-pow').focus(); // the button hides itself
      refreshProofOfWork(button.getAttribute('data-pow-retry'));
    });
  });
  // A submit before the browser has finished would use the challenge up for nothing: hold it and say why.
  // In the capture phase on the document, so it runs before the form's own submit handler.
  document.addEventListener('submit', function (e) {
    var form = e.target && e.target.id === 'form-verify' ? 'verify' : e.target && e.target.id === 'form-resend' ? 'resend' : null;
    if (form && alternativeOn(form) && !document.getElementById(form + '-captchaId').value) {
      e.preventDefault();
      e.stopPropagation();
      powStatus(form, '请稍候，浏览器完成验证后即可提交。');
    }
  }, true);

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
