// gtmbook default theme: "Copy text" buttons on message cards copy the approved words.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button.copy[data-copy-from]").forEach(function (b) {
    var source = document.querySelector(b.getAttribute("data-copy-from"));
    if (!source) { return; }
    var label = b.textContent;
    b.hidden = false;
    b.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      navigator.clipboard.writeText(text).then(function () {
        b.textContent = "Copied";
        setTimeout(function () { b.textContent = label; }, 1500);
      }, function () { b.textContent = "Copy failed"; });
    });
  });
})();
