/* The IIIF viewer on record pages (templates: interop/includes/iiif_link.html).

   The 查看高清图像 link opens /iiif/<id>/viewer/, Mirador's own page. Here a
   click puts that page in a frame under the link instead, so the record page
   itself never loads Mirador's 2 MB script and keeps its strict
   Content-Security-Policy (the frame's page has its own, see
   interop.views.iiif_viewer). A second click folds the frame away. */
(function () {
  "use strict";

  document.querySelectorAll("[data-iiif-viewer]").forEach(function (section) {
    var open = section.querySelector("[data-iiif-viewer-open]");
    var stage = section.querySelector("[data-iiif-viewer-stage]");
    if (!open || !stage) {
      return;
    }
    var openLabel = open.textContent;

    open.addEventListener("click", function (event) {
      event.preventDefault();
      var expanded = open.getAttribute("aria-expanded") === "true";
      if (expanded) {
        stage.hidden = true;
        stage.textContent = "";
        open.setAttribute("aria-expanded", "false");
        open.textContent = openLabel;
        return;
      }
      var frame = document.createElement("iframe");
      frame.className = "iiif-viewer__frame";
      frame.src = open.href;
      frame.title = open.dataset.labelFrame;
      frame.allow = "fullscreen";
      frame.allowFullscreen = true;
      stage.appendChild(frame);
      stage.hidden = false;
      open.setAttribute("aria-expanded", "true");
      open.textContent = open.dataset.labelClose;
      stage.scrollIntoView({ block: "nearest" });
    });
  });
})();
