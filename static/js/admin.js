// The admin's small helpers, without dependencies.
// Texts with a length limit show how many characters are used ("data-count"
// holds the words, translated on the server: "%(used)s av %(limit)s tegn").
"use strict";
(function () {
  function attach(field) {
    if (field.dataset.countReady) return;
    field.dataset.countReady = "1";
    var limit = field.maxLength;
    if (!limit || limit < 1) return;
    var counter = document.createElement("div");
    counter.className = "char-count help";
    counter.id = (field.id || field.name) + "-count";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var used = field.value.length;
      counter.textContent = field.dataset.count
        .replace("%(used)s", used)
        .replace("%(limit)s", limit);
      counter.classList.toggle("char-count-near", used > limit * 0.9);
    }
    field.addEventListener("input", update);
    update();
  }
  function attachAll(root) {
    root.querySelectorAll("[data-count][maxlength]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () {
    attachAll(document);
    confirmations(document);
  });

  // Buttons with data-confirm ask first (unpublishing takes a page off the site).
  function confirmations(root) {
    root.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.dataset.confirm)) event.preventDefault();
      });
    });
  }

  // The search boxes select2 adds to autocomplete fields, and the boxes of a
  // date-and-time field, are unlabelled: give them their row's label.
  function rowLabelElement(element) {
    var row = element.closest(".form-row, .fieldBox, td");
    return row && row.querySelector("label");
  }
  function rowLabel(element) {
    var label = rowLabelElement(element);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function labelWidgets() {
    document.querySelectorAll(".select2-search__field").forEach(function (field) {
      if (!field.getAttribute("aria-label")) {
        var name = rowLabel(field);
        if (name) field.setAttribute("aria-label", name);
      }
    });
    // select2 names its box after the chosen value alone (empty when nothing
    // is chosen): name it after the field's label first.
    document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var label = rowLabelElement(box);
      if (!label || box.dataset.labelled) return;
      if (!label.id) label.id = (label.htmlFor || "field") + "-label";
      var others = box.getAttribute("aria-labelledby");
      box.setAttribute("aria-labelledby", label.id + (others ? " " + others : ""));
      box.dataset.labelled = "1";
    });
    document.querySelectorAll(".datetime input").forEach(function (input) {
      if (!input.labels || !input.labels.length) {
        var name = rowLabel(input);
        if (name) input.setAttribute("aria-label", name);
      }
    });
    document.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (shown) {
      var label = rowLabelElement(shown);
      if (label && label.id && !shown.dataset.labelled) {
        shown.setAttribute("aria-labelledby", label.id + " " + shown.id);
        shown.dataset.labelled = "1";
      }
    });
    // Django's two-box picker gives its search icon (a plain span) a label.
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    // select2 puts its clear button inside the list of choices: not a list then.
    document.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      list.setAttribute("role", "none");
    });
  }
  // select2 builds its boxes when jQuery is ready, and again for new inline
  // rows: label whatever it adds, as it adds it.
  document.addEventListener("DOMContentLoaded", function () {
    labelWidgets();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        labelWidgets();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", labelWidgets);
  document.addEventListener("formset:added", labelWidgets);
  // Inline rows added with «Legg til»: Django's admin sends this event.
  document.addEventListener("formset:added", function (event) {
    attachAll(event.target);
  });
})();
