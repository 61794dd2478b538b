// The admin export page's "Select all" box. import-export binds it with an inline onchange
// attribute, which the Content-Security-Policy blocks; this does the same from a file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (box) {
    box.addEventListener("change", function (event) {
      if (typeof onSelectToggleChange === "function") {
        onSelectToggleChange(event);
      }
    });
  });
});
