// Notes typed with no signal are kept in localStorage and sent when the
// connection is back: a retry queue, not a service worker (see doc.go).
(function () {
  var KEY = "ow-notes";
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
  function save(q) { localStorage.setItem(KEY, JSON.stringify(q)); }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function show() {
    var ul = document.getElementById("pending");
    if (!ul) return;
    ul.textContent = "";
    load().forEach(function (n) {
      if (n.url !== location.pathname + "/note") return;
      var li = document.createElement("li");
      li.textContent = n.text || n.kind;
      ul.appendChild(li);
    });
  }
  var busy = false;
  function flush() {
    if (busy) return;
    var q = load();
    if (!q.length) return;
    busy = true;
    var n = q[0];
    var body = new URLSearchParams({ kind: n.kind, text: n.text, key: n.key });
    fetch(n.url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-OW-Queue": "1" } })
      .then(function (r) {
        busy = false;
        // Sent (or refused for good: a 4xx other than 401/408/429 will not change on resending).
        if (r.ok || (r.status >= 400 && r.status < 500 && [401, 408, 429].indexOf(r.status) < 0)) {
          save(load().filter(function (m) { return m.key !== n.key; }));
          show();
          refresh();
          flush();
        }
      })
      .catch(function () { busy = false; });
  }
  function refresh() {
    fetch(location.pathname, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("notes"), cur = document.getElementById("notes");
      if (fresh && cur) cur.replaceWith(fresh);
    }).catch(function () {});
  }
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.hasAttribute("data-offline")) return;
    e.preventDefault();
    var t = f.querySelector("textarea");
    var q = load();
    q.push({ url: f.getAttribute("action"), kind: f.elements.kind.value, text: t ? t.value : "", key: newKey() });
    save(q);
    if (t) t.value = "";
    show();
    flush();
  });
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () { show(); flush(); });
  setInterval(flush, 10000);
  // htmx (partial updates) comes after the page has loaded: the page
  // works without it, and a slow phone shows the page first.
  window.addEventListener("load", function () {
    var s = document.createElement("script");
    s.src = "/static/htmx.min.js";
    document.head.appendChild(s);
  });
})();
