/* Sổ tay số — reader tools (issue 6): text size A−/A+, "Đọc to", "Chia sẻ", print, lazy lightbox,
   offline service worker and "Lưu để xem khi không có mạng".
   Works with Material's instant navigation: listeners are delegated on `document` once, and the
   per-page state is refreshed on every `document$` emission. No request leaves the site. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "sotay.size", MAX_SIZE = 4, CACHE = "sotay-v1";
  var base = typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location.href);
  var synth = window.speechSynthesis || null;
  var swOK = "serviceWorker" in navigator && "caches" in window &&
    (location.protocol === "https:" || location.hostname === "localhost" || location.hostname === "127.0.0.1");

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function noop() {}
  function bare(url) { return String(url).split("#")[0]; }

  /* --- Text size ------------------------------------------------------------------------- */
  function size() {
    var n = parseInt(root.getAttribute("data-sotay-size") || "0", 10);
    return n >= 0 && n <= MAX_SIZE ? n : 0;
  }
  function syncSize() {
    var n = size();
    $$('[data-sotay-action="smaller"]').forEach(function (b) { b.setAttribute("aria-disabled", String(n === 0)); });
    $$('[data-sotay-action="larger"]').forEach(function (b) { b.setAttribute("aria-disabled", String(n === MAX_SIZE)); });
  }
  function setSize(n) {
    n = Math.max(0, Math.min(MAX_SIZE, n));
    if (n) root.setAttribute("data-sotay-size", String(n)); else root.removeAttribute("data-sotay-size");
    store(SIZE_KEY, String(n));
    syncSize();
  }

  /* --- Android / iPhone tabs ---------------------------------------------------------------
     The head script seeds Material's "__tabs" memory from the user agent on a first visit;
     Material stores manual choices there (content.tabs.link). Re-apply it after instant
     navigation too, the same way Material's inline script does on a full page load. */
  function applyTabs() {
    var tabs = null;
    try { tabs = __md_get("__tabs"); } catch (e) { return; }
    if (!Array.isArray(tabs)) return;
    $$(".tabbed-set").forEach(function (set) {
      var labels = $$(".tabbed-labels > label", set);
      for (var i = 0; i < tabs.length; i++) {
        for (var j = 0; j < labels.length; j++) {
          if (labels[j].textContent.trim() === tabs[i]) {
            var input = document.getElementById(labels[j].htmlFor);
            if (input && !input.checked) input.checked = true;
            return;
          }
        }
      }
    });
  }

  /* --- Đọc to (speech synthesis, Vietnamese voice only) ------------------------------------ */
  var reading = null;
  function viVoice() {
    if (!synth) return null;
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if (/^vi([-_]|$)/i.test(voices[i].lang)) return voices[i];
    return null;
  }
  function syncSpeak() {
    var voice = viVoice();
    $$('[data-sotay-action="speak"]').forEach(function (b) { b.hidden = !voice; });
  }
  function speakBlocks() {
    var article = $(".md-content__inner");
    if (!article) return [];
    var out = [];
    var stop = false;
    $$("h1, h2, h3, p, li", article).forEach(function (el) {
      if (stop) return;
      if (el.id === "huong-dan-lien-quan" || el.closest("#nguon-tham-khao, .footnote")) { stop = true; return; }
      if (el.closest(".sotay-crumbs, .sotay-tools, .sotay-share, .sotay-offline, .sotay-print, .sotay-help, figcaption, .md-source-file"))
        return;
      if (el.tagName === "LI" && $("p", el)) return;            /* its paragraphs are read instead */
      if (!el.offsetParent) return;                               /* hidden tab, closed details */
      var text = el.textContent.replace(/¶/g, "").replace(/\s+/g, " ").trim();
      if (text) out.push({ el: el, text: text });
    });
    return out;
  }
  function stopSpeaking() {
    if (synth) synth.cancel();
    $$(".sotay-reading").forEach(function (el) { el.classList.remove("sotay-reading"); });
    $$('[data-sotay-action="speak"]').forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
      $(".sotay-btn__text", b).textContent = "Đọc to";
    });
    reading = null;
  }
  function speak(btn) {
    if (reading) { stopSpeaking(); return; }
    var voice = viVoice();
    if (!voice) return;
    var blocks = speakBlocks();
    if (!blocks.length) return;
    synth.cancel();
    reading = blocks;
    btn.setAttribute("aria-pressed", "true");
    $(".sotay-btn__text", btn).textContent = "Dừng đọc";
    blocks.forEach(function (b, i) {
      var u = new SpeechSynthesisUtterance(b.text);
      u.lang = voice.lang; u.voice = voice; u.rate = 0.9;
      u.onstart = function () {
        if (reading !== blocks) return;
        $$(".sotay-reading").forEach(function (el) { el.classList.remove("sotay-reading"); });
        b.el.classList.add("sotay-reading");
        if (b.el.scrollIntoView) b.el.scrollIntoView({ block: "center", behavior: "smooth" });
      };
      if (i === blocks.length - 1) u.onend = function () { if (reading === blocks) stopSpeaking(); };
      synth.speak(u);
    });
  }
  if (synth) {
    if (synth.addEventListener) synth.addEventListener("voiceschanged", syncSpeak);
    else synth.onvoiceschanged = syncSpeak;
  }

  /* --- Chia sẻ ------------------------------------------------------------------------------ */
  function share(btn) {
    var url = btn.getAttribute("data-url"), title = btn.getAttribute("data-title") || document.title;
    if (navigator.share) {
      navigator.share({ title: title, text: title, url: url }).catch(noop);
      return;
    }
    var panel = $("#sotay-share");
    if (!panel) return;
    var open = panel.hidden;
    setShare(open);
    if (open) {
      $('[data-sotay-action="copy"]', panel).focus();
      overlayOpened("share", function () { setShare(false); btn.focus(); });
    } else overlayClosed("share");
  }
  function setShare(open) {
    var panel = $("#sotay-share");
    if (panel) panel.hidden = !open;
    $$('[data-sotay-action="share"]').forEach(function (b) { b.setAttribute("aria-expanded", String(open)); });
  }
  function copyLink() {
    var input = $("#sotay-share-url"), status = $(".sotay-share__status");
    if (!input) return;
    var ok = function () { status.textContent = "Đã sao chép liên kết. Bây giờ bạn có thể dán vào Zalo hoặc tin nhắn."; };
    var fail = function () { status.textContent = "Chưa sao chép được. Hãy giữ ngón tay vào ô liên kết ở trên và chọn Sao chép."; };
    var fallback = function () {
      input.focus(); input.select();
      try { if (document.execCommand("copy")) ok(); else fail(); } catch (e) { fail(); }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(input.value).then(ok, fallback);
    else fallback();
  }

  /* --- In: every step image on paper, also those the reader has not scrolled to (lazy) -------- */
  function printGuide(btn) {
    var waits = $$(".md-content img").map(function (img) {
      img.loading = "eager";
      /* complete alone is not enough: an image still being fetched may report it with no pixels
       * yet (naturalWidth 0); wait for its load (or error), or the 8 s limit below */
      if (img.complete && img.naturalWidth > 0) return null;
      return new Promise(function (done) {
        img.addEventListener("load", done, { once: true });
        img.addEventListener("error", done, { once: true });
      });
    }).filter(Boolean);
    btn.setAttribute("aria-busy", "true");
    Promise.race([Promise.all(waits), new Promise(function (done) { setTimeout(done, 8000); })]).then(function () {
      btn.removeAttribute("aria-busy");
      window.print();
    });
  }

  /* --- Lightbox: GLightbox is loaded on the first tap on an image ---------------------------- */
  var glightbox = null;
  function loadLightbox() {
    if (glightbox) return glightbox;
    glightbox = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("assets/stylesheets/glightbox.min.css", base).href;
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = new URL("assets/javascripts/glightbox.min.js", base).href;
      js.onload = resolve;
      js.onerror = function () { glightbox = null; reject(); };
      document.head.appendChild(js);
    });
    return glightbox;
  }
  function openLightbox(link) {
    var links = $$(".md-content a.glightbox");
    loadLightbox().then(function () {
      var lb = window.GLightbox({
        selector: ".md-content a.glightbox", touchNavigation: true, loop: false, zoomable: true,
        draggable: true, openEffect: "fade", closeEffect: "fade", slideEffect: "slide"
      });
      lb.on("close", function () {
        overlayClosed("lightbox");
        setTimeout(function () { lb.destroy(); link.focus(); }, 0);
      });
      lb.openAt(Math.max(0, links.indexOf(link)));
      overlayOpened("lightbox", function () { lb.close(); });
    }, function () { location.href = link.href; });
  }

  /* --- Offline -------------------------------------------------------------------------------- */
  function cacheUrls(cache, urls) {
    return Promise.all(urls.map(function (u) {
      return cache.match(u).then(function (hit) { return hit || cache.add(u); }).catch(noop);
    }));
  }
  /* The guide's short link (/q/<code>/) on this site, from the "Chia sẻ" button of a page (or a
     fetched copy of one): kept with the guide, so the poster's QR still opens it offline. */
  function shortLink(doc) {
    var b = $('[data-sotay-action="share"][data-url*="/q/"]', doc);
    if (!b) return null;
    try { return new URL(new URL(b.getAttribute("data-url")).pathname, location.origin).href; } catch (e) { return null; }
  }
  /* After a page is shown: keep it, what it loaded and all its images (also the lazy ones, unless
     the reader saves data). */
  function rememberPage() {
    if (!swOK) return;
    var page = bare(location.href);
    navigator.serviceWorker.ready.then(function () {
      return caches.open(CACHE).then(function (cache) {
        var urls = [];
        performance.getEntriesByType("resource").forEach(function (e) {
          if (e.name.indexOf(location.origin + "/") === 0) urls.push(bare(e.name));
        });
        /* with the phone's data saver on, only the images already seen (not the lazy ones ahead) */
        var saveData = navigator.connection && navigator.connection.saveData;
        $$(".md-content img").forEach(function (img) {
          if (img.src && (!saveData || (img.complete && img.naturalWidth > 0))) urls.push(bare(img.src));
        });
        var short = shortLink(document);
        if (short) urls.push(short);
        if (lazyBundle) urls.push(bare(lazyBundle.href));  /* Material's bundle, even if not run yet */
        return cache.add(page).catch(noop).then(function () { return cacheUrls(cache, urls); });
      });
    }).catch(noop);
  }
  /* The search (loader worker, stub, index, engine), so that search works offline after saving. */
  function saveSearch(cache) {
    var stub = new URL("search/search_index.json", base).href, cfg = $("#__config"), urls = [];
    try { urls.push(new URL(JSON.parse(cfg.textContent).search, base).href); } catch (e) { /* no search */ }
    return fetch(stub).then(function (r) {
      if (!r.ok) throw new Error(stub);
      return cache.put(stub, r.clone()).then(function () { return r.json(); });
    }).then(function (data) {
      var d = data.docs || {};
      [d.src, d.engine].forEach(function (u) { if (u) urls.push(new URL(u, base).href); });
      return cacheUrls(cache, urls);
    });
  }
  /* A page and what it needs (images, styles, scripts, short link) into the cache; its document. */
  function savePage(cache, u) {
    return fetch(u).then(function (r) {
      if (!r.ok) throw new Error(u);
      return cache.put(u, r.clone()).then(function () { return r.text(); });
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var imgs = $$(".md-content img", doc).map(function (i) { return bare(new URL(i.getAttribute("src"), u).href); });
      var assets = $$('link[rel="stylesheet"], link[data-sotay-bundle], script[src]', doc).map(function (el) {
        return bare(new URL(el.getAttribute("href") || el.getAttribute("src"), u).href);
      }).filter(function (x) { return x.indexOf(location.origin + "/") === 0; });
      var short = shortLink(doc);
      if (short) assets.push(short);
      return cacheUrls(cache, imgs.concat(assets)).then(function () { return doc; });
    });
  }
  function saveCategory(btn) {
    var status = $(".sotay-offline__status");
    var links = [];
    $$(".sotay-guides a[href]").forEach(function (a) {
      var u = bare(a.href);
      if (a.origin === location.origin && links.indexOf(u) < 0) links.push(u);
    });
    btn.setAttribute("aria-busy", "true");
    status.textContent = "Đang lưu " + links.length + " hướng dẫn…";
    caches.open(CACHE).then(function (cache) {
      return Promise.all([bare(location.href)].concat(links).map(function (u) {
        return savePage(cache, u).then(function (doc) {
          var practice = $("a[data-sotay-practice]", doc);          /* its "Làm thử" view too (issue 14) */
          return practice && savePage(cache, bare(new URL(practice.getAttribute("href"), u).href));
        });
      }).concat(saveSearch(cache)));
    }).then(function () {
      status.textContent = "Đã lưu " + links.length + " hướng dẫn. Bạn có thể mở lại khi không có mạng.";
    }, function () {
      status.textContent = "Chưa lưu được hết. Hãy thử lại khi có mạng.";
    }).then(function () { btn.removeAttribute("aria-busy"); });
  }
  /* --- "Làm thử" remembered on this phone (issue 14; written by practice.js, never sent) ----- */
  function practised() {
    var done = {};
    try { done = JSON.parse(localStorage.getItem("sotay.practice") || "{}") || {}; } catch (e) { done = {}; }
    function when(d) { return d && /^\d{4}-\d\d-\d\d$/.test(d.d) ? d.d.split("-").reverse().join("/") : ""; }
    $$("[data-sotay-practiced]").forEach(function (el) {
      var date = when(done[el.getAttribute("data-sotay-practiced")]);
      el.textContent = date ? "\u2713 Đã làm thử ngày " + date : "";
      el.hidden = !date;
    });
    var box = $("[data-sotay-practised-list]");
    if (!box) return;
    var ul = $("ul", box);
    ul.textContent = "";
    Object.keys(done).forEach(function (id) {
      var d = done[id];
      if (!when(d) || typeof d.t !== "string" || !/^huong-dan\/[a-z0-9-]+\/$/.test(d.u)) return;
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = new URL(d.u, base).href;
      a.textContent = d.t;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + when(d) + ")"));
      ul.appendChild(li);
    });
    box.hidden = !ul.children.length;
  }

  if (swOK) {
    var register = function () {
      navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base.pathname }).catch(noop);
    };
    if (document.readyState === "complete") register(); else window.addEventListener("load", register);
  }

  /* --- Off-screen panels are not in the tab order ---------------------------------------------
     On a phone Material's menu drawer and search box sit off screen while closed, yet their links
     and input still take keyboard focus (invisible focus, WCAG 2.4.11). Make them inert until
     opened. Capture phase: before Material's own handler moves focus into the opened panel. */
  var wide = window.matchMedia ? window.matchMedia("(min-width: 76.25em)") : { matches: false };
  var wideSearch = window.matchMedia ? window.matchMedia("(min-width: 60em)") : { matches: false };
  function setInert(el, on) { if (el) { if (on) el.setAttribute("inert", ""); else el.removeAttribute("inert"); } }
  function syncPanels() {
    var drawer = document.getElementById("__drawer"), search = document.getElementById("__search");
    setInert($(".md-sidebar--primary"), !!drawer && !drawer.checked && !wide.matches);
    setInert($(".md-search__inner"), !!search && !search.checked && !wideSearch.matches);
  }
  document.addEventListener("change", function (ev) {
    if (ev.target && (ev.target.id === "__drawer" || ev.target.id === "__search")) syncPanels();
  }, true);
  document.addEventListener("click", function () { setTimeout(syncPanels, 0); });
  document.addEventListener("keyup", function (ev) { if (ev.key === "Escape") setTimeout(syncPanels, 0); });
  if (wide.addEventListener) { wide.addEventListener("change", syncPanels); wideSearch.addEventListener("change", syncPanels); }

  /* --- Back closes what the reader opened, and stays on the guide ------------------------------
     Opening the zoomed picture, the share panel, the menu or the search adds a history entry for
     the same address; the phone's Back button pops it and closes the overlay instead of leaving
     the site. Closing with X, Escape or the button pops it too, so no dead entry is left behind.
     These pops are kept from Material's instant navigation (partials/sotay-head.html listens first),
     which would otherwise fetch and redraw the same page. A link followed while an overlay is
     open first pops its entry, then goes on. */
  var overlays = [], ownPops = 0, follow = null;
  function overlayOpened(name, close) {
    if (overlays.some(function (o) { return o.name === name; })) return;
    history.pushState({ x: window.scrollX, y: window.scrollY, sotay: name }, "");
    overlays.push({ name: name, close: close });
  }
  function overlayClosed(name) {                  /* closed on screen: drop its history entry */
    for (var i = overlays.length - 1; i >= 0; i--) {
      if (overlays[i].name !== name) continue;
      overlays.splice(i, 1);
      ownPops++;
      history.back();
      return;
    }
  }
  /* Called by the head script's popstate listener, registered before Material's; true: handled */
  window.__sotayPop = function () {
    if (!ownPops && !overlays.length) return false;  /* a real move: Material's instant navigation */
    if (ownPops) { ownPops--; return true; }
    var n = follow ? overlays.length : 1;
    while (n-- > 0 && overlays.length) overlays.pop().close();
    if (follow) { var a = follow; follow = null; setTimeout(function () { a.click(); }, 0); }
    return true;
  };
  function toggleOverlay(id) {                   /* Material's menu drawer and search are checkboxes */
    var box = document.getElementById(id);
    if (!box || (id === "__drawer" && wide.matches)) return;
    if (box.checked) overlayOpened(id, function () { if (box.checked) box.click(); });
    else overlayClosed(id);
  }
  document.addEventListener("change", function (ev) {
    if (ev.target && (ev.target.id === "__drawer" || ev.target.id === "__search")) toggleOverlay(ev.target.id);
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest && ev.target.closest("a[href]");
    if (!a || !overlays.length || follow || a.target || a.origin !== location.origin || ev.button) return;
    ev.preventDefault();
    ev.stopPropagation();
    follow = a;
    history.go(-overlays.length);
  }, true);

  /* A link to a footnote or to the sources opens the folded "Nguồn tham khảo" first */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1)), el = id && document.getElementById(id);
    var d = el && el.closest ? el.closest("details") : null;
    if (d && !d.open) { d.open = true; el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);

  /* --- Wiring ------------------------------------------------------------------------------- */
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    var img = t.closest("a.glightbox");
    if (img && !ev.defaultPrevented && ev.button === 0 && !(ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey)) {
      ev.preventDefault();
      openLightbox(img);
      return;
    }
    var btn = t.closest("[data-sotay-action]");
    if (!btn || btn.getAttribute("aria-disabled") === "true") return;
    switch (btn.getAttribute("data-sotay-action")) {
      case "smaller": setSize(size() - 1); break;
      case "larger": setSize(size() + 1); break;
      case "speak": speak(btn); break;
      case "share": share(btn); break;
      case "copy": copyLink(); break;
      case "print": printGuide(btn); break;
      case "save-offline": saveCategory(btn); break;
    }
  }, true);

  var firstPage = true;
  function onPage() {
    overlays = [];
    ownPops = 0;
    if (!firstPage) setShare(false);
    openTarget();
    syncPanels();
    stopSpeaking();
    syncSize();
    syncSpeak();
    practised();
    if (!firstPage) applyTabs();
    $$('[data-sotay-action="save-offline"]').forEach(function (b) { b.hidden = !swOK; });
    if (firstPage && document.readyState !== "complete") window.addEventListener("load", function () { setTimeout(rememberPage, 1500); });
    else setTimeout(rememberPage, 1500);
    firstPage = false;
  }
  /* --- Material's bundle, on the reader's first touch (issue 13) --------------------------------
     The page is readable without Material's bundle, and running it is the page's one long task on
     a cheap phone. main.html leaves it as a low-priority prefetch; it runs on the first touch, key,
     mouse wheel, click or focus (a screen reader's double tap may send only the click), or at once
     when the address asks for a highlight ("?h="); a shared search ("?q=") is answered before it
     runs. A tap on the search button opens the dialog at once, by CSS, and the bundle takes over.
     Material starts on "DOMContentLoaded", which has passed by then: it is sent once more for it.
     A search shortcut key ("/", "s", "f") that woke it is not lost: the search opens then.
     As it starts, Material makes every relative address in the page absolute (for its instant
     navigation). Set on a stylesheet's link, that reloads the sheet, and until it came back (from
     the network, through the service worker) the page had no sotay.css and jumped under the finger
     that woke the bundle. So each stylesheet gets its absolute address first, on a copy of its link
     beside it, and the old link goes once the copy has loaded: the page keeps its look, and
     Material finds nothing left to change. A copy that neither loads nor fails within STYLE_WAIT
     (a stalled request) does not hold the bundle back longer: it then starts as before. */
  var STYLE_WAIT = 3000;
  function absoluteStylesheets() {
    var copies = Promise.all($$('link[rel~="stylesheet"][href]').map(function (old) {
      if (/^(?:[a-z]+:)?\/\//i.test(old.getAttribute("href"))) return null;
      var copy = old.cloneNode(false);
      copy.setAttribute("href", old.href);
      return new Promise(function (done) {
        copy.onload = function () { old.remove(); done(); };
        copy.onerror = function () { copy.remove(); done(); };     /* offline: Material reloads it */
        old.parentNode.insertBefore(copy, old.nextSibling);
      });
    }));
    return Promise.race([copies, new Promise(function (done) { setTimeout(done, STYLE_WAIT); })]);
  }
  var lazyBundle = $("link[data-sotay-bundle]"), WAKE = ["pointerdown", "touchstart", "keydown", "wheel", "click", "focusin"];
  var early = null, own = false;                 /* a shared search answered early (below) */
  function runMaterial(ev) {
    if (own || lazyBundle.hasAttribute("data-sotay-run")) return;
    lazyBundle.setAttribute("data-sotay-run", "");
    if (early) { early.terminate(); early = null; }
    WAKE.forEach(function (name) { window.removeEventListener(name, runMaterial, true); });
    var key = ev && ev.type === "keydown" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && /^[/sf]$/.test(ev.key) &&
      !(ev.target && ev.target.closest && ev.target.closest("input, textarea, select, [contenteditable]")) ? ev.key : "";
    absoluteStylesheets().then(function () { startMaterial(key); });
  }
  function startMaterial(key) {
    var s = document.createElement("script");
    s.src = lazyBundle.href;
    s.onload = function () {
      var first = true;
      window.document$.subscribe(function () { if (first) first = false; else onPage(); });
      document.dispatchEvent(new Event("DOMContentLoaded"));
      var search = document.getElementById("__search");
      if (key && search && !search.checked) search.click();
      if (search && search.checked) $(".md-search__input").focus();
    };
    s.onerror = function () {                      /* a weak signal lost it: the next touch tries again */
      s.remove();
      lazyBundle.removeAttribute("data-sotay-run");
      wake();
    };
    document.body.appendChild(s);
  }
  function wake() {
    WAKE.forEach(function (name) { window.addEventListener(name, runMaterial, { capture: true, passive: true }); });
  }
  /* The search button puts the caret in the box it opens, so a phone's keyboard comes up at once
     (Material leaves it to a second tap); letters typed before Material runs are searched when it
     starts. Until it runs, an Android / iPhone tab tapped is switched on the whole page and
     remembered for the next guides ("__tabs"), as Material's content.tabs.link does. */
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.id === "__search" && t.checked) { var q = $(".md-search__input"); if (q) q.focus(); return; }
    if (window.document$ || !lazyBundle || !t) return;
    var label = t.matches && t.matches(".tabbed-set > input") && $('label[for="' + t.id + '"]');
    if (!label) return;
    var tab = label.textContent.trim(), set = t.closest(".tabbed-set"), top = set.getBoundingClientRect().top;
    try {
      var tabs = __md_get("__tabs") || [];
      __md_set("__tabs", [tab].concat(tabs.filter(function (x) { return x !== tab; })));
    } catch (e) { return; }
    applyTabs();
    window.scrollBy(0, set.getBoundingClientRect().top - top);   /* the tab tapped stays under the finger */
  });
  /* --- A shared search ("?q=") answered before Material's bundle runs (issue 13) ---------------
     A link or poster to "?q=tiền điện", and the 404 page's form, open the search with its results.
     Material would read "?q=" when its bundle runs, which is the page's one long task. Until the
     reader's first touch, the same search worker answers, its results are drawn as Material draws
     them (materialResults), and Escape, Tab and Enter in the box do what Material's do.
     tests/test_page_deadends.py compares the two drawings, HTML for HTML, on the same queries.
     Material reads the address as its bundle is evaluated, so until then the address says what it
     should find: the history entry the search opened holds "?q=" and what the box holds by now;
     the entry under it, where Back or closing the search lands, holds none, as Material leaves it
     on closing. */
  function materialResults(cfg) {                 /* Material 9's renderSearchResultItem and meta, with
                                                     its helper as theme_js.py patches it */
    var root = new URL(cfg.base, location.href);
    function t(key, n) { var s = cfg.translations[key]; return n === undefined ? s : s.replace("#", String(n)); }
    function el(tag, attrs) {
      var e = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      return e;
    }
    function doc(d, flag) {                       /* its renderSearchDocument */
      var parent = flag & 2, teaser = flag & 1, url = new URL(d.location, root);
      var missing = Object.keys(d.terms).filter(function (k) { return !d.terms[k]; });
      if (cfg.features.indexOf("search.highlight") >= 0) {
        url.searchParams.set("h", Object.keys(d.terms).filter(function (k) { return d.terms[k]; })
          .reduce(function (all, k) { return (all + " " + k).trim(); }, ""));
      }
      var a = el("a", { href: url.href, "class": "md-search-result__link", tabindex: -1 });
      var art = el("article", { "class": "md-search-result__article md-typeset", "data-md-score": d.score.toFixed(2) });
      if (parent) art.appendChild(el("div", { "class": "md-search-result__icon md-icon" }));
      var h = el(parent ? "h1" : "h2");
      h.insertAdjacentHTML("beforeend", d.title);
      art.appendChild(h);
      if (teaser && d.text.length) art.insertAdjacentHTML("beforeend", d.text);
      if (teaser && missing.length) {
        var p = el("p", { "class": "md-search-result__terms" });
        p.insertAdjacentHTML("beforeend", t("search.result.term.missing"));
        p.insertAdjacentHTML("beforeend", ": ");
        missing.forEach(function (k, i) {
          if (i) p.insertAdjacentHTML("beforeend", " ");
          p.appendChild(el("del")).textContent = k;
        });
        art.appendChild(p);
      }
      a.appendChild(art);
      return a;
    }
    function item(result) {
      var docs = result.slice(), top = docs[0].score;
      var at = docs.findIndex(function (d) { return String(new URL(d.location, root)).indexOf("#") < 0; });
      var article = docs.splice(at, 1)[0], cut = docs.findIndex(function (d) { return d.score < top; });
      if (cut < 0) cut = docs.length;
      var li = el("li", { "class": "md-search-result__item" });
      li.appendChild(doc(article, 2 | (!at && cut === 0 ? 1 : 0)));
      docs.slice(0, cut).forEach(function (d) { li.appendChild(doc(d, 1)); });
      var more = docs.slice(cut);
      if (more.length) {
        var det = el("details", { "class": "md-search-result__more" }), sum = el("summary", { tabindex: -1 });
        sum.appendChild(el("div")).insertAdjacentHTML("beforeend", more.length === 1 ? t("search.result.more.one") : t("search.result.more.other", more.length));
        det.appendChild(sum);
        more.forEach(function (d) { det.appendChild(doc(d, 1)); });
        li.appendChild(det);
      }
      return li;
    }
    return function draw(items, query, meta, list) {
      meta.textContent = !items.length ? t(query.length ? "search.result.none" : "search.result.placeholder") :
        items.length === 1 ? t("search.result.one") : t("search.result.other", items.length);
      list.innerHTML = "";
      items.slice(0, 10).forEach(function (r) { list.appendChild(item(r)); });
    };
  }
  function earlySearch() {
    var cfgEl = document.getElementById("__config"), box = document.getElementById("__search");
    var input = $(".md-search__input"), list = $(".md-search-result__list"), meta = $(".md-search-result__meta");
    var q = new URLSearchParams(location.search).get("q");
    if (q === null || lazyBundle.hasAttribute("data-sotay-run")) return;
    if (!cfgEl || !box || !box.checked || !input || !list || !meta || !window.Worker || !window.fetch) {
      runMaterial();        /* the header did not open it (Material's own search, SOTAY_SEARCH=lunr): Material answers */
      return;
    }
    var cfg = JSON.parse(cfgEl.textContent), draw = materialResults(cfg);
    function address() {                          /* what Material will read when it runs */
      if (window.document$) return;
      var url = new URL(location.href);
      if (box.checked) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
    }
    function lock() {                             /* Material's scroll lock on a phone, as it sets it */
      if (window.document$ || wideSearch.matches) return;
      var body = document.body, locked = body.hasAttribute("data-md-scrolllock");
      if (box.checked && !locked) {
        body.setAttribute("data-md-scrolllock", "");
        body.style.top = "-" + window.scrollY + "px";
      } else if (!box.checked && locked) {
        var y = -parseInt(body.style.top, 10);
        body.removeAttribute("data-md-scrolllock");
        body.style.top = "";
        if (y) window.scrollTo(0, y);
      }
    }
    var under = new URL(location.href);
    under.searchParams.delete("q");
    history.replaceState(history.state, "", under.href);       /* the entry under the search */
    own = true;                                   /* not a reader's touch: Material stays asleep */
    toggleOverlay("__search");                    /* Back closes it */
    input.focus({ preventScroll: true });
    own = false;
    input.value = q;
    address();
    lock();
    input.addEventListener("input", address);
    box.addEventListener("change", function () { address(); lock(); });
    if (input.form) input.form.addEventListener("reset", function () { setTimeout(address, 0); });   /* its X */
    document.addEventListener("keydown", function (ev) {      /* Material's keys in its search */
      if (window.document$ || !box.checked) return;
      if (ev.key === "Escape" || ev.key === "Tab") {
        box.click();
        input.blur();
      } else if (ev.key === "Enter" && document.activeElement === input) {
        ev.preventDefault();                      /* the form would reload the page; the best result opens */
        var best = null;
        $$(":first-child [href]", list).forEach(function (a) {
          var score = parseFloat(a.firstElementChild.getAttribute("data-md-score"));
          if (!best || score > best.score) best = { a: a, score: score };
        });
        if (best) best.a.click();
      }
    });
    early = new Worker(cfg.search);
    early.onmessage = function (ev) {
      if (early && ev.data && ev.data.type === 3) draw(ev.data.data.items, q, meta, list);
    };
    list.setAttribute("role", "list");
    list.hidden = false;
    fetch(new URL("search/search_index.json", base)).then(function (r) {
      return r.json();
    }).then(function (index) {
      if (!early) return;
      early.postMessage({ type: 0, data: { config: index.config, docs: index.docs,
                                            options: { suggest: cfg.features.indexOf("search.suggest") >= 0 } } });
      early.postMessage({ type: 2, data: q });
    }).catch(noop);                               /* offline and never saved: Material tries on the first touch */
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(onPage);
  else {
    onPage();
    if (lazyBundle && /[?&]h=/.test(location.search)) runMaterial();
    else if (lazyBundle) { wake(); setTimeout(earlySearch, 0); }   /* its own task, after this one */
  }

  /* --- Search: no match is not "N hướng dẫn phù hợp" (issue 11) --------------------------------
     When nothing clears the search's relevance floor, the worker's first item is the notice
     "Chưa có hướng dẫn cho …" (.sotay-search-none), then close guesses under "Có thể bạn cần".
     Material counts every item as a match: say instead that there is no matching guide. */
  var found = $(".md-search-result__list"), meta = $(".md-search-result__meta");
  if (found && meta && window.MutationObserver) {
    new MutationObserver(function () {
      if (found.querySelector(".sotay-search-none")) meta.textContent = "Chưa có hướng dẫn phù hợp";
    }).observe(found, { childList: true });
  }
})();
