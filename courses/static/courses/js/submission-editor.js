/*
 * The small rich-text editor for reports and reflections, and its autosave.
 *
 * Plain JavaScript, no framework and no build step, so it runs on any trainee's phone. It is an
 * enhancement: without it the page is a plain form with a text box (sent as "text", which the
 * server turns into paragraphs). With it, a contenteditable area with four buttons — bold,
 * italic, bulleted and numbered list — replaces the text box, and its HTML is sent as "html".
 * Whatever is sent, the server keeps only an allow-list of tags (courses/richtext.py); nothing
 * here is a safety measure.
 *
 * The text is saved by itself a few seconds after the trainee stops typing, and when the page
 * is hidden (switching apps on a phone), to the form's data-autosave-url. The status line
 * (aria-live) says when it was last saved or why it could not be.
 *
 * Every string a trainee sees goes through Django's JavaScript catalog (gettext).
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

  var AUTOSAVE_DELAY_MS = 3000;

  var COMMANDS = [
    { command: "bold", label: "B", name: function () { return gettext("Bold"); }, style: "font-weight:700" },
    { command: "italic", label: "I", name: function () { return gettext("Italic"); }, style: "font-style:italic" },
    { command: "insertUnorderedList", label: "•", name: function () { return gettext("Bulleted list"); } },
    { command: "insertOrderedList", label: "1.", name: function () { return gettext("Numbered list"); } }
  ];

  function readJson(id) {
    var element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function RichEditor(form, textarea, formatInput) {
    this.form = form;
    this.textarea = textarea;
    this.formatInput = formatInput;
    this.status = form.querySelector("[data-autosave-status]");
    this.autosaveUrl = form.getAttribute("data-autosave-url");
    this.dirty = false;
    this.saving = false;
    this.submitting = false;
    this.timer = null;
    this.build();
  }

  RichEditor.prototype.build = function () {
    var self = this;
    var wrapper = document.createElement("div");
    wrapper.className = "rich-editor";

    var toolbar = document.createElement("div");
    toolbar.className = "rich-editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", gettext("Formatting"));
    this.buttons = COMMANDS.map(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = item.label;
      button.setAttribute("aria-label", item.name());
      button.setAttribute("title", item.name());
      button.setAttribute("aria-pressed", "false");
      if (item.style) {
        button.setAttribute("style", item.style);
      }
      // Keep the selection in the text when the button is tapped.
      button.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      button.addEventListener("click", function () {
        self.area.focus();
        document.execCommand(item.command, false, null);
        self.changed();
        self.refreshButtons();
      });
      toolbar.appendChild(button);
      return { element: button, command: item.command };
    });

    var area = document.createElement("div");
    area.className = "rich-editor__area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.getElementById("body-label");
    if (label) {
      area.setAttribute("aria-labelledby", label.id);
    }
    if (this.textarea.getAttribute("aria-describedby")) {
      area.setAttribute("aria-describedby", this.textarea.getAttribute("aria-describedby"));
    }
    area.setAttribute("data-placeholder", gettext("Start writing here…"));
    var initial = readJson("submission-editor-html");
    area.innerHTML = typeof initial === "string" ? initial : "";
    this.area = area;

    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    this.textarea.hidden = true;
    this.textarea.parentNode.insertBefore(wrapper, this.textarea);
    // The label now names the editor; clicking it should put the cursor there.
    if (label) {
      label.addEventListener("click", function (event) {
        event.preventDefault();
        area.focus();
      });
    }

    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
    } catch (error) {
      // Older browsers keep their own separator; the server accepts both.
    }

    area.addEventListener("input", function () {
      self.changed();
    });
    area.addEventListener("paste", function (event) {
      // Pasted text comes in plain: formatting from other programs is not kept anyway.
      var data = event.clipboardData || window.clipboardData;
      if (!data) {
        return;
      }
      event.preventDefault();
      document.execCommand("insertText", false, data.getData("text/plain"));
    });
    document.addEventListener("selectionchange", function () {
      if (document.activeElement === area) {
        self.refreshButtons();
      }
    });

    this.sync();
    this.form.addEventListener("submit", function () {
      self.sync();
      self.submitting = true;
      window.clearTimeout(self.timer);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        self.saveNow(true);
      }
    });
  };

  RichEditor.prototype.sync = function () {
    this.textarea.value = this.area.innerHTML;
    this.formatInput.value = "html";
  };

  RichEditor.prototype.refreshButtons = function () {
    this.buttons.forEach(function (button) {
      var pressed = false;
      try {
        pressed = document.queryCommandState(button.command);
      } catch (error) {
        pressed = false;
      }
      button.element.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  };

  RichEditor.prototype.changed = function () {
    var self = this;
    this.sync();
    this.dirty = true;
    if (!this.autosaveUrl || this.submitting) {
      return;
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.saveNow(false);
    }, AUTOSAVE_DELAY_MS);
  };

  RichEditor.prototype.say = function (text) {
    if (this.status) {
      this.status.textContent = text;
    }
  };

  RichEditor.prototype.payload = function () {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken(this.form));
    data.append("body", this.textarea.value);
    data.append("body_format", "html");
    return data;
  };

  RichEditor.prototype.saveNow = function (leaving) {
    var self = this;
    if (!this.autosaveUrl || !this.dirty || this.submitting) {
      return;
    }
    this.sync();
    var body = this.textarea.value;
    if (leaving && navigator.sendBeacon) {
      // The page may be gone before an answer comes; the beacon is delivered anyway.
      if (navigator.sendBeacon(this.autosaveUrl, this.payload())) {
        this.dirty = false;
      }
      return;
    }
    if (this.saving || typeof window.fetch !== "function") {
      return;
    }
    this.saving = true;
    this.dirty = false;
    this.say(gettext("Saving…"));
    window.fetch(this.autosaveUrl, {
      method: "POST",
      body: this.payload(),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { ok: response.ok, answer: answer };
      }, function () {
        return { ok: false, answer: {} };
      });
    }).then(function (result) {
      self.saving = false;
      if (result.ok && result.answer.saved) {
        self.say(format(gettext("Draft saved at %(time)s."), { time: result.answer.saved_at_display }, true));
      } else {
        self.dirty = true;
        self.say(format(
          gettext("Not saved: %(reason)s"),
          { reason: result.answer.error || gettext("please press “Save draft”.") },
          true
        ));
      }
      if (self.textarea.value !== body) {
        self.changed();
      }
    }, function () {
      self.saving = false;
      self.dirty = true;
      self.say(gettext("Not saved: no connection. Your text is still here; press “Save draft” when you are back online."));
    });
  };

  function start() {
    var form = document.querySelector("[data-submission-form]");
    if (!form || typeof document.execCommand !== "function") {
      return;
    }
    var textarea = form.querySelector("textarea[data-rich-editor]");
    var formatInput = form.querySelector("[data-body-format]");
    if (!textarea || !formatInput) {
      return;
    }
    new RichEditor(form, textarea, formatInput);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
