/*
 * Photo pickers on the report and reflection form: lists the photos chosen, with their sizes,
 * and warns at once about a photo that is too large, of the wrong kind, or one too many, so a
 * trainee on a slow connection does not wait for an upload the server will refuse. The server
 * decides in any case (it decodes every photo); this only saves time.
 */
(function () {
  "use strict";

  // Called as gettext(...) so that makemessages finds every string.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) {
    return text;
  };
  var format = typeof window.interpolate === "function"
    ? window.interpolate
    : function (text, values) {
        return text.replace(/%\((\w+)\)s/g, function (_match, name) {
          return String(values[name]);
        });
      };
  var ALLOWED = ["image/jpeg", "image/png", "image/webp"];

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function start() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("[data-photo-input]"));
    var list = document.querySelector("[data-photo-chosen]");
    if (!inputs.length || !list) {
      return;
    }
    var room = parseInt(inputs[0].getAttribute("data-room"), 10) || 0;
    var maxBytes = parseInt(inputs[0].getAttribute("data-max-bytes"), 10) || 0;

    function refresh() {
      list.textContent = "";
      var count = 0;
      inputs.forEach(function (input) {
        Array.prototype.forEach.call(input.files || [], function (file) {
          count += 1;
          var item = document.createElement("li");
          var problem = "";
          if (file.type && ALLOWED.indexOf(file.type) === -1) {
            problem = gettext("not a JPEG, PNG or WebP photo");
          } else if (maxBytes && file.size > maxBytes) {
            problem = format(gettext("too large (at most %(limit)s)"), { limit: megabytes(maxBytes) }, true);
          }
          item.textContent = file.name + " · " + megabytes(file.size) + (problem ? " — " + problem : "");
          if (problem) {
            item.className = "form__error";
          }
          list.appendChild(item);
        });
      });
      if (count > room) {
        var warning = document.createElement("li");
        warning.className = "form__error";
        warning.textContent = format(
          gettext("You can add %(room)s more photos; please choose fewer."),
          { room: room },
          true
        );
        list.appendChild(warning);
      }
    }

    inputs.forEach(function (input) {
      input.addEventListener("change", refresh);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
