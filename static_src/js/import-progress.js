// The admin's import progress page (templates/importer/progress.html): polls
// the job's small JSON endpoint until the import has finished, then goes on
// to the result page.
(function () {
  const box = document.querySelector("[data-import-progress]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const show = (data) => {
    box.querySelector("[data-import-status]").textContent = data.status_label;
    box.querySelector("[data-import-done]").textContent = data.done;
    box.querySelector("[data-import-total]").textContent = data.total;
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
  };
  const finish = () => {
    box.querySelector("[data-import-result-link]").hidden = false;
    window.setTimeout(() => window.location.assign(box.dataset.resultUrl), 1500);
  };
  if (box.dataset.finished === "true") {
    finish();
    return;
  }
  const poll = () => {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        show(data);
        if (data.finished) finish();
        else window.setTimeout(poll, 1000);
      })
      .catch(() => window.setTimeout(poll, 3000));
  };
  window.setTimeout(poll, 500);
})();
