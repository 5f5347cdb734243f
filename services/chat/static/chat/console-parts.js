/* Pieces of the officials' chat console (console.js) that need none of its state:
 * a message as the console shows it (text only, links made safe), the announcement
 * sound (WebAudio, no file), and digits. Loaded before console.js. */
(function () {
  "use strict";
  window.ChatConsoleParts = function (T) {
    let audio = null;

    const persianPage = (document.documentElement.lang || "").startsWith("fa");
    function localDigits(text) {
      return persianPage ? String(text).replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]) : String(text);
    }

    function toLatinDigits(text) {
      return String(text).replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d));
    }

    function unlockAudio() {
      if (audio || !window.AudioContext) return;
      audio = new AudioContext();
    }

    function beep() {
      if (!audio) return;
      const now = audio.currentTime;
      [0, 0.25].forEach((offset) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.15, now + offset);
        gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.18);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + offset);
        osc.stop(now + offset + 0.2);
      });
    }

    const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

    function bubble(message) {
      const item = document.createElement("li");
      item.className = `chat-console__msg chat-console__msg--${message.kind}`;
      const meta = document.createElement("span");
      meta.className = "chat-console__meta";
      const who = message.kind === "citizen" ? "" : message.kind === "note" ? `${T.note} · ${message.author}` : message.author;
      meta.textContent = [who, message.time].filter(Boolean).join(" · ");
      const body = document.createElement("p");
      body.dir = "auto";
      for (const part of message.body.split(URL_PATTERN)) {
        if (/^https?:\/\//.test(part)) {
          const link = document.createElement("a");
          link.href = part;
          link.rel = "noopener nofollow";
          link.target = "_blank";
          link.textContent = part;
          body.append(link);
        } else {
          body.append(part);
        }
      }
      item.append(body);
      if (message.attachment) {
        const file = document.createElement("span");
        file.className = "chat-console__meta";
        file.textContent = `📎 ${message.attachment.name} (${message.attachment.size})`;
        item.append(file);
      }
      item.append(meta);
      return item;
    }

    return { bubble, beep, unlockAudio, localDigits, toLatinDigits };
  };
})();
