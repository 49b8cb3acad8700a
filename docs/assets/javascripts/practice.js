/* Sổ tay số — "Làm thử" (issue 14): practise a guide's taps on a pretend screen, one step at a time.
   The page (scripts/sotay/practice/view.py) holds every step and every word; this only moves
   between them. Only the tap target is a control; a tap elsewhere on the screen shows the step's
   hint, and after two misses the target is outlined. Typing steps accept their sample digits only.
   Finishing is remembered on this phone only (localStorage "sotay.practice"); nothing is sent. */
(function () {
  "use strict";
  var KEY = "sotay.practice", WHEELS = "sotay.practice.wheels";

  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function set(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }

  function start(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var steps = [].slice.call(root.querySelectorAll("[data-practice-step]"));
    var finish = root.querySelector("[data-practice-finish]");
    var hint = root.querySelector("[data-practice-hint]");
    var wheels = root.querySelector("[data-practice-wheels]");
    var at = 0, misses = 0, typed = "";

    function say(html) {
      hint.innerHTML = "";
      setTimeout(function () { hint.innerHTML = html; }, 30);
    }
    function show(el) {
      steps.concat(finish).forEach(function (s) { s.hidden = s !== el; });
      var h = el.querySelector("h1");
      window.scrollTo(0, 0);
      if (h) h.focus({ preventScroll: true });
    }
    function go(i) {
      at = i; misses = 0; typed = "";
      if (i < steps.length) { reset(steps[i]); show(steps[i]); return; }
      show(finish);
      var done;
      try { done = JSON.parse(get(KEY) || "{}") || {}; } catch (e) { done = {}; }
      done[root.getAttribute("data-guide")] = { d: new Date().toISOString().slice(0, 10),
        t: root.getAttribute("data-title"), u: root.getAttribute("data-url") };
      set(KEY, JSON.stringify(done));
    }
    function reset(step) {
      [].forEach.call(step.querySelectorAll(".pt-show"), function (el) { el.classList.remove("pt-show"); });
      var field = step.querySelector("[data-practice-field]");
      if (!field) return;
      paint(field, "");
      moveKey(step, field.getAttribute("data-sample").charAt(0));
    }
    function paint(field, value) {
      var boxes = field.querySelectorAll(".pt-box");
      if (boxes.length) [].forEach.call(boxes, function (b, i) { b.textContent = value.charAt(i); });
      else field.querySelector(".pt-field").textContent = value;
    }
    function moveKey(step, digit) {
      [].forEach.call(step.querySelectorAll("[data-key]"), function (k) {
        if (k.getAttribute("data-key") === digit) k.setAttribute("data-practice-target", "");
        else k.removeAttribute("data-practice-target");
      });
    }
    function miss(step, extra) {
      misses += 1;
      var words = (misses === 1 ? "Chưa đúng chỗ. " : "") + (extra || step.getAttribute("data-hint"));
      if (misses >= 2) {
        [].forEach.call(step.querySelectorAll("[data-practice-target]"), function (t) { t.classList.add("pt-show"); });
        words += " Chỗ cần chạm đang có viền cam.";
      }
      say(words);
    }
    function right(step) {
      say("Đúng rồi!");
      go(steps.indexOf(step) + 1);
    }
    function press(step, key) {
      var field = step.querySelector("[data-practice-field]"), sample = field.getAttribute("data-sample");
      var want = sample.charAt(typed.length);
      if (key.getAttribute("data-key") !== want) {
        miss(step, "Số tiếp theo là <b>" + want + "</b>. Hãy chạm số " + want + " trên bàn phím.");
        return;
      }
      typed += want;
      paint(field, typed);
      [].forEach.call(step.querySelectorAll(".pt-show"), function (el) { el.classList.remove("pt-show"); });
      misses = 0;
      if (typed === sample) { right(step); return; }
      moveKey(step, sample.charAt(typed.length));
      say("Đã gõ " + typed.length + " trên " + sample.length + " số.");
      if (document.activeElement && document.activeElement.hasAttribute("data-key")) {
        var next = step.querySelector("[data-practice-target]");
        if (next) next.focus();
      }
    }

    root.addEventListener("click", function (ev) {
      var t = ev.target;
      if (t.closest("[data-practice-restart]")) { go(0); return; }
      var step = steps[at];
      if (!step || !step.contains(t) || !t.closest("[data-practice-screen]")) return;
      var key = t.closest("[data-key]");
      if (step.getAttribute("data-mode") === "type") {
        if (key) press(step, key);
        else miss(step);
        return;
      }
      if (t.closest("[data-practice-target]")) right(step);
      else miss(step);
    });
    root.addEventListener("keydown", function (ev) {
      var step = steps[at];
      if (!step || step.getAttribute("data-mode") !== "type" || !/^[0-9]$/.test(ev.key)) return;
      var key = step.querySelector('[data-key="' + ev.key + '"]');
      if (key) { ev.preventDefault(); press(step, key); }
    });
    document.addEventListener("keydown", function (ev) {     /* digits typed before any key has focus */
      if (!document.body.contains(root) || root.contains(ev.target)) return;
      var step = steps[at];
      if (step && step.getAttribute("data-mode") === "type" && /^[0-9]$/.test(ev.key) &&
          !/INPUT|TEXTAREA/.test(ev.target.tagName)) {
        var key = step.querySelector('[data-key="' + ev.key + '"]');
        if (key) { ev.preventDefault(); press(step, key); }
      }
    });
    if (wheels) {
      var sync = function () { root.classList.toggle("pt-wheels", wheels.checked); set(WHEELS, wheels.checked ? "1" : "0"); };
      if (get(WHEELS) === "0") wheels.checked = false;
      sync();
      wheels.addEventListener("change", sync);
    }
    reset(steps[0]);
  }

  [].forEach.call(document.querySelectorAll("[data-practice]"), start);
})();
