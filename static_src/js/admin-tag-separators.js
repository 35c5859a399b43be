/*
 * The admin's tag field (Wagtail's tag-it widget) splits a tag at the same
 * separators as the server (heritage_archive/core/tags.py): the comma, the
 * full-width comma ，, the enumeration comma 、 and the semicolons ; ；.
 * tag-it itself splits only at ASCII commas, so "剪纸，民俗、年画", typed or
 * rendered back by the server after saving, would show as one chip although
 * the server stores three tags. The separators come from the server, in the
 * data-separators attribute of this script's tag.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var $ = window.jQuery;
  if (!script || !$) {
    return;
  }
  var separators = script.dataset.separators || ",";
  var escaped = separators.replace(/[\\\]^-]/g, "\\$&");
  var pattern = new RegExp("[" + escaped + "]+");

  function parts(label) {
    var seen = {};
    return label
      .split(pattern)
      .map(function (part) {
        return part.trim().replace(/^"+|"+$/g, "").trim();
      })
      .filter(function (part) {
        if (!part || seen[part]) {
          return false;
        }
        seen[part] = true;
        return true;
      });
  }

  // tag-it asks before every tag it adds, while the field is being set up
  // from the saved value too; a label holding a separator is replaced by
  // its parts. The event bubbles from each tag field to the document.
  $(document).on("tagitbeforetagadded", function (event, ui) {
    if (!pattern.test(ui.tagLabel)) {
      return true;
    }
    var field = $(event.target);
    var existing = field.tagit("assignedTags");
    parts(ui.tagLabel).forEach(function (part) {
      if (existing.indexOf(part) === -1) {
        field.tagit("createTag", part, null, ui.duringInitialization);
      }
    });
    return false;
  });
})();
