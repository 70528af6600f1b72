/*
 * The staff sign-in screen: fetch the screen's state every few seconds and show the new QR
 * code, short code and count. The server decides everything (token, code, translated texts);
 * this script only copies them into the page. No libraries, no build step.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-signin-screen]");
  if (!root || !window.fetch) {
    return;
  }
  var stateUrl = root.getAttribute("data-state-url");
  var part = function (name) {
    return root.querySelector("[data-signin-" + name + "]");
  };
  var qr = part("qr");
  var code = part("code");
  var count = part("count");
  var day = part("day");
  var openPart = part("open");
  var closedPart = part("closed");
  var offline = part("offline");
  var countdown = part("countdown");
  var changesAt = Date.now() + 30000;
  var timer = null;
  var shownUrl = null;

  function show(state) {
    openPart.hidden = !state.open;
    closedPart.hidden = state.open;
    closedPart.textContent = state.message || "";
    if (state.open) {
      if (shownUrl !== state.scan_url) {
        // Our own server's SVG, drawn from a URL it made: safe to insert as markup.
        qr.innerHTML = state.qr_svg;
        code.textContent = state.code;
        shownUrl = state.scan_url;
      }
      count.textContent = state.signed_in_label;
      count.setAttribute("data-count", state.signed_in);
      day.textContent = state.day_label;
    }
    offline.hidden = true;
  }

  function schedule(seconds) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, Math.max(0.5, seconds) * 1000);
  }

  function refresh() {
    fetch(stateUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        show(state);
        // The server says when the code changes; ask again then, or sooner for the count.
        var wait = state.refresh_in + 0.2;
        if (state.open) {
          changesAt = Date.now() + state.changes_in * 1000;
        }
        schedule(wait);
      })
      .catch(function () {
        offline.textContent = root.getAttribute("data-offline-text");
        offline.hidden = false;
        schedule(5);
      });
  }

  function tick() {
    if (countdown) {
      countdown.value = Math.max(0, (changesAt - Date.now()) / 1000);
    }
  }

  var fullscreen = part("fullscreen");
  if (fullscreen && document.fullscreenEnabled && root.requestFullscreen) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", function () {
      root.requestFullscreen();
    });
  }

  window.setInterval(tick, 250);
  refresh();
})();
