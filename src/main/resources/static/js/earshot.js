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

// The evaluation page: report the widget's call to the server, and open the form once a call
// was started when the playground asks for that (otherwise warn before a submit without one).
(function () {
  "use strict";

  var form = document.querySelector(".evaluation-form");
  if (!form) {
    return;
  }
  var called = form.dataset.callStarted === "true";
  var requireCall = form.dataset.requireCall === "true";

  function report(conversationId) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var body = new URLSearchParams();
    if (conversationId) {
      body.append("conversationId", conversationId);
    }
    var headers = { "Content-Type": "application/x-www-form-urlencoded" };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return fetch(form.dataset.callUrl, { method: "POST", headers: headers, body: body, credentials: "same-origin" });
  }

  // The widget dispatches the event on its own element.
  var widget = document.querySelector("elevenlabs-convai");
  (widget || document).addEventListener("elevenlabs-convai:call", function (event) {
    called = true;
    report(null);
    var config = event.detail && event.detail.config;
    if (config) {
      var onConnect = config.onConnect;
      config.onConnect = function (details) {
        if (details && details.conversationId) {
          report(details.conversationId);
        }
        if (typeof onConnect === "function") {
          return onConnect.apply(this, arguments);
        }
      };
    }
    var answers = form.querySelector("fieldset.answers");
    var needed = form.querySelector(".call-needed");
    var warning = form.querySelector(".call-warning");
    if (requireCall && answers) {
      answers.disabled = false;
    }
    if (needed) {
      needed.classList.add("d-none");
    }
    if (warning) {
      warning.classList.add("d-none");
    }
  });

  form.addEventListener("submit", function (event) {
    var warning = form.querySelector(".call-warning");
    if (!called && !requireCall && warning && warning.classList.contains("d-none")) {
      event.preventDefault();
      warning.classList.remove("d-none");
      warning.textContent = "You have not started a call with the agent yet. Submit anyway? Press Submit again.";
      warning.scrollIntoView({ block: "center" });
    }
  });
})();
