// Keyboard-first queue: j/k move, a releases, r focuses the reasons, digits tick a reason.
(function () {
  "use strict";
  let current = -1;

  function cards() {
    return Array.from(document.querySelectorAll(".queue .card:not(.decided)"));
  }

  function select(index) {
    const all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((card, i) => card.classList.toggle("current", i === current));
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }

  function currentCard() {
    return cards()[current] || null;
  }

  function typing(event) {
    const tag = event.target.tagName;
    return tag === "INPUT" && event.target.type === "text" || tag === "TEXTAREA" || tag === "SELECT";
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    const card = currentCard();
    if (event.key === "j") select(current + 1);
    else if (event.key === "k") select(current - 1);
    else if (event.key === "a" && card) card.querySelector("button.release").click();
    else if (event.key === "r" && card) card.querySelector(".reasons input").focus();
    else if (/^[1-9]$/.test(event.key) && card) {
      const box = card.querySelectorAll(".reasons input[type=checkbox]")[Number(event.key) - 1];
      if (box) box.checked = !box.checked;
    } else if (event.key === "Enter" && card && card.querySelector(".reasons input:checked")) {
      card.querySelector("button.reject").click();
    } else return;
    event.preventDefault();
  });

  document.addEventListener("htmx:afterSwap", function () {
    select(Math.min(current, cards().length - 1));
  });
})();
