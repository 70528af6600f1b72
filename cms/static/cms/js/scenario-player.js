/*
 * The scenario player: plays a branching script one node at a time.
 *
 * Plain JavaScript, no framework: it has to run on any trainee's phone browser without a
 * build step. The script comes from the page as JSON (#scenario-script, see
 * ScenarioExercisePage.script_for_player). Every string a trainee sees goes through
 * Django's JavaScript catalog (gettext), so the player speaks the page's language.
 *
 * Contract relied on by the browser tests:
 * - everything lives in #scenario-player;
 * - the current node's title is the only <h3> in it, and receives keyboard focus when the
 *   node changes (but not on page load);
 * - each choice is a <button type="button"> whose text is exactly the choice label;
 * - a chosen consequence is appended to the aria-live="polite" region;
 * - an ending shows its title, its outcome, the score out of the best score, the reflection
 *   prompt and a "play again" button.
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

  function ScenarioPlayer(root, script, reflectionPrompt) {
    this.root = root;
    this.script = script;
    this.reflectionPrompt = reflectionPrompt || "";
    this.log = root.querySelector("[data-scenario-log]");
    this.stage = root.querySelector("[data-scenario-node]");
    this.score = 0;
  }

  ScenarioPlayer.prototype.start = function (moveFocus) {
    this.score = 0;
    this.log.textContent = "";
    this.show(this.script.start, moveFocus);
  };

  ScenarioPlayer.prototype.show = function (key, moveFocus) {
    var node = this.script.nodes[key];
    this.stage.textContent = "";
    if (!node) {
      this.stage.appendChild(
        make("p", "notice notice--warning", gettext("This exercise is not ready yet. Please come back later."))
      );
      return;
    }
    var heading = make("h3", "scenario-node__title", node.title);
    heading.tabIndex = -1;
    this.stage.appendChild(heading);
    if (node.type === "ending") {
      this.showEnding(node);
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
        player.choose(choice);
      });
      choices.appendChild(button);
    });
    this.stage.appendChild(choices);
  };

  ScenarioPlayer.prototype.reportFinished = function () {
    // Tell the studio the trainee reached an ending, so the exercise can count towards the
    // course; only enrolled trainees get the address to report to.
    var url = this.root.getAttribute("data-finished-url");
    var token = this.root.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !token || !window.fetch) {
      return;
    }
    window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
    });
  };

  ScenarioPlayer.prototype.showEnding = function (node) {
    var player = this;
    this.reportFinished();
    this.stage.appendChild(make("p", "scenario-node__situation", node.outcome));
    this.stage.appendChild(
      make(
        "p",
        "scenario-score",
        interpolate(
          gettext("Your score: %(score)s out of %(best)s"),
          { score: this.score, best: this.script.best },
          true
        )
      )
    );
    if (this.reflectionPrompt) {
      var reflection = make("div", "scenario-reflection");
      reflection.appendChild(make("p", "scenario-reflection__label", gettext("For your reflection")));
      reflection.appendChild(make("p", "scenario-reflection__prompt", this.reflectionPrompt));
      this.stage.appendChild(reflection);
    }
    var again = make("button", "scenario-player__again", gettext("Play again"));
    again.type = "button";
    again.addEventListener("click", function () {
      player.start(true);
    });
    this.stage.appendChild(again);
  };

  ScenarioPlayer.prototype.choose = function (choice) {
    this.score += Number(choice.score) || 0;
    var entry = make("p", "scenario-log__entry");
    entry.appendChild(
      make("span", "scenario-log__choice", interpolate(gettext("You chose: %(label)s"), { label: choice.label }, true))
    );
    entry.appendChild(make("span", "scenario-log__consequence", choice.consequence));
    this.log.appendChild(entry);
    this.show(choice.next, true);
  };

  function init() {
    var root = document.getElementById("scenario-player");
    var script = readJson("scenario-script");
    if (!root || !script || !script.nodes) {
      return;
    }
    var player = new ScenarioPlayer(root, script, readJson("scenario-reflection"));
    player.start(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
