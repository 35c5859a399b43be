/* Starts Mirador (static_src/vendor/mirador/, see package.json) on the
   record's manifest, in the page interop.views.iiif_viewer serves.

   One window, no workspace controls: visitors look at one record's pictures.
   Chinese interface (Mirador ships zh-CN). Everything comes from our own
   origin: the manifest, its level 0 image service and the thumbnails. */
(function () {
  "use strict";

  var root = document.getElementById("iiif-viewer");
  if (!root || typeof Mirador === "undefined") {
    if (root) {
      root.textContent = root.dataset.labelError;
    }
    return;
  }
  var manifest = new URL(root.dataset.manifest, window.location.href).href;
  Mirador.viewer({
    id: root.id,
    language: root.dataset.language,
    availableLanguages: { "zh-CN": "中文" },
    selectedTheme: "light",
    windows: [{ manifestId: manifest, thumbnailNavigationPosition: "far-bottom" }],
    window: {
      allowClose: false,
      allowMaximize: false,
      allowFullscreen: true,
      allowTopMenuButton: true,
      sideBarOpen: false,
      defaultSideBarPanel: "info",
    },
    workspace: { type: "mosaic", allowNewWindows: false, showZoomControls: true },
    workspaceControlPanel: { enabled: false },
  });
})();
