/* Sổ tay số — offline service worker (issue 6), served at the site root so it covers every page.
   - Pages and everything unversioned (HTML, sotay.css/js, images, search/search_index.json): network first,
     so a reader who has the network always gets the current page; the copy in the cache is
     used only when the network fails.
   - Material's hashed theme files (name.1a2b3c4d.min.js/css never change) and the search index
     (search/sotay-index.<hash>.json, fetched by the search worker on the first query): cache
     first; a newer index replaces older ones in the cache.
   Pages put themselves and their images in the cache after they are shown (sotay.js).
   Two caches: PAGES (network first: what a reader saved; always refreshed when online) and STATIC
   (cache first, only for HASHED paths), whose name carries the build's fingerprint (written by the
   build over "__SOTAY_BUILD__": a digest of every HASHED file), so a new build starts a clean one and
   nothing stored by an older build is served first. HASHED is the one definition of "content-hashed"
   (scripts/sotay/web/page_assets.py reads it from here). */
"use strict";
var CACHE = "sotay-v1";                    /* PAGES: shared with sotay.js ("save for offline") */
var STATIC = "sotay-static-__SOTAY_BUILD__";
var HASHED = /\.[0-9a-f]{8}\.min\.(?:js|css)$|\/search\/sotay-index\.[0-9a-f]{10}\.json$/;
var SEARCH_INDEX = /\/search\/sotay-index\.[0-9a-f]{10}\.json$/;

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("sotay-") === 0 && k !== CACHE && k !== STATIC; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === new URL("sw.js", self.registration.scope).pathname) return;
  if (url.pathname.indexOf("/livereload/") !== -1) return;           /* `make serve` only */
  event.respondWith(HASHED.test(url.pathname) ? cacheFirst(event, req) : networkFirst(event, req));
});

/* The only place responses are stored: hashed paths into STATIC, every other path into PAGES. */
function keep(event, req, res) {
  if (res && res.status === 200 && res.type === "basic") {
    var copy = res.clone();
    var hashed = HASHED.test(new URL(req.url).pathname);
    event.waitUntil(caches.open(hashed ? STATIC : CACHE).then(function (c) {
      return c.put(req, copy).then(function () { return SEARCH_INDEX.test(req.url) && prune(c, req.url); });
    }));
  }
  return res;
}

function prune(cache, keepUrl) {
  return cache.keys().then(function (reqs) {
    return Promise.all(reqs.filter(function (r) { return SEARCH_INDEX.test(r.url) && r.url !== keepUrl; })
      .map(function (r) { return cache.delete(r); }));
  });
}

function cacheFirst(event, req) {
  return caches.open(STATIC).then(function (c) { return c.match(req); }).then(function (hit) {
    return hit || fetch(req).then(function (res) { return keep(event, req, res); });
  });
}

function networkFirst(event, req) {
  return fetch(req).then(function (res) { return keep(event, req, res); }, function (err) {
    return caches.open(CACHE).then(function (c) {
      return c.match(req, { ignoreSearch: true, ignoreVary: true });
    }).then(function (hit) {
      if (hit) return hit;
      if (req.mode === "navigate") return offlinePage();
      throw err;
    });
  });
}

function offlinePage() {
  var home = self.registration.scope;
  var html = '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Không có mạng - Sổ tay số</title>' +
    '<style>body{font:20px/1.6 system-ui,sans-serif;margin:0;padding:24px;color:#1a1a1a}' +
    'a{display:inline-block;padding:12px 20px;background:#0b4f8a;color:#fff;border-radius:8px;text-decoration:none}</style>' +
    '</head><body><h1>Bạn đang không có mạng</h1>' +
    '<p>Trang này chưa được lưu trên điện thoại. Hãy bật dữ liệu di động hoặc Wi-Fi rồi thử lại.</p>' +
    '<p>Những hướng dẫn bạn đã mở trước đây vẫn xem được khi không có mạng.</p>' +
    '<p><a href="' + home + '">Về trang chủ</a></p></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
