/* Behaviour for the public pages. Loaded with `defer`; the site's
   Content-Security-Policy forbids inline script, so everything lives here. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) {
      return;
    }
    toggle.hidden = false;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  function setUpDropdowns() {
    // Escape closes an open dropdown and returns focus to its section link.
    document.querySelectorAll(".main-nav .has-dropdown").forEach(function (item) {
      item.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && item.contains(document.activeElement)) {
          var link = item.querySelector("a");
          item.classList.add("is-dismissed");
          link.focus();
        }
      });
      item.addEventListener("focusout", function (event) {
        if (!item.contains(event.relatedTarget)) {
          item.classList.remove("is-dismissed");
        }
      });
      item.addEventListener("mouseleave", function () {
        item.classList.remove("is-dismissed");
      });
    });
  }

  function setUpActions() {
    document.querySelectorAll("[data-action]").forEach(function (button) {
      var action = button.getAttribute("data-action");
      if (action === "print") {
        button.hidden = false;
        button.addEventListener("click", function () {
          window.print();
        });
      } else if (action === "close") {
        button.hidden = false;
        button.addEventListener("click", function () {
          // Browsers only let a script close a window it opened; otherwise go back.
          window.close();
          if (!window.closed) {
            if (window.history.length > 1) {
              window.history.back();
            } else {
              window.location.href = "/";
            }
          }
        });
      }
    });
  }

  function setUpSearchFilters() {
    // The search page's filter drawer opens with a checkbox (so it works
    // without JavaScript); here its labels also answer the keyboard, focus
    // moves into the drawer and back, and Escape closes it.
    var toggle = document.getElementById("search-filters-toggle");
    var opener = document.querySelector(".search-filters-open");
    var closer = document.querySelector(".search-filters-close");
    if (!toggle || !opener || !closer) {
      return;
    }
    [opener, closer].forEach(function (label) {
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-controls", "search-filters");
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
    });
    function update() {
      opener.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      document.body.classList.toggle("search-filters-is-open", toggle.checked);
    }
    toggle.addEventListener("change", function () {
      update();
      (toggle.checked ? closer : opener).focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        update();
        opener.focus();
      }
    });
    update();
  }

  function init() {
    setUpMenu();
    setUpDropdowns();
    setUpActions();
    setUpSearchFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
