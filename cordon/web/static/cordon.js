/* cordon web app: upload with progress, run polling, triage and charts. No build step. */
"use strict";

const cordon = (() => {
  // Messages in the page's language, written by base.html from cordon's catalogues.
  const messages = JSON.parse((document.getElementById("i18n-messages") || {}).textContent || "{}");
  function t(key, values) {
    let text = messages[key] || key;
    Object.entries(values || {}).forEach(([name, value]) => { text = text.replace(`{${name}}`, value); });
    return text;
  }
  // The page's language and digits (cordon.i18n.formatting.js_locale): "ar-u-nu-arab", "ru-u-nu-latn".
  const numberLocale = messages.number_locale || "en-u-nu-latn";
  function percentText(pct) {
    return new Intl.NumberFormat(numberLocale, { style: "percent", maximumFractionDigits: 0 }).format(pct / 100);
  }
  function show(el, text) { el.textContent = text; el.hidden = false; }

  function errorText(xhrOrResponseBody, status) {
    try {
      const body = typeof xhrOrResponseBody === "string" ? JSON.parse(xhrOrResponseBody) : xhrOrResponseBody;
      if (Array.isArray(body.detail)) {
        return body.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
      }
      if (body.detail) return String(body.detail);
    } catch (e) { /* not JSON */ }
    return t("request_failed", { status });
  }

  function setProgress(bar, pctLabel, fraction) {
    const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    bar.style.inlineSize = pct + "%";
    pctLabel.textContent = percentText(pct);
  }

  function pollRun(runId, onProgress, onDone, onFail) {
    const tick = async () => {
      const resp = await fetch(`/runs/${encodeURIComponent(runId)}`, { credentials: "same-origin" });
      if (!resp.ok) { onFail(errorText(await resp.text(), resp.status)); return; }
      const run = await resp.json();
      if (run.status === "done") { onDone(run); return; }
      if (run.status === "failed") { onFail(run.error || t("run_failed")); return; }
      onProgress(run.progress || 0);
      setTimeout(tick, 500);
    };
    tick();
  }

  function initUpload() {
    const form = document.getElementById("upload-form");
    if (!form) return;
    const input = document.getElementById("file-input");
    const label = document.getElementById("file-label");
    const zone = document.getElementById("dropzone");
    const box = document.getElementById("upload-status");
    const bar = document.getElementById("progress-bar");
    const pct = document.getElementById("progress-pct");
    const phase = document.getElementById("progress-phase");
    const err = document.getElementById("upload-error");
    const button = document.getElementById("upload-button");
    input.addEventListener("change", () => { label.textContent = input.files.length ? input.files[0].name : t("choose_file"); });
    ["dragover", "dragenter"].forEach((ev) => zone.addEventListener(ev, (e) => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((ev) => zone.addEventListener(ev, () => zone.classList.remove("over")));
    zone.addEventListener("drop", (e) => { e.preventDefault(); input.files = e.dataTransfer.files; input.dispatchEvent(new Event("change")); });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      err.hidden = true;
      const data = new FormData(form);
      for (const key of ["lists", "threshold", "assume"]) { if (!data.get(key)) data.delete(key); }
      box.hidden = false; button.disabled = true;
      phase.textContent = t("uploading"); setProgress(bar, pct, 0);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/screen");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) setProgress(bar, pct, e.loaded / e.total); };
      xhr.onerror = () => { show(err, t("upload_failed")); button.disabled = false; };
      xhr.onload = () => {
        if (xhr.status === 422) {  // headers not recognized: the column-mapping step
          let answer = {}; try { answer = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
          if (answer.mapping_url) { window.location.href = answer.mapping_url; return; }
        }
        if (xhr.status !== 202) { show(err, errorText(xhr.responseText, xhr.status)); button.disabled = false; return; }
        const { run_id: runId } = JSON.parse(xhr.responseText);
        phase.textContent = t("screening_run", { run: runId }); setProgress(bar, pct, 0);
        pollRun(runId, (f) => setProgress(bar, pct, f),
          () => { setProgress(bar, pct, 1); window.location.href = `/ui/runs/${encodeURIComponent(runId)}`; },
          (msg) => { show(err, msg); button.disabled = false; });
      };
      xhr.send(data);
    });
  }

  function watchRun(runId) {
    const bar = document.getElementById("run-bar");
    const pct = document.getElementById("run-pct");
    pollRun(runId, (f) => setProgress(bar, pct, f), () => window.location.reload(), () => window.location.reload());
  }

  function initTriage() {
    const form = document.getElementById("triage-form");
    if (!form) return;
    const analyst = document.getElementById("analyst");
    const note = document.getElementById("note");
    const err = document.getElementById("triage-error");
    analyst.value = window.localStorage.getItem("cordon.analyst") || "";
    form.querySelectorAll("button[data-status]").forEach((button) => {
      button.addEventListener("click", async () => {
        err.hidden = true;
        if (!analyst.value.trim()) { show(err, t("analyst_required")); analyst.focus(); return; }
        const status = button.dataset.status || null;
        if (!status && !note.value.trim()) { show(err, t("note_required")); note.focus(); return; }
        window.localStorage.setItem("cordon.analyst", analyst.value.trim());
        const body = { analyst: analyst.value.trim(), note: note.value.trim() || null };
        if (status) body.status = status;
        const standing = document.getElementById("standing");
        const pair = Boolean(status && standing && standing.checked);
        if (pair) body.alert_id = form.dataset.alert;
        form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        let resp;
        for (let attempt = 0; attempt < 4; attempt += 1) {  // 409: a concurrent change won, retry
          if (attempt) await new Promise((done) => setTimeout(done, 100 * attempt));
          resp = await fetch(pair ? "/decisions" : `/alerts/${encodeURIComponent(form.dataset.alert)}`, {
            method: pair ? "POST" : "PATCH", credentials: "same-origin",
            headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
          });
          if (resp.status !== 409) break;
        }
        if (resp.ok) { window.location.reload(); return; }
        show(err, errorText(await resp.text(), resp.status));
        form.querySelectorAll("button").forEach((b) => { b.disabled = false; });
      });
    });
  }

  function drawCharts() {
    document.querySelectorAll(".chart[data-figure]").forEach((el) => {
      const fig = JSON.parse(el.dataset.figure);
      const config = JSON.parse(el.dataset.config || '{"responsive": true, "displaylogo": false}');
      window.Plotly.newPlot(el, fig.data, fig.layout, config)
        .then((gd) => window.cordonChartDigits(gd));
    });
  }

  function initBulk() {
    const form = document.getElementById("bulk-form");
    if (!form) return;
    const analyst = document.getElementById("bulk-analyst");
    const err = document.getElementById("bulk-error");
    analyst.value = window.localStorage.getItem("cordon.analyst") || "";
    document.getElementById("bulk-apply").addEventListener("click", async () => {
      err.hidden = true;
      if (!analyst.value.trim()) { show(err, "Enter your name as analyst: every decision is signed."); analyst.focus(); return; }
      const status = document.getElementById("bulk-status").value || null;
      const note = document.getElementById("bulk-note").value.trim() || null;
      if (!status && !note) { show(err, "Write a note to add."); return; }
      window.localStorage.setItem("cordon.analyst", analyst.value.trim());
      const body = { analyst: analyst.value.trim(), status, note,
                     standing: Boolean(status && document.getElementById("bulk-standing").checked) };
      const query = form.dataset.filter ? `?${form.dataset.filter}` : "";
      const resp = await fetch(`/runs/${encodeURIComponent(form.dataset.run)}/alerts/triage${query}`, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      if (resp.ok) { window.location.reload(); return; }
      show(err, errorText(await resp.text(), resp.status));
    });
  }

  return { initUpload, watchRun, initTriage, initBulk, drawCharts };
})();
