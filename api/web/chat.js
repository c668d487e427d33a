// Web chat for Tanya Pustaka: no framework, works on old phones. Talks to POST /v1/messages with
// channel "web", a random user id kept in localStorage and the page's x-chat-token.
(function () {
  "use strict";
  var strings = JSON.parse(document.getElementById("chat-strings").textContent || "{}");
  var tokenMeta = document.querySelector('meta[name="chat-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var log = document.getElementById("log");
  var form = document.getElementById("form");
  var input = document.getElementById("text");
  var status = document.getElementById("status");
  var KEY = "tanya-pustaka-user";

  function randomId(prefix) {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var out = prefix;
    for (var i = 0; i < bytes.length; i++) out += ("0" + bytes[i].toString(16)).slice(-2);
    return out;
  }

  var firstVisit = false;
  var userId;
  try {
    userId = localStorage.getItem(KEY);
    if (!userId || !/^[A-Za-z0-9_-]{16,64}$/.test(userId)) {
      userId = randomId("w");
      localStorage.setItem(KEY, userId);
      firstVisit = true;
    }
  } catch (e) {
    // Private mode without storage: a new id for this page view.
    userId = randomId("w");
    firstVisit = true;
  }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function inline(s) {
    return s
      .replace(/\*([^*\n]+)\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,!?:;<])/g, "$1<em>$2</em>");
  }

  // The markup subset of api/dialog/reply.ts: escape everything, then *bold*, _italic_ and
  // [label](https://…) links. Links are cut out first so their URLs never get bold/italic tags.
  function render(text) {
    var links = [];
    var safe = escapeHtml(text).replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, function (_, label, url) {
      links.push('<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + inline(label) + "</a>");
      return "\u0000" + (links.length - 1) + "\u0000";
    });
    return inline(safe)
      .replace(/\u0000(\d+)\u0000/g, function (_, i) {
        return links[Number(i)];
      })
      .replace(/\n/g, "<br>");
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(kind, html) {
    var div = document.createElement("div");
    div.className = "msg " + kind;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = (kind === "me" ? strings.you : strings.bot) + ": ";
    var body = document.createElement("div");
    body.className = "body";
    body.innerHTML = html;
    div.appendChild(who);
    div.appendChild(body);
    return div;
  }

  function fillBot(div, reply) {
    div.querySelector(".body").innerHTML = render(reply.text || "");
    var old = div.querySelector(".buttons");
    if (old) old.parentNode.removeChild(old);
    if (reply.buttons && reply.buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      reply.buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.label;
        btn.addEventListener("click", function () {
          send({ payload: b.payload, shown: b.label, source: div });
        });
        group.appendChild(btn);
      });
      div.appendChild(group);
    }
  }

  function showReplies(replies, source) {
    replies.forEach(function (reply) {
      if (reply.edit && source) {
        fillBot(source, reply);
        source.setAttribute("data-edited", "true");
        return;
      }
      var div = bubble("bot", "");
      fillBot(div, reply);
      log.appendChild(div);
    });
    scrollDown();
  }

  function refreshToken() {
    return fetch("/chat/token", { headers: { accept: "application/json" } })
      .then(function (r) {
        return r.json();
      })
      .then(function (body) {
        token = body.token;
      });
  }

  function post(body, retried) {
    return fetch("/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "x-chat-token": token },
      body: JSON.stringify(body),
    }).then(function (res) {
      if (res.status === 401 && !retried) {
        return refreshToken().then(function () {
          return post(body, true);
        });
      }
      if (res.status === 429) throw new Error(strings.error_busy);
      if (!res.ok) throw new Error(strings.error_network);
      return res.json();
    });
  }

  // Messages sent later (a librarian's answer, the rating question) wait in the server's outbox:
  // fetched every 15 seconds, after each message, and when the tab gets focus again.
  var POLL_MS = 15000;
  var polling = false;
  function poll(retried) {
    if (polling && !retried) return;
    polling = true;
    fetch("/v1/chat/inbox?userId=" + encodeURIComponent(userId), { headers: { accept: "application/json", "x-chat-token": token } })
      .then(function (res) {
        if (res.status === 401 && !retried) {
          return refreshToken().then(function () {
            polling = false;
            poll(true);
          });
        }
        if (!res.ok) return;
        return res.json().then(function (body) {
          if (body.replies && body.replies.length) showReplies(body.replies, null);
        });
      })
      .catch(function () {
        // Offline for a moment: the next poll picks the messages up; nothing is lost on the server.
      })
      .then(function () {
        polling = false;
      });
  }

  var busy = false;
  function send(opts) {
    if (busy) return;
    busy = true;
    status.textContent = "";
    if (opts.shown) log.appendChild(bubble("me", escapeHtml(opts.shown)));
    var typing = bubble("bot typing", "…");
    typing.setAttribute("aria-hidden", "true");
    log.appendChild(typing);
    scrollDown();
    var body = { channel: "web", userId: userId, messageId: randomId("m"), locale: document.documentElement.lang };
    if (opts.payload) body.payload = opts.payload;
    else body.text = opts.text;
    post(body, false)
      .then(function (res) {
        typing.parentNode.removeChild(typing);
        showReplies(res.replies || [], opts.source);
      })
      .catch(function (err) {
        if (typing.parentNode) typing.parentNode.removeChild(typing);
        status.textContent = err && err.message ? err.message : strings.error_network;
      })
      .then(function () {
        busy = false;
        input.focus();
        poll(false);
      });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ text: text, shown: text });
  });

  setInterval(function () {
    poll(false);
  }, POLL_MS);
  window.addEventListener("focus", function () {
    poll(false);
  });
  document.body.setAttribute("data-ready", "true");
  if (firstVisit) send({ text: "/start" });
})();
