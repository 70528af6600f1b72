/*
 * The quiz attempt page on a phone: answers saved as the trainee goes, kept on the phone
 * until the server has them, a countdown from the server's clock, and a confirmation before
 * submitting.
 *
 * Plain JavaScript, no framework and no build step. It is an enhancement: without it the page
 * is a form whose "Save", "Submit" and ordering buttons post to the server, which does
 * everything itself (courses/views/attempt_pages.py). With it:
 *
 * - Each change is written at once to localStorage ("studio-quiz-attempt-<id>") and sent, a
 *   moment later, to the API (PUT data-api-answers, body {"answers": {"<position>": response}},
 *   with the CSRF token). An answer leaves the local copy only when the server has
 *   acknowledged that very value, so a dropped connection loses nothing: the page retries,
 *   and on the next load the answers still on the phone are put back and sent again.
 *   Answers acknowledged a moment before a reload may be missing from the reloaded page (it
 *   was drawn while they were being saved): they are kept a while longer, with the server's
 *   time of saving, and put back when that is later than the page's data-server-now.
 * - The time left is counted from the server's deadline and the server's clock at page load
 *   (data-deadline, data-server-now, in milliseconds), advanced by the page's own monotonic clock:
 *   a phone whose clock is wrong still shows the right time. When it is up, the form is
 *   submitted. The server is the judge either way: it refuses late answers and a sweeper
 *   submits attempts whose page never came back.
 * - Submitting asks for confirmation, saying how many questions are unanswered.
 * - Ordering questions move items with the up and down buttons in place (no drag and drop),
 *   keeping the focus on the button and announcing the new position.
 *
 * Responses follow the shapes of courses/models/question_types.py, read generically from each
 * question's data-kind (how it is answered) and data-key (where the response keeps it).
 * Every string a trainee sees goes through Django's JavaScript catalog (gettext).
 */
(function () {
  "use strict";

  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) {
    return text;
  };
  var ngettext = typeof window.ngettext === "function"
    ? window.ngettext
    : function (singular, plural, count) {
        return count === 1 ? singular : plural;
      };
  var format = typeof window.interpolate === "function"
    ? window.interpolate
    : function (text, values) {
        return text.replace(/%\((\w+)\)s/g, function (_match, name) {
          return String(values[name]);
        });
      };

  var SAVE_DELAY_MS = 1200;
  var TYPING_DELAY_MS = 2500;
  var RETRY_DELAYS_MS = [3000, 6000, 12000, 20000, 30000];
  var WARNINGS_S = [300, 60];

  function storageKey(attemptId) {
    return "studio-quiz-attempt-" + attemptId;
  }

  var SAVED_KEPT_MS = 10 * 60 * 1000;

  // What is kept on the phone for an attempt: answers not yet acknowledged ("pending"), and
  // answers acknowledged lately ("saved", each with the server's time of saving).
  function readStore(attemptId) {
    try {
      var data = JSON.parse(window.localStorage.getItem(storageKey(attemptId)) || "{}") || {};
      return {
        pending: data.pending && typeof data.pending === "object" ? data.pending : {},
        saved: data.saved && typeof data.saved === "object" ? data.saved : {}
      };
    } catch (error) {
      return { pending: {}, saved: {} };
    }
  }

  function writeStore(attemptId, pending, saved) {
    saved = saved || {};
    try {
      if (Object.keys(pending).length || Object.keys(saved).length) {
        window.localStorage.setItem(
          storageKey(attemptId),
          JSON.stringify({ pending: pending, saved: saved })
        );
      } else {
        window.localStorage.removeItem(storageKey(attemptId));
      }
    } catch (error) {
      // Private browsing or a full storage: the answers are still sent to the server.
    }
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function escapeHtml(text) {
    return text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // An essay is typed as plain text and kept as HTML paragraphs (as the server does without
  // JavaScript, with django.utils.html.linebreaks).
  function plainToHtml(text) {
    var normal = text.replace(/\r\n?/g, "\n").trim();
    if (!normal) {
      return "";
    }
    return normal
      .split(/\n{2,}/)
      .map(function (paragraph) {
        return "<p>" + escapeHtml(paragraph).replace(/\n/g, "<br>") + "</p>";
      })
      .join("\n\n");
  }

  // Words as the studio counts them (courses/grading.py word_count): each Chinese character
  // is a word, other words are separated by spaces and punctuation.
  function wordCount(text) {
    var cjk = text.match(/[\u3400-\u4dbf\u4e00-\u9fff]/g);
    var rest = text.replace(/[\u3400-\u4dbf\u4e00-\u9fff]/g, " ").match(/[A-Za-z0-9\u00c0-\u024f]+/g);
    return (cjk ? cjk.length : 0) + (rest ? rest.length : 0);
  }

  // Reading and writing each kind of answer ----------------------------------------------

  var KINDS = {
    radio: {
      read: function (question) {
        var checked = question.element.querySelector("input[type=radio]:checked");
        var response = {};
        if (!checked) {
          return null;
        }
        response[question.key] = checked.value;
        return response;
      },
      write: function (question, entry) {
        var value = entry.response ? String(entry.response[question.key]) : "";
        question.element.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = input.value === value;
        });
      }
    },
    checkbox: {
      read: function (question) {
        var values = [];
        question.element.querySelectorAll("input[type=checkbox]:checked").forEach(function (input) {
          values.push(input.value);
        });
        return values.length ? { choices: values } : null;
      },
      write: function (question, entry) {
        var chosen = ((entry.response && entry.response.choices) || []).map(String);
        question.element.querySelectorAll("input[type=checkbox]").forEach(function (input) {
          input.checked = chosen.indexOf(input.value) !== -1;
        });
      }
    },
    text: {
      read: function (question) {
        return { text: question.element.querySelector("input[type=text]").value };
      },
      write: function (question, entry) {
        question.element.querySelector("input[type=text]").value =
          (entry.response && entry.response.text) || "";
      }
    },
    essay: {
      read: function (question) {
        return { text: plainToHtml(question.element.querySelector("textarea").value) };
      },
      plain: function (question) {
        return question.element.querySelector("textarea").value;
      },
      write: function (question, entry) {
        question.element.querySelector("textarea").value = entry.plain || "";
      }
    },
    match: {
      read: function (question) {
        var pairs = {};
        question.element.querySelectorAll("select[data-stem]").forEach(function (select) {
          pairs[select.getAttribute("data-stem")] = select.value;
        });
        return { pairs: pairs };
      },
      write: function (question, entry) {
        var pairs = (entry.response && entry.response.pairs) || {};
        question.element.querySelectorAll("select[data-stem]").forEach(function (select) {
          select.value = pairs[select.getAttribute("data-stem")] || "";
        });
      }
    },
    order: {
      read: function (question) {
        var touched = question.element.querySelector("[data-touched]");
        if (!touched || !touched.value) {
          return undefined; // the order as shown is not an answer
        }
        var ids = [];
        question.element.querySelectorAll("[data-item]").forEach(function (item) {
          ids.push(item.getAttribute("data-item"));
        });
        return { order: ids };
      },
      write: function (question, entry) {
        var list = question.element.querySelector("[data-order-list]");
        var order = (entry.response && entry.response.order) || [];
        // Items are named by the attempt's opaque keys: look each one up by comparing the
        // attribute, so no key (from the page or the phone's storage) is read as a selector.
        var items = {};
        list.querySelectorAll("[data-item]").forEach(function (item) {
          items[item.getAttribute("data-item")] = item;
        });
        order.forEach(function (key) {
          var item = Object.prototype.hasOwnProperty.call(items, String(key)) ? items[String(key)] : null;
          if (item) {
            list.appendChild(item);
          }
        });
        question.element.querySelector("[data-touched]").value = "1";
      }
    }
  };
  KINDS.number = KINDS.text;

  // The attempt -----------------------------------------------------------------------------

  function Attempt(form) {
    this.form = form;
    this.id = form.getAttribute("data-quiz-attempt");
    this.url = form.getAttribute("data-api-answers");
    this.reviewUrl = form.getAttribute("data-review-url");
    this.status = document.querySelector("[data-save-status]");
    this.announcer = document.querySelector("[data-announce]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    this.token = token ? token.value : "";
    this.questions = {};
    this.serverNow = Number(form.getAttribute("data-server-now")) || 0;
    var stored = readStore(this.id);
    this.pending = stored.pending;
    this.saved = stored.saved;
    this.inflight = false;
    this.oneByOne = false;
    this.timer = null;
    this.retries = 0;
    this.closed = false;
    var self = this;
    form.querySelectorAll("[data-question]").forEach(function (element) {
      var kind = element.getAttribute("data-kind");
      if (!KINDS[kind]) {
        return;
      }
      self.questions[element.getAttribute("data-question")] = {
        element: element,
        kind: kind,
        key: element.getAttribute("data-key") || "text",
        position: element.getAttribute("data-question")
      };
    });
  }

  Attempt.prototype.say = function (text, tone) {
    if (!this.status) {
      return;
    }
    this.status.textContent = text;
    this.status.className = "quiz-bar__save" + (tone ? " quiz-bar__save--" + tone : "");
  };

  Attempt.prototype.announce = function (text) {
    if (this.announcer) {
      this.announcer.textContent = "";
      this.announcer.textContent = text;
    }
  };

  Attempt.prototype.store = function () {
    writeStore(this.id, this.pending, this.saved);
  };

  // Put back answers kept on the phone: those the server never acknowledged (and send them
  // again), and those it saved after this page was drawn (already on the server).
  Attempt.prototype.restore = function () {
    var self = this;
    var late = 0;
    Object.keys(this.saved).forEach(function (position) {
      var record = self.saved[position];
      var question = self.questions[position];
      if (question && !self.pending[position] && record && record.at >= self.serverNow) {
        KINDS[question.kind].write(question, record.entry);
        self.updateWords(question);
        late += 1;
      }
    });
    this.saved = {};
    Object.keys(this.pending).forEach(function (position) {
      var question = self.questions[position];
      if (!question) {
        delete self.pending[position];
        return;
      }
      KINDS[question.kind].write(question, self.pending[position]);
      self.updateWords(question);
    });
    this.store();
    if (Object.keys(this.pending).length) {
      this.say(gettext("Sending the answers kept on this phone…"));
      this.send();
    } else if (late) {
      this.say(gettext("All answers saved."), "saved");
    }
  };

  Attempt.prototype.record = function (question, delay) {
    var kind = KINDS[question.kind];
    var response = kind.read(question);
    if (response === undefined) {
      return;
    }
    var entry = { response: response };
    if (kind.plain) {
      entry.plain = kind.plain(question);
    }
    this.pending[question.position] = entry;
    this.store();
    this.say(gettext("Not saved yet…"));
    this.schedule(delay);
  };

  Attempt.prototype.recordAll = function () {
    var self = this;
    Object.keys(this.questions).forEach(function (position) {
      var question = self.questions[position];
      var response = KINDS[question.kind].read(question);
      if (response !== undefined) {
        self.pending[position] = { response: response };
        if (KINDS[question.kind].plain) {
          self.pending[position].plain = KINDS[question.kind].plain(question);
        }
      }
    });
    this.store();
  };

  Attempt.prototype.schedule = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.send();
    }, delay);
  };

  Attempt.prototype.send = function (keepalive) {
    var self = this;
    var positions = Object.keys(this.pending);
    if (this.inflight || this.closed || !positions.length) {
      return;
    }
    if (this.oneByOne) {
      positions = positions.slice(0, 1);
    }
    var sent = {};
    var answers = {};
    positions.forEach(function (position) {
      sent[position] = self.pending[position];
      answers[position] = self.pending[position].response;
    });
    this.inflight = true;
    this.say(gettext("Saving…"));
    window
      .fetch(this.url, {
        method: "PUT",
        credentials: "same-origin",
        keepalive: Boolean(keepalive),
        headers: {
          "Accept": "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": this.token
        },
        body: JSON.stringify({ answers: answers })
      })
      .then(function (response) {
        return response.json().then(
          function (data) {
            return { status: response.status, data: data || {} };
          },
          function () {
            return { status: response.status, data: {} };
          }
        );
      })
      .then(
        function (result) {
          self.inflight = false;
          self.answered(result.status, result.data, sent);
        },
        function () {
          self.inflight = false;
          self.offline();
        }
      );
  };

  // ``savedAt``: the server's time of saving, or nothing when the answer was not saved.
  Attempt.prototype.acknowledge = function (sent, savedAt) {
    var self = this;
    var now = Date.now();
    Object.keys(this.saved).forEach(function (position) {
      if (!(now - self.saved[position].kept < SAVED_KEPT_MS)) {
        delete self.saved[position];
      }
    });
    Object.keys(sent).forEach(function (position) {
      // Only the value that was sent: a newer change made meanwhile is still to send.
      if (same(self.pending[position], sent[position])) {
        delete self.pending[position];
        if (savedAt) {
          self.saved[position] = { entry: sent[position], at: savedAt, kept: now };
        }
      }
    });
    this.store();
  };

  Attempt.prototype.answered = function (status, data, sent) {
    if (status === 200) {
      this.retries = 0;
      this.acknowledge(sent, Number(data.saved_at_ms) || Number.MAX_SAFE_INTEGER);
      if (Object.keys(this.pending).length) {
        this.schedule(this.oneByOne ? 0 : SAVE_DELAY_MS);
      } else {
        this.oneByOne = false;
        var now = new Date();
        var time = ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
        this.say(format(gettext("All answers saved (%(time)s)."), { time: time }, true), "saved");
      }
      return;
    }
    if (status === 409) {
      // Submitted elsewhere, or the time ran out: nothing more can be saved here.
      this.closed = true;
      this.pending = {};
      this.saved = {};
      this.store();
      this.say(data.detail || gettext("This attempt has been submitted."), "error");
      window.location.assign(data.review_url || this.reviewUrl);
      return;
    }
    if (status === 400 || status === 422) {
      if (Object.keys(sent).length > 1) {
        // One answer spoils the batch (all or nothing): send them one by one to find it.
        this.oneByOne = true;
        this.schedule(0);
        return;
      }
      this.acknowledge(sent); // this answer cannot be saved as it is: the trainee must change it
      this.say(data.detail || gettext("This answer could not be saved."), "error");
      if (Object.keys(this.pending).length) {
        this.schedule(0);
      } else {
        this.oneByOne = false;
      }
      return;
    }
    if (status === 401 || status === 403) {
      this.say(
        gettext("You are no longer logged in. Your answers are kept on this phone: log in again in a new tab, then come back."),
        "error"
      );
      this.retry();
      return;
    }
    this.offline();
  };

  Attempt.prototype.offline = function () {
    this.say(
      gettext("Offline: your answers are kept on this phone and will be sent when the connection returns."),
      "offline"
    );
    this.retry();
  };

  Attempt.prototype.retry = function () {
    var delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)];
    this.retries += 1;
    this.schedule(delay);
  };

  Attempt.prototype.unanswered = function () {
    var self = this;
    return Object.keys(this.questions).filter(function (position) {
      var question = self.questions[position];
      var response = KINDS[question.kind].read(question);
      if (!response) {
        return true;
      }
      if (response.text !== undefined) {
        return !response.text;
      }
      if (response.pairs) {
        return !Object.keys(response.pairs).some(function (stem) {
          return response.pairs[stem];
        });
      }
      return false;
    }).length;
  };

  Attempt.prototype.updateWords = function (question) {
    var note = question.element.querySelector("[data-word-count]");
    var area = question.element.querySelector("textarea");
    if (!note || !area) {
      return;
    }
    var count = wordCount(area.value);
    var low = Number(area.getAttribute("data-min-words")) || 0;
    var high = Number(area.getAttribute("data-max-words")) || 0;
    var text = format(ngettext("%(count)s word written.", "%(count)s words written.", count), { count: count }, true);
    if (low && count < low) {
      text += " " + format(gettext("Write at least %(low)s."), { low: low }, true);
    } else if (high && count > high) {
      text += " " + format(gettext("Write at most %(high)s."), { high: high }, true);
    }
    note.textContent = text;
  };

  Attempt.prototype.move = function (button) {
    var item = button.closest("[data-item]");
    var list = item.parentNode;
    var question = this.questions[button.closest("[data-question]").getAttribute("data-question")];
    if (button.getAttribute("data-move") === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (button.getAttribute("data-move") === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
    button.focus();
    var items = Array.prototype.slice.call(list.children);
    this.announce(
      format(gettext("Moved to place %(place)s of %(total)s."), {
        place: items.indexOf(item) + 1,
        total: items.length
      }, true)
    );
    question.element.querySelector("[data-touched]").value = "1";
    this.record(question, SAVE_DELAY_MS);
  };

  Attempt.prototype.bind = function () {
    var self = this;
    var form = this.form;
    function questionOf(target) {
      var element = target.closest("[data-question]");
      return element ? self.questions[element.getAttribute("data-question")] : null;
    }
    form.addEventListener("change", function (event) {
      var question = questionOf(event.target);
      if (question) {
        self.record(question, SAVE_DELAY_MS);
      }
    });
    form.addEventListener("input", function (event) {
      var question = questionOf(event.target);
      if (question && (event.target.tagName === "TEXTAREA" || event.target.type === "text")) {
        self.updateWords(question);
        self.record(question, TYPING_DELAY_MS);
      }
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (button) {
        event.preventDefault();
        self.move(button);
      }
    });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      var action = submitter ? submitter.value : "save";
      if (action === "submit") {
        var missing = self.unanswered();
        var question = gettext("Submit your answers now? You cannot change them afterwards.");
        if (missing) {
          question += "\n" + format(
            ngettext("%(count)s question is not answered.", "%(count)s questions are not answered.", missing),
            { count: missing },
            true
          );
        }
        if (!window.confirm(question)) {
          event.preventDefault();
          return;
        }
        self.closed = true; // the form carries every answer; the review page clears the copy
        return;
      }
      if (action === "save") {
        event.preventDefault();
        self.recordAll();
        self.send();
      }
    });
    window.addEventListener("online", function () {
      self.retries = 0;
      self.send();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        self.send(true);
      }
    });
    Object.keys(this.questions).forEach(function (position) {
      self.updateWords(self.questions[position]);
    });
  };

  // Submitting when the time is up; waits for a connection if the phone is offline.
  Attempt.prototype.submitNow = function () {
    var self = this;
    if (this.closed) {
      return;
    }
    if (navigator.onLine === false) {
      this.say(gettext("The time is up. Your answers will be submitted when the connection returns."), "offline");
      window.addEventListener("online", function () {
        self.submitNow();
      }, { once: true });
      return;
    }
    this.closed = true;
    this.say(gettext("The time is up. Submitting your answers…"));
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "submit";
    this.form.appendChild(action);
    this.form.submit();
  };

  // The countdown --------------------------------------------------------------------------

  function Countdown(attempt) {
    var form = attempt.form;
    this.attempt = attempt;
    this.deadline = Number(form.getAttribute("data-deadline"));
    this.serverNow = Number(form.getAttribute("data-server-now"));
    this.startedAt = window.performance.now();
    this.clock = document.querySelector("[data-timer]");
    this.bar = document.querySelector("[data-quiz-bar]");
    this.announcer = document.querySelector("[data-timer-announce]");
    this.warned = {};
  }

  Countdown.prototype.now = function () {
    // The server's clock at load, moved on by the page's monotonic clock: never the phone's.
    return this.serverNow + (window.performance.now() - this.startedAt);
  };

  Countdown.prototype.tick = function () {
    var left = Math.max(0, Math.floor((this.deadline - this.now()) / 1000));
    var hours = Math.floor(left / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    var seconds = left % 60;
    var text = (hours ? hours + ":" + ("0" + minutes).slice(-2) : String(minutes)) + ":" + ("0" + seconds).slice(-2);
    this.clock.textContent = text;
    this.clock.removeAttribute("aria-hidden");
    this.clock.setAttribute("role", "timer");
    this.clock.setAttribute("aria-label", format(gettext("Time left: %(time)s"), { time: text }, true));
    if (left <= WARNINGS_S[0]) {
      this.bar.classList.add("quiz-bar--low");
    }
    var self = this;
    WARNINGS_S.forEach(function (limit) {
      if (left <= limit && left > 0 && !self.warned[limit]) {
        self.warned[limit] = true;
        self.announcer.textContent = format(
          ngettext("%(count)s minute left.", "%(count)s minutes left.", Math.ceil(left / 60)),
          { count: Math.ceil(left / 60) },
          true
        );
      }
    });
    if (left <= 0) {
      window.clearInterval(this.interval);
      this.attempt.submitNow();
    }
  };

  Countdown.prototype.start = function () {
    var self = this;
    if (!this.clock || !this.deadline || !this.serverNow) {
      return;
    }
    // Already warned about what has passed before the page was opened.
    var left = (this.deadline - this.now()) / 1000;
    WARNINGS_S.forEach(function (limit) {
      if (left <= limit) {
        self.warned[limit] = true;
      }
    });
    this.tick();
    this.interval = window.setInterval(function () {
      self.tick();
    }, 1000);
  };

  function init() {
    // The review page: whatever was kept on the phone for this attempt is of no more use.
    var review = document.querySelector("[data-quiz-review]");
    if (review) {
      writeStore(review.getAttribute("data-quiz-review"), {}, {});
    }
    var form = document.querySelector("form[data-quiz-attempt]");
    if (!form || !window.fetch || !window.JSON) {
      return;
    }
    var attempt = new Attempt(form);
    attempt.bind();
    attempt.restore();
    new Countdown(attempt).start();
    // Coming back to a page kept in the browser's memory: its clock and answers may be stale.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        window.location.reload();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
