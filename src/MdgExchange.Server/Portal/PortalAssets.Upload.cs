namespace MdgExchange.Server.Portal;

public static partial class PortalAssets
{
    public const string UploadScriptPath = "/portal/upload.js";

    /// <summary>
    /// Progressive enhancement of the upload form: without it the form posts as usual; with it the file is sent by
    /// XMLHttpRequest so the page shows the bytes sent, then polls the server for how much of the file it has read and
    /// checked (and the observations so far), then shows the server's answer in place. Texts come from the form's
    /// data attributes (the page's language); numbers are formatted in the page's language.
    /// </summary>
    public const string UploadScript =
        """
        "use strict";
        (() => {
          const fmt = new Intl.NumberFormat(document.documentElement.lang || undefined);
          const pct = (part, whole) => fmt.format(Math.floor(100 * part / Math.max(1, whole)));
          function bind() {
            const form = document.getElementById("upload-form");
            if (!form || !window.XMLHttpRequest || !window.FormData) return;
            const bar = document.getElementById("upload-progress");
            const status = document.getElementById("upload-status");
            const say = (key, ...args) => (form.dataset[key] || "").replace(/\{(\d)\}/g, (_, i) => args[+i]);
            const show = (value, message) => {
              bar.hidden = false;
              if (value === null) bar.removeAttribute("value"); else bar.value = value;
              status.textContent = message;
            };
            let timer = null;
            const poll = async () => {
              try {
                const r = await fetch(form.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
                if (!r.ok) return;
                const p = await r.json();
                if (p.read) show(null, say("committing", fmt.format(p.observations)));
                else show(p.bytesTotal ? p.bytesRead / p.bytesTotal : null, say("checking", pct(p.bytesRead, p.bytesTotal), fmt.format(p.observations)));
              } catch (e) { /* the next poll tries again */ }
            };
            form.addEventListener("submit", (event) => {
              event.preventDefault();
              const xhr = new XMLHttpRequest();
              xhr.open("POST", form.getAttribute("action") || window.location.href);
              xhr.upload.onprogress = (e) => {
                if (e.lengthComputable) show(e.loaded / e.total, say("sending", pct(e.loaded, e.total), fmt.format(e.loaded), fmt.format(e.total)));
              };
              xhr.upload.onload = () => { show(null, say("checking", "0", "0")); timer = window.setInterval(poll, 400); };
              xhr.onload = () => {
                window.clearInterval(timer);
                const answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
                const main = answer.getElementById("main");
                if (!main) { status.textContent = say("failed"); return; }
                document.getElementById("main").replaceWith(main);
                document.title = answer.title;
                const outcome = main.querySelector("#upload-result, #upload-errors");
                if (outcome) { outcome.tabIndex = -1; outcome.focus(); }
                bind();
              };
              xhr.onerror = () => { window.clearInterval(timer); show(0, say("failed")); form.querySelector("button[type=submit]").disabled = false; };
              form.querySelector("button[type=submit]").disabled = true;
              xhr.send(new FormData(form));
            });
          }
          bind();
        })();
        """;
}
