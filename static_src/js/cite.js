/* 复制 buttons of the citation block on record pages. Without script the
   buttons stay hidden and the citation text is there to select by hand. */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // No asynchronous clipboard (a page served over plain http, an older
  // browser) or a refused one: select the text and try the old copy command;
  // if that fails too the reader copies the selection with Ctrl+C.
  function fallbackCopy(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function setUp(block) {
    var status = block.querySelector(".cite-record__status");
    block.querySelectorAll("[data-copy]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) {
        return;
      }
      button.hidden = false;
      function report(copied) {
        status.textContent = button.getAttribute(copied ? "data-copied" : "data-selected");
        button.classList.toggle("is-copied", copied);
      }
      button.addEventListener("click", function () {
        var text = target.textContent.trim();
        // Emptied first so that a second copy is announced again by screen
        // readers (the live region only speaks when its text changes).
        status.textContent = "";
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(
            function () {
              selectText(target);
              report(true);
            },
            function () {
              report(fallbackCopy(target));
            }
          );
        } else {
          report(fallbackCopy(target));
        }
      });
    });
  }

  function init() {
    document.querySelectorAll(".cite-record").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
