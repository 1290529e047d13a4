// The captcha that needs no sight: a Web Worker that solves the proof of work of
// POST /api/v1/captchas/proof-of-work, so the page stays responsive (and a screen reader keeps talking)
// while it works. It finds the whole number n from 0 to maxNumber whose SHA-256 over the UTF-8 bytes of
// salt followed by n in decimal is the challenge (lowercase hex), trying 0, 1, 2, ... in turn.
// SHA-256 is written out here (FIPS 180-4): Web Crypto's digest is asynchronous, one promise per try,
// several times slower for a million short messages; this one counts n up in place in its own buffer.
// Messages in: {salt, challenge, maxNumber}. Messages out: {type: 'progress', tried, maxNumber} about
// every 250 ms, then {type: 'done', number, tried, milliseconds} or {type: 'none', tried, milliseconds}.
(function () {
  'use strict';

  var K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var INITIAL = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  ]);
  var w = new Int32Array(64);
  var h = new Int32Array(8);

  /** SHA-256 of the padded message in bytes[0 .. 64 * blocks) into h. */
  function sha256(bytes, blocks) {
    h.set(INITIAL);
    for (var block = 0; block < blocks; block++) {
      var o = block * 64, i;
      for (i = 0; i < 16; i++, o += 4) {
        w[i] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
      }
      for (i = 16; i < 64; i++) {
        var x = w[i - 15], y = w[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
          + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
          + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
  }

  function utf8(text) {
    var bytes = [];
    var encoded = unescape(encodeURIComponent(text));
    for (var i = 0; i < encoded.length; i++) { bytes.push(encoded.charCodeAt(i)); }
    return bytes;
  }

  function solve(salt, challenge, maxNumber) {
    var target = new Int32Array(8);
    for (var t = 0; t < 8; t++) { target[t] = parseInt(challenge.substr(t * 8, 8), 16) | 0; }
    var prefix = utf8(salt);
    var start = prefix.length;
    var buffer = new Uint8Array(Math.ceil((start + 10 + 9) / 64) * 64); // room for ten digits and the padding
    buffer.set(prefix);
    var length = 1; // digits of n, written in place at buffer[start ..]
    buffer[start] = 48; // n = 0
    var blocks = 0;

    function pad() { // the SHA-256 padding after the message; it changes only when n gains a digit
      var end = start + length;
      blocks = Math.ceil((end + 9) / 64);
      buffer.fill(0, end, blocks * 64);
      buffer[end] = 0x80;
      var bits = end * 8;
      var last = blocks * 64;
      buffer[last - 4] = (bits >>> 24) & 255; buffer[last - 3] = (bits >>> 16) & 255;
      buffer[last - 2] = (bits >>> 8) & 255; buffer[last - 1] = bits & 255;
    }
    pad();

    var began = Date.now();
    var told = began;
    for (var n = 0; n <= maxNumber; n++) {
      sha256(buffer, blocks);
      if (h[0] === target[0] && h[1] === target[1] && h[2] === target[2] && h[3] === target[3]
          && h[4] === target[4] && h[5] === target[5] && h[6] === target[6] && h[7] === target[7]) {
        return { type: 'done', number: n, tried: n + 1, milliseconds: Date.now() - began };
      }
      // n + 1 in decimal, in place
      var i = start + length - 1;
      while (i >= start && buffer[i] === 57) { buffer[i] = 48; i--; }
      if (i < start) { buffer[start] = 49; length++; buffer[start + length - 1] = 48; pad(); }
      else { buffer[i]++; }
      if ((n & 4095) === 4095) {
        var now = Date.now();
        if (now - told >= 250) { told = now; self.postMessage({ type: 'progress', tried: n + 1, maxNumber: maxNumber }); }
      }
    }
    return { type: 'none', tried: maxNumber + 1, milliseconds: Date.now() - began };
  }

  self.onmessage = function (event) {
    var task = event.data || {};
    if (typeof task.salt !== 'string' || !/^[0-9a-f]{64}$/.test(task.challenge || '')
        || !(task.maxNumber >= 0 && task.maxNumber <= 100000000)) {
      self.postMessage({ type: 'none', tried: 0, milliseconds: 0 });
      return;
    }
    self.postMessage(solve(task.salt, task.challenge, Math.floor(task.maxNumber)));
  };
}());
