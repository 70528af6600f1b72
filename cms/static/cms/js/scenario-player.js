/*
 * The scenario player: plays a branching script one node at a time, through the server.
 *
 * Plain JavaScript, no framework: it has to run on any trainee's phone browser without a
 * build step. The page carries none of the script. The player asks the server to start (or
 * resume) a run (POST data-start-url) and sends each choice to the run's choose_url; the
 * server records it and answers with the consequence and the next node. So the path and the
 * score are the server's, and the player never sees the scores, the consequences of other
 * choices or where they lead. See courses/views/scenario_runs.py for the JSON.
 * Every string a trainee sees goes through Django's JavaScript catalog (gettext), so the
 * player speaks the page's language.
 *
 * Contract relied on by the browser tests:
 * - everything lives in #scenario-player;
 * - the current node's title is the only <h3> in it, and receives keyboard focus when the
 *   node changes (but not on page load);
 * - each choice is a <button type="button"> whose text is exactly the choice label;
 * - a chosen consequence is appended to the aria-live="polite" region;
 * - an ending shows its title, its outcome, the score out of the best score, the reflection
 *   prompt with a link to write the reflection, and a "play again" button when the office
 *   allows replays;
 * - a refusal from the server is shown in a role="alert" paragraph.
 */
(function () {
  "use strict";

  // Named gettext/interpolate so `makemessages -d djangojs` finds the strings; the fallbacks
  // keep the player working (in English) if the catalog failed to load.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) {
    return text;
  };
  var interpolate = typeof window.interpolate === "function"
    ? window.interpolate
    : function (text, values) {
        return text.replace(/%\((\w+)\)s/g, function (_match, name) {
          return String(values[name]);
        });
      };

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined && text !== null) {
      element.textContent = text;
    }
    return element;
  }

  function ScenarioPlayer(root) {
    this.root = root;
    this.startUrl = root.getAttribute("data-start-url");
    var token = root.querySelector("input[name=csrfmiddlewaretoken]");
    this.token = token ? token.value : "";
    this.log = root.querySelector("[data-scenario-log]");
    this.stage = root.querySelector("[data-scenario-node]");
    this.run = null;
    this.busy = false;
  }

  // POST a JSON body; resolves with the parsed answer, rejects with a message to show.
  ScenarioPlayer.prototype.post = function (url, body) {
    var player = this;
    return window
      .fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Accept": "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": player.token,
        },
        body: JSON.stringify(body || {}),
      })
      .then(
        function (response) {
          return response.json().then(
            function (data) {
              if (!response.ok || !data || data.ok !== true) {
                throw new Error((data && data.message) || gettext("Something went wrong. Reload the page and try again."));
              }
              return data;
            },
            function () {
              // Not JSON: most likely the login page, after the session ended.
              throw new Error(gettext("Something went wrong. Reload the page and try again."));
            }
          );
        },
        function () {
          throw new Error(gettext("The connection failed. Check your network and try again."));
        }
      );
  };

  ScenarioPlayer.prototype.showError = function (message) {
    var old = this.stage.querySelector(".scenario-player__error");
    if (old) {
      old.parentNode.removeChild(old);
    }
    var error = make("p", "notice notice--error scenario-player__error", message);
    error.setAttribute("role", "alert");
    this.stage.appendChild(error);
  };

  ScenarioPlayer.prototype.offerStart = function (label) {
    var player = this;
    this.stage.textContent = "";
    var button = make("button", "scenario-player__again", label);
    button.type = "button";
    button.addEventListener("click", function () {
      player.start(true);
    });
    this.stage.appendChild(button);
  };

  ScenarioPlayer.prototype.addLogEntry = function (chosen) {
    var entry = make("p", "scenario-log__entry");
    entry.appendChild(
      make("span", "scenario-log__choice", interpolate(gettext("You chose: %(label)s"), { label: chosen.choice }, true))
    );
    entry.appendChild(make("span", "scenario-log__consequence", chosen.consequence));
    this.log.appendChild(entry);
  };

  ScenarioPlayer.prototype.start = function (moveFocus) {
    var player = this;
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.post(this.startUrl).then(
      function (data) {
        player.busy = false;
        player.run = data.run;
        player.log.textContent = "";
        (data.path || []).forEach(function (chosen) {
          player.addLogEntry(chosen);
        });
        player.show(data, moveFocus);
      },
      function (error) {
        player.busy = false;
        player.showError(error.message);
      }
    );
  };

  ScenarioPlayer.prototype.show = function (data, moveFocus) {
    var node = data.node;
    this.stage.textContent = "";
    var heading = make("h3", "scenario-node__title", node.title);
    heading.tabIndex = -1;
    this.stage.appendChild(heading);
    if (node.type === "ending") {
      this.showEnding(node, data);
    } else {
      this.showStep(node);
    }
    if (moveFocus) {
      heading.focus();
    }
  };

  ScenarioPlayer.prototype.showStep = function (node) {
    var player = this;
    this.stage.appendChild(make("p", "scenario-node__situation", node.situation));
    var choices = make("div", "scenario-choices");
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", gettext("What do you do?"));
    node.choices.forEach(function (choice) {
      var button = make("button", "scenario-choice", choice.label);
      button.type = "button";
      button.addEventListener("click", function () {
        player.choose(node, choice, choices);
      });
      choices.appendChild(button);
    });
    this.stage.appendChild(choices);
  };

  ScenarioPlayer.prototype.choose = function (node, choice, group) {
    var player = this;
    if (this.busy || !this.run) {
      return;
    }
    this.busy = true;
    var buttons = group.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (button) {
      button.disabled = true;
    });
    this.post(this.run.choose_url, { step: node.key, choice: choice.index }).then(
      function (data) {
        player.busy = false;
        player.run = data.run;
        player.addLogEntry(data.chosen);
        player.show(data, true);
      },
      function (error) {
        player.busy = false;
        Array.prototype.forEach.call(buttons, function (button) {
          button.disabled = false;
        });
        player.showError(error.message);
      }
    );
  };

  ScenarioPlayer.prototype.showEnding = function (node, data) {
    var player = this;
    this.stage.appendChild(make("p", "scenario-node__situation", node.outcome));
    this.stage.appendChild(
      make(
        "p",
        "scenario-score",
        interpolate(
          gettext("Your score: %(score)s out of %(best)s"),
          { score: data.run.score, best: data.run.best_score },
          true
        )
      )
    );
    var reflection = data.reflection || {};
    var box = make("div", "scenario-reflection");
    box.appendChild(make("p", "scenario-reflection__label", gettext("For your reflection")));
    if (reflection.prompt) {
      box.appendChild(make("p", "scenario-reflection__prompt", reflection.prompt));
    }
    if (reflection.url) {
      var link = make("a", "button", gettext("Write your reflection"));
      link.href = reflection.url;
      box.appendChild(link);
    }
    this.stage.appendChild(box);
    if (data.replay_allowed) {
      var again = make("button", "scenario-player__again", gettext("Play again"));
      again.type = "button";
      again.addEventListener("click", function () {
        player.start(true);
      });
      this.stage.appendChild(again);
    }
  };

  function init() {
    var root = document.getElementById("scenario-player");
    if (!root || !root.getAttribute("data-start-url") || !window.fetch) {
      return;
    }
    var player = new ScenarioPlayer(root);
    if (root.hasAttribute("data-resume")) {
      player.start(false); // a run is open: carry on where the trainee left it
    } else {
      player.offerStart(
        root.hasAttribute("data-played") ? gettext("Play again") : gettext("Start the scenario")
      );
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
