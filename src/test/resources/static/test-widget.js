// A local stand-in for the ElevenLabs widget script (earshot.widget.script-url in tests): defines
// <elevenlabs-convai> with a "Start a call" button that fires the widget's call event, then calls
// the config's onConnect with a conversation id, as the real widget does.
(function () {
  "use strict";
  if (customElements.get("elevenlabs-convai")) {
    return;
  }
  customElements.define(
    "elevenlabs-convai",
    class extends HTMLElement {
      connectedCallback() {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-success";
        button.textContent = "Start a call";
        button.addEventListener("click", () => {
          var config = {};
          this.dispatchEvent(
            new CustomEvent("elevenlabs-convai:call", { bubbles: true, composed: true, detail: { config: config } })
          );
          button.textContent = "In a call with " + this.getAttribute("agent-id");
          if (typeof config.onConnect === "function") {
            config.onConnect({ conversationId: "conv_test_" + Date.now() });
          }
        });
        this.appendChild(button);
      }
    }
  );
})();
