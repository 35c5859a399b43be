/* Media galleries (templates/includes/gallery.html) open in PhotoSwipe 5,
   vendored in static_src/vendor/photoswipe/ (see package.json).

   Without JavaScript each thumbnail is a plain link to its large picture.
   With it, PhotoSwipe opens on click or Enter on the focused link, Escape
   closes it and gives focus back to the thumbnail, arrow keys move between
   pictures. The library's URLs and the Chinese button labels come from the
   gallery's data-* attributes, written by Django's {% static %} and
   {% translate %}, so hashed production file names and translations work.

   Everything respects the Content-Security-Policy (script-src 'self';
   style-src 'self'): the modules and the stylesheet are loaded from our own
   origin and PhotoSwipe only changes styles through the CSSOM. */
(function () {
  "use strict";

  var galleries = document.querySelectorAll("[data-gallery]");
  if (!galleries.length) {
    return;
  }

  function loadStylesheet(href) {
    if (!href || document.querySelector('link[href="' + href + '"]')) {
      return;
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  // The caption of the current picture, read from the thumbnail link.
  function registerCaption(lightbox) {
    lightbox.on("uiRegister", function () {
      lightbox.pswp.ui.registerElement({
        name: "caption",
        order: 9,
        isButton: false,
        appendTo: "root",
        onInit: function (element, pswp) {
          function update() {
            var link = pswp.currSlide && pswp.currSlide.data.element;
            var caption = link ? link.getAttribute("data-caption") || "" : "";
            element.textContent = caption;
            element.hidden = !caption;
          }
          pswp.on("change", update);
          update();
        },
      });
    });
  }

  function setUp(gallery, PhotoSwipeLightbox) {
    var data = gallery.dataset;
    var lightbox = new PhotoSwipeLightbox({
      gallery: gallery,
      children: "a.gallery__link",
      pswpModule: function () {
        return import(data.photoswipe);
      },
      // Focus goes back to the thumbnail that opened the lightbox.
      returnFocus: true,
      bgOpacity: 0.9,
      closeTitle: data.labelClose,
      zoomTitle: data.labelZoom,
      arrowPrevTitle: data.labelPrev,
      arrowNextTitle: data.labelNext,
      errorMsg: data.labelError,
      indexIndicatorSep: " / ",
    });
    registerCaption(lightbox);
    lightbox.init();
    gallery.classList.add("gallery--lightbox");
  }

  var first = galleries[0].dataset;
  loadStylesheet(first.photoswipeCss);
  import(first.photoswipeLightbox).then(
    function (module) {
      galleries.forEach(function (gallery) {
        setUp(gallery, module.default);
      });
    },
    function (error) {
      // The plain links still open each picture; say why the lightbox is missing.
      console.warn("gallery: lightbox unavailable", error);
    }
  );
})();
