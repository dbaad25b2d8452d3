// Earshot's page behaviour. Every page works without it; it adds conveniences.
(function () {
  "use strict";

  // htmx requests carry the CSRF token like forms do.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
})();

// Question builder: options editor (add, remove, reorder rows) and drag-and-drop of questions.
(function () {
  "use strict";

  // Names and accessible names follow the row's place (a copied row must not say "Option 1").
  function renumber(rows) {
    rows.querySelectorAll(".option-row").forEach(function (row, index) {
      var number = index + 1;
      var label = row.querySelector(".option-label");
      var value = row.querySelector(".option-value");
      label.name = "options[" + index + "].label";
      value.name = "options[" + index + "].value";
      label.setAttribute("aria-label", "Option " + number + " label");
      value.setAttribute("aria-label", "Option " + number + " value");
      row.querySelector(".option-up").setAttribute("aria-label", "Move option " + number + " up");
      row.querySelector(".option-down").setAttribute("aria-label", "Move option " + number + " down");
      row.querySelector(".option-remove").setAttribute("aria-label", "Remove option " + number);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".option-add, .option-remove, .option-up, .option-down");
    if (!button) {
      return;
    }
    var editor = button.closest(".options-editor");
    var rows = editor.querySelector(".option-rows");
    var row = button.closest(".option-row");
    if (button.classList.contains("option-add")) {
      var template = rows.querySelector(".option-row");
      var copy = template.cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      rows.appendChild(copy);
      copy.querySelector(".option-label").focus();
    } else if (button.classList.contains("option-remove")) {
      if (rows.querySelectorAll(".option-row").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      }
    } else if (button.classList.contains("option-up") && row.previousElementSibling) {
      rows.insertBefore(row, row.previousElementSibling);
      button.focus();
    } else if (button.classList.contains("option-down") && row.nextElementSibling) {
      rows.insertBefore(row.nextElementSibling, row);
      button.focus();
    }
    renumber(rows);
  });

  // A value typed nowhere follows its label, so that admins need not invent one.
  document.addEventListener("change", function (event) {
    if (!event.target.classList.contains("option-label")) {
      return;
    }
    var value = event.target.closest(".option-row").querySelector(".option-value");
    if (!value.value) {
      value.value = event.target.value.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
    }
  });

  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest(".question-item");
    if (dragged) {
      event.dataTransfer.effectAllowed = "move";
      dragged.classList.add("dragging");
    }
  });
  document.addEventListener("dragover", function (event) {
    var over = event.target.closest && event.target.closest(".question-item");
    if (dragged && over && over !== dragged) {
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
    }
  });
  document.addEventListener("drop", function (event) {
    if (dragged) {
      event.preventDefault();
    }
  });
  document.addEventListener("dragend", function () {
    if (!dragged) {
      return;
    }
    dragged.classList.remove("dragging");
    var list = dragged.closest("#question-list");
    dragged = null;
    var order = Array.prototype.map.call(list.querySelectorAll(".question-item"), function (item) {
      return item.dataset.id;
    });
    htmx.ajax("POST", list.dataset.orderUrl, {
      target: "#question-builder",
      swap: "outerHTML",
      values: { order: order }
    });
  });
})();

// Posts a form to Earshot with the page's CSRF token, in the background.
function earshotPost(url, fields) {
  "use strict";
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  var headers = { "Content-Type": "application/x-www-form-urlencoded" };
  if (token && header) {
    headers[header.content] = token.content;
  }
  return fetch(url, { method: "POST", headers: headers, body: new URLSearchParams(fields), credentials: "same-origin" });
}

// Widget health, on every page with an agent (a tester's session, an admin's preview): a loading
// state until ElevenLabs' widget shows its call button; "could not be loaded" when it has not
// within the page's timeout, or at once when its configuration request fails. The widget itself
// says nothing of either (it renders nothing), so the page repeats that request to know, and to
// say why. A widget that appears late (a slow network) still takes over. On a session page the
// failure is reported to Earshot; an admin's preview explains it (the "earshot:widget" event).
(function () {
  "use strict";

  var slot = document.querySelector(".agent-widget");
  var widget = slot && slot.querySelector("elevenlabs-convai");
  if (!widget) {
    return;
  }
  var reportUrl = slot.dataset.reportUrl;
  var timeout = Number(slot.dataset.loadTimeout) || 8000;
  var started = Date.now();
  var failure = null;

  function show(state, detail) {
    slot.dataset.state = state;
    slot.querySelector(".widget-loading").hidden = state !== "loading";
    slot.querySelector(".widget-failed").hidden = state !== "failed";
    slot.dispatchEvent(new CustomEvent("earshot:widget", { bubbles: true, detail: detail }));
  }

  // The widget's parts live in its open shadow root; its call button is visible once its own
  // style applies (until then, or when a policy refuses that style, it is hidden).
  function rendered() {
    var root = widget.shadowRoot;
    var buttons = root ? root.querySelectorAll("button[aria-label]") : [];
    return Array.prototype.some.call(buttons, function (button) {
      return button.checkVisibility ? button.checkVisibility() : button.getClientRects().length > 0;
    });
  }

  function fail(kind, status, message) {
    if (failure || slot.dataset.state === "ready") {
      return;
    }
    failure = kind;
    show("failed", { state: "failed", failure: kind, status: status, message: message });
    if (reportUrl) {
      earshotPost(reportUrl, { event: "widget_failed", failure: kind });
    }
  }

  // The widget's box is as tall as its call button needs; a dialog it opens (an error, its terms)
  // is taller and grows from the bottom up: the box grows with it, not over the page's words. (A
  // transcript or text box opens as a sheet of the box's own height: that box is tall already.)
  function fit() {
    var root = widget.shadowRoot;
    if (!root || slot.classList.contains("is-expandable")) {
      return;
    }
    var top = Infinity;
    var bottom = -Infinity;
    root.querySelectorAll(".overlay *").forEach(function (part) {
      var box = part.getBoundingClientRect();
      if (box.height > 0) {
        top = Math.min(top, box.top);
        bottom = Math.max(bottom, box.bottom);
      }
    });
    var padding = 24;
    if (bottom > top && bottom - top + padding > widget.getBoundingClientRect().height) {
      widget.style.height = Math.ceil(bottom - top + padding) + "px";
    }
  }

  var poll = setInterval(function () {
    if (rendered()) {
      clearInterval(poll);
      show("ready", { state: "ready" });
      fit();
      new MutationObserver(function () {
        fit();
        setTimeout(fit, 400);
      }).observe(widget.shadowRoot, { subtree: true, childList: true });
    } else if (Date.now() - started >= timeout) {
      fail(customElements.get("elevenlabs-convai") ? "not_rendered" : "script");
    }
  }, 200);

  var reload = slot.querySelector(".widget-reload");
  if (reload) {
    reload.addEventListener("click", function () {
      window.location.reload();
    });
  }

  // An attribute set to "true" or "false" wins over the agent's configuration (as in the widget).
  function enabled(attribute, configured) {
    var value = widget.getAttribute(attribute);
    return value === "true" || (value !== "false" && Boolean(configured));
  }

  // What ElevenLabs said, if it said something: {"detail": {"message": …}} or {"detail": "…"}.
  function said(json) {
    var detail = json && json.detail;
    if (typeof detail === "string") {
      return detail;
    }
    return detail && typeof detail.message === "string" ? detail.message : null;
  }

  var configUrl = slot.dataset.configUrl;
  if (configUrl) {
    fetch(configUrl, { credentials: "omit", cache: "no-store" })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try {
            json = JSON.parse(text);
          } catch (e) {
            json = null;
          }
          var config = json && json.widget_config;
          if (config && typeof config === "object") {
            // Like the widget, whatever the status: it reads the body only.
            var sheet = enabled("transcript", config.transcript_enabled) || enabled("text-input", config.text_input_enabled);
            slot.classList.toggle("is-expandable", sheet);
            slot.dataset.variant = widget.getAttribute("variant") || config.variant || "tiny";
            return;
          }
          var status = response.status;
          fail(status === 404 ? "not_found" : status === 401 || status === 403 ? "refused" : status >= 500 ? "server_error" : "malformed", status, said(json));
        });
      })
      .catch(function () {
        fail("network");
      });
  }
})();

// The evaluation page: report the widget's call to Earshot (started; connected, with the
// conversation id ElevenLabs gives; ended), and open the form once a call was started when the
// playground asks for that (otherwise warn once before a submit without one, unless the widget
// could not load: then the tester is never asked whether they forgot to call).
(function () {
  "use strict";

  var form = document.querySelector(".evaluation-form");
  var slot = document.querySelector(".agent-widget");
  if (!form || !slot || !slot.dataset.reportUrl) {
    return;
  }
  var reportUrl = slot.dataset.reportUrl;
  var called = form.dataset.callStarted === "true";
  var requireCall = form.dataset.requireCall === "true";
  var announced = false;
  var inCall = false;

  function callStarted() {
    called = true;
    var answers = form.querySelector("fieldset.answers");
    if (requireCall && answers) {
      answers.disabled = false;
    }
    form.querySelectorAll(".call-needed, .call-warning").forEach(function (note) {
      note.classList.add("d-none");
    });
  }

  // The widget dispatches the event from its call button, before it connects; a listener may
  // add onConnect to the call's configuration (not onDisconnect: the widget overwrites that).
  document.addEventListener("elevenlabs-convai:call", function (event) {
    announced = true;
    callStarted();
    earshotPost(reportUrl, { event: "started" });
    var config = event.detail && event.detail.config;
    if (config) {
      var onConnect = config.onConnect;
      config.onConnect = function (details) {
        if (details && details.conversationId) {
          earshotPost(reportUrl, { event: "connected", conversationId: details.conversationId });
        }
        if (typeof onConnect === "function") {
          return onConnect.apply(this, arguments);
        }
      };
    }
  });

  // The widget plays each call through a hidden <audio> it adds to <body> as the call connects
  // and removes when it ends, however it ends: the page's only sign of the end. It also catches
  // a call whose event never reached the page (the widget dispatches it from a detached button
  // when it first asks the tester to accept its terms).
  new MutationObserver(function () {
    var audio = document.body.querySelector(":scope > audio");
    if (audio && !inCall) {
      inCall = true;
      if (!announced) {
        callStarted();
        earshotPost(reportUrl, { event: "started" });
      }
    } else if (!audio && inCall) {
      inCall = false;
      announced = false;
      earshotPost(reportUrl, { event: "ended" });
    }
  }).observe(document.body, { childList: true });

  form.addEventListener("submit", function (event) {
    var warning = form.querySelector(".call-warning");
    if (!called && !requireCall && slot.dataset.state !== "failed" && warning && warning.classList.contains("d-none")) {
      event.preventDefault();
      warning.classList.remove("d-none");
      warning.textContent = "You have not started a call with the agent yet. Submit anyway? Press Submit again.";
      warning.scrollIntoView({ block: "center" });
    }
  });
})();

// An admin's preview: what the widget health check found, in words the admin can act on; a widget
// that loaded is reported, for the checklist before the playground goes live (for this version).
(function () {
  "use strict";

  var check = document.querySelector(".widget-check");
  var slot = document.querySelector(".agent-widget");
  if (!check || !slot) {
    return;
  }
  check.querySelectorAll(".site-origin").forEach(function (origin) {
    origin.textContent = window.location.origin;
  });
  slot.addEventListener("earshot:widget", function (event) {
    var found = event.detail.state === "ready" ? "ready" : event.detail.failure;
    if (found === "ready" && check.dataset.loadedUrl) {
      earshotPost(check.dataset.loadedUrl, { model: check.dataset.model, version: check.dataset.version });
    }
    check.querySelectorAll("[data-check]").forEach(function (paragraph) {
      paragraph.hidden = paragraph.dataset.check !== found;
      paragraph.querySelectorAll(".widget-status").forEach(function (status) {
        status.textContent = event.detail.status || "";
      });
      paragraph.querySelectorAll(".widget-said").forEach(function (said) {
        said.textContent = event.detail.message ? " ElevenLabs said: “" + event.detail.message + "”." : "";
      });
    });
  });
})();

// The playground editor: a save reloads the page (or, for a question, the question builder), and
// whatever another form there held unsaved would be lost with it. The first press of a Save then
// names those forms instead of saving; a second press saves and lets them go.
(function () {
  "use strict";

  var editor = document.getElementById("playground-editor");
  if (!editor) {
    return;
  }

  function state(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  // A form that came back to be fixed holds what was typed, not what is stored.
  function remember(root) {
    root.querySelectorAll("form").forEach(function (form) {
      form.dataset.saved = form.querySelector(".is-invalid") ? "" : state(form);
    });
  }

  function unsaved(form) {
    return form.dataset.saved !== undefined && form.dataset.saved !== state(form);
  }

  // The forms a submit of this one replaces: a question's form swaps only the builder.
  function replaced(form) {
    var builder = form.closest("#question-builder");
    return (form.hasAttribute("hx-post") && builder) ? builder : editor;
  }

  function title(form) {
    var section = form.closest("section, li.question-item, details");
    var heading = section && section.querySelector("h2, strong, summary");
    return heading ? heading.textContent.trim() : "another form";
  }

  remember(editor);
  document.addEventListener("htmx:afterSwap", function () {
    remember(editor);
  });

  editor.addEventListener("submit", function (event) {
    var form = event.target;
    var others = Array.prototype.filter.call(replaced(form).querySelectorAll("form"), function (other) {
      return other !== form && unsaved(other);
    });
    var warning = form.querySelector(".unsaved-elsewhere");
    if (others.length === 0 || (warning && form.dataset.warned === state(form))) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!warning) {
      warning = document.createElement("div");
      warning.className = "alert alert-warning unsaved-elsewhere mt-2";
      warning.setAttribute("role", "alert");
      form.appendChild(warning);
    }
    warning.textContent = "Not saved yet: " + others.map(title).join(", ")
      + " also has changes, which this save would discard. Save that first, or press this"
      + " button again to save this form and discard them.";
    form.dataset.warned = state(form);
  }, true);
})();

// ---- Local times ------------------------------------------------------------------------------
// Every <time class="local-time"> (fragments/time.html) comes written in UTC, its UTC time in its
// title; here it is rewritten in the viewer's own time zone, on load and after every htmx swap.
(function () {
  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function zone(date) {
    var part = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" })
      .formatToParts(date).find(function (p) { return p.type === "timeZoneName"; });
    return part ? part.value : "";
  }

  function localise(root) {
    root.querySelectorAll("time.local-time[datetime]").forEach(function (time) {
      var date = new Date(time.getAttribute("datetime"));
      if (isNaN(date.getTime())) {
        return;
      }
      time.textContent = date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate())
        + " " + pad(date.getHours()) + ":" + pad(date.getMinutes())
        + (time.hasAttribute("data-seconds") ? ":" + pad(date.getSeconds()) : "")
        + " " + zone(date);
    });
  }

  localise(document);
  document.addEventListener("htmx:afterSettle", function (event) {
    localise(event.target);
  });
})();

// --- Tester link (issue 15 §2) -----------------------------------------------------------------
// "Copy tester link": copies the link beside it and says so. Without script the button stays
// hidden and the link is there to select.
(function () {
  "use strict";

  document.querySelectorAll(".copy-link").forEach(function (button) {
    if (navigator.clipboard) {
      button.hidden = false;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-link");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.dataset.copy);
    var status = button.closest(".tester-link").querySelector(".copy-status");
    navigator.clipboard.writeText(field.value).then(
      function () {
        status.textContent = "Copied the tester link.";
      },
      function () {
        field.select();
        status.textContent = "Could not copy: the link is selected, copy it with your keyboard.";
      }
    );
  });
})();
// --- end of tester link --------------------------------------------------------------------------
