/* Site-wide behaviour, loaded on every page (no inline scripts: the Content-Security-Policy
   allows scripts from our own static files only).

   Buttons marked data-refresh are the no-JavaScript way to update part of a form; when
   htmx runs, it updates the form as the user types, so the buttons are hidden. */
document.addEventListener("DOMContentLoaded", function () {
  if (window.htmx) {
    document.querySelectorAll("[data-refresh]").forEach(function (button) { button.hidden = true; });
  }
});
