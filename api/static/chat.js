/* Lantern webchat.
 *
 * Safety first: the session id lives only in this closure (no cookies, no web storage), server
 * text is only ever set with textContent, and Exit (button or Esc) forgets the conversation on the
 * server, empties the page and replaces this history entry so Back does not return here.
 */
(function () {
  "use strict";

  var API = "/api/chat";
  var MAX_TEXT = 2000;
  var TOO_MANY = 429; // the gateway's per-address limit (api/routers/chat.py)
  // Shown only when the gateway cannot be reached. The number, like every number the assistant
  // shows, comes from the verified directory data: the gateway puts it on <body>.
  var EMERGENCY = document.body.dataset.emergencyPhone;
  var OFFLINE_TEXT =
    "Sorry, we cannot connect just now. Please try again in a moment.\n" +
    (EMERGENCY
      ? "If you are in danger, call " + EMERGENCY + "."
      : "If you are in danger, call the emergency services.");

  var session = makeSessionId();
  var exited = false;
  var pending = 0;
  var queue = Promise.resolve();

  var body = document.body;
  var log = document.getElementById("log");
  var typing = document.getElementById("typing");
  var typingText = typing.querySelector(".typing__text");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var exitButton = document.getElementById("exit-button");
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function makeSessionId() {
    // 64 symbols, so each random byte maps to one symbol without bias (256 = 4 x 64).
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var bytes = new Uint8Array(40);
    window.crypto.getRandomValues(bytes);
    var id = "";
    for (var i = 0; i < bytes.length; i++) {
      id += alphabet.charAt(bytes[i] % 64);
    }
    return id;
  }

  /* ---------- Quick exit ---------- */

  function exitUrl() {
    var url = body.dataset.exitUrl || "";
    // Only a web address or a path on this site: never a javascript: or data: URL.
    return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : "about:blank";
  }

  function forgetOnServer(id) {
    var sent = false;
    try {
      if (navigator.sendBeacon) {
        sent = navigator.sendBeacon(API + "/" + encodeURIComponent(id) + "/exit");
      }
    } catch (e) {
      sent = false;
    }
    if (!sent) {
      try {
        fetch(API + "/" + encodeURIComponent(id), {
          method: "DELETE",
          keepalive: true,
          credentials: "omit",
          cache: "no-store",
        }).catch(function () {});
      } catch (e) {
        /* Leaving matters more than the clean-up. */
      }
    }
  }

  function quickExit() {
    if (exited) {
      return;
    }
    exited = true;
    var id = session;
    var destination = exitUrl();
    session = null;
    // Each step on its own, so nothing can stop the browser from leaving.
    try {
      forgetOnServer(id);
    } catch (e) {
      /* keep going */
    }
    try {
      // Empty the page at once, in case the next site is slow to load.
      input.value = "";
      log.textContent = "";
      body.textContent = "";
    } catch (e) {
      /* keep going */
    }
    window.location.replace(destination);
  }

  exitButton.addEventListener("click", quickExit);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      quickExit();
    }
  });

  /* ---------- Showing messages ---------- */

  // UK numbers as people write them (0 and 9-10 more digits, spaced or not; 116 and three digits)
  // and a three-digit number after "call". Used only to make tel: links in the assistant's text.
  var PHONE = /(\b0\d{2,4}(?:[ -]?\d){6,8}\b|\b116 ?\d{3}\b)|(\b[Cc]all )(\d{3})\b/g;

  function appendTextWithPhoneLinks(parent, text) {
    var last = 0;
    var match;
    PHONE.lastIndex = 0;
    while ((match = PHONE.exec(text)) !== null) {
      var number = match[1] || match[3];
      var start = match[1] ? match.index : match.index + match[2].length;
      parent.appendChild(document.createTextNode(text.slice(last, start)));
      var link = document.createElement("a");
      link.href = "tel:" + number.replace(/[^\d]/g, "");
      link.textContent = number;
      parent.appendChild(link);
      last = start + number.length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function scrollToEnd(element) {
    if (element.scrollIntoView) {
      element.scrollIntoView({
        block: "end",
        behavior: reducedMotion.matches ? "auto" : "smooth",
      });
    }
  }

  function addMessage(who, text, extraClass) {
    var item = document.createElement("div");
    item.className = "msg msg--" + who + (extraClass ? " " + extraClass : "");
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = who === "user" ? "You said: " : "Lantern said: ";
    var bubble = document.createElement("p");
    bubble.className = "bubble";
    bubble.appendChild(label);
    if (who === "bot") {
      appendTextWithPhoneLinks(bubble, text);
    } else {
      bubble.appendChild(document.createTextNode(text));
    }
    item.appendChild(bubble);
    log.appendChild(item);
    scrollToEnd(item);
    return item;
  }

  function retireChoices() {
    var old = log.querySelectorAll(".choices button:not([disabled])");
    for (var i = 0; i < old.length; i++) {
      old[i].disabled = true;
    }
  }

  function addChoices(item, buttons) {
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Choices");
    buttons.forEach(function (choice) {
      if (!choice || typeof choice.title !== "string" || typeof choice.payload !== "string") {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.textContent = choice.title;
      button.addEventListener("click", function () {
        button.classList.add("choice--chosen");
        send(choice.payload, choice.title);
        input.focus();
      });
      group.appendChild(button);
    });
    if (group.childElementCount) {
      item.appendChild(group);
      scrollToEnd(group);
    }
  }

  function addRetry(item, text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "choice retry";
    button.textContent = "Try again";
    button.addEventListener("click", function () {
      button.disabled = true;
      send(text, null);
      input.focus();
    });
    item.appendChild(button);
  }

  // A service's ways in, as links under its description. Only tel:, sms: and https: addresses:
  // anything else in a card is ignored, whatever the server sent.
  function cardLink(group, label, href) {
    var link = document.createElement("a");
    link.className = "card-link";
    link.href = href;
    link.textContent = label;
    if (href.indexOf("https://") === 0) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
    group.appendChild(link);
  }

  function digits(number) {
    return typeof number === "string" ? number.replace(/[^\d]/g, "") : "";
  }

  function safeWeb(address) {
    return typeof address === "string" && /^https:\/\/[^\s"<>]+$/.test(address) ? address : "";
  }

  function addCard(item, card) {
    if (!card || typeof card.name !== "string") {
      return;
    }
    var group = document.createElement("div");
    group.className = "card-links";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Contact " + card.name);
    if (digits(card.phone)) {
      cardLink(group, "Call", "tel:" + digits(card.phone));
    }
    if (digits(card.text)) {
      cardLink(group, "Text", "sms:" + digits(card.text));
    }
    if (safeWeb(card.webchat)) {
      cardLink(group, "Web chat", safeWeb(card.webchat));
    }
    if (safeWeb(card.url)) {
      cardLink(group, "Website", safeWeb(card.url));
    }
    if (group.childElementCount) {
      item.classList.add("msg--card");
      item.appendChild(group);
    }
  }

  function showReply(data) {
    var messages = data && Array.isArray(data.messages) ? data.messages : [];
    messages.forEach(function (message) {
      if (!message) {
        return;
      }
      var text = typeof message.text === "string" ? message.text : "";
      var buttons = Array.isArray(message.buttons) ? message.buttons : [];
      if (!text && !buttons.length) {
        return;
      }
      var item = addMessage("bot", text);
      if (message.card) {
        addCard(item, message.card);
      }
      if (buttons.length) {
        addChoices(item, buttons);
      }
    });
  }

  function setTyping(on) {
    pending += on ? 1 : -1;
    var busy = pending > 0 && !exited;
    typing.classList.toggle("typing--on", busy);
    // Only change the words when the state changes, so screen readers hear it once.
    var words = busy ? "Lantern is typing" : "";
    if (typingText.textContent !== words) {
      typingText.textContent = words;
    }
  }

  /* ---------- Talking to the gateway ---------- */

  function post(text) {
    return fetch(API, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ session: session, text: text }),
      credentials: "omit",
      cache: "no-store",
    }).then(function (response) {
      // Too much from this address in a short time: the body carries the words to show, the
      // emergency number among them, like any reply.
      if (!response.ok && response.status !== TOO_MANY) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  // Messages go one at a time, in order, so replies never arrive out of turn.
  function send(text, shownAs) {
    if (exited || !text) {
      return;
    }
    retireChoices();
    if (shownAs !== null) {
      addMessage("user", shownAs === undefined ? text : shownAs);
    }
    setTyping(true);
    queue = queue.then(function () {
      if (exited) {
        return;
      }
      return post(text)
        .then(function (data) {
          if (!exited) {
            showReply(data);
          }
        })
        .catch(function () {
          if (!exited) {
            var item = addMessage("bot", OFFLINE_TEXT, "msg--problem");
            addRetry(item, text);
          }
        })
        .then(function () {
          setTyping(false);
        });
    });
  }

  function sendTyped() {
    var text = input.value.slice(0, MAX_TEXT);
    if (!text.trim()) {
      input.focus();
      return;
    }
    input.value = "";
    send(text);
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendTyped();
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter makes a new line; leave composing (IME) keystrokes alone.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendTyped();
    }
  });

  // The first words come from the assistant.
  send("/greet", null);
})();
