// The editors' workspace, keyboard first. Every key has a button or link doing the same,
// so the mouse works too. Lives in a file (not inline) because staff pages forbid inline script.
(function () {
  "use strict";
  const CLAIM_RENEW_MS = 45000;  // below the shortest claim time (one minute)
  let current = -1;

  const queue = () => document.querySelector(".queue:not(.single)");
  const cards = () => Array.from(document.querySelectorAll(
    ".queue:not(.single) > .card:not(.decided):not([hidden])"));
  const currentCard = () => cards()[current] || null;
  const bulkForm = () => document.getElementById("bulk-form");
  const selectedBoxes = () => Array.from(document.querySelectorAll("input[data-select]:checked"));

  function loadContext(card) {
    const target = card.querySelector(".context");
    if (!target || !window.htmx || !card.dataset.contextUrl) return;
    card.dataset.contextLoadedAt = String(Date.now());
    window.htmx.ajax("GET", card.dataset.contextUrl, { target: target, swap: "innerHTML" });
  }

  // Opening a card's reason picker is work on that comment: reserve it for colleagues.
  // Moving the cursor with j/k only reads, and reserves nothing.
  function claimCard(card) {
    const target = card.querySelector(".claim-status");
    if (!target || !window.htmx || !card.dataset.claimUrl) return;
    card.dataset.claimedAt = String(Date.now());
    window.htmx.ajax("POST", card.dataset.claimUrl, { target: target, swap: "innerHTML" });
  }

  function select(index, options) {
    const all = cards();
    all.forEach((card) => { card.classList.remove("current"); card.removeAttribute("aria-current"); });
    if (!all.length) { current = -1; return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    const card = all[current];
    card.classList.add("current");
    card.setAttribute("aria-current", "true");
    if (!(options && options.keepFocus)) card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
    if (!card.dataset.contextLoadedAt) loadContext(card);
  }

  function openPicker() {
    const picker = selectedBoxes().length
      ? document.querySelector(".bulk-reasons")
      : currentCard() && currentCard().querySelector("details.reasons");
    if (!picker) return;
    picker.open = true;
    const first = picker.querySelector("input[type=checkbox]");
    if (first) first.focus();
  }

  function openPickerElement() {
    return document.querySelector(".bulk-reasons[open]") ||
      (currentCard() && currentCard().querySelector("details.reasons[open]"));
  }

  function closePicker(picker) {
    picker.open = false;
    const card = currentCard();
    if (card) card.focus();
  }

  function release() {
    if (selectedBoxes().length) {
      bulkForm().querySelector("[data-bulk-release]").click();
    } else if (currentCard() && !busy(currentCard())) {
      currentCard().querySelector("button.release").click();
    }
  }

  // A decision already on its way: a second key press must not send another.
  function busy(card) {
    return Boolean(card.querySelector("form.htmx-request"));
  }

  function toggleSelection() {
    const card = currentCard();
    const box = card && card.querySelector("input[data-select]");
    if (box) { box.checked = !box.checked; updateSelectedCount(); }
  }

  function updateSelectedCount() {
    const shown = document.getElementById("selected-count");
    if (shown) shown.textContent = String(selectedBoxes().length);
    const none = selectedBoxes().length === 0;
    document.body.classList.toggle("has-selection", !none);
    // Nothing selected: the bulk actions are really disabled, not just faded.
    const form = bulkForm();
    if (!form) return;
    form.querySelectorAll("[data-bulk-release], [data-confirm-reject]")
      .forEach((button) => { button.disabled = none; });
    const picker = form.querySelector(".bulk-reasons");
    if (picker) {
      picker.classList.toggle("disabled", none);
      picker.querySelector("summary").setAttribute("aria-disabled", String(none));
      if (none) picker.open = false;
    }
  }

  function undo() {
    const form = document.getElementById("undo-form");
    if (form) form.requestSubmit();
  }

  // The pick toggle the key p means: the one beside the focus (history row, comment page),
  // else, in the queue, the one of the comment released last (the highest decision id).
  function pickButton() {
    const scope = document.activeElement && document.activeElement.closest("[data-pick-scope]");
    if (scope && scope.querySelector("[data-pick]")) return scope.querySelector("[data-pick]");
    const single = document.querySelector(".queue.single [data-pick]");
    if (single) return single;
    const released = Array.from(document.querySelectorAll(".card.decided[data-decision]"))
      .filter((card) => card.querySelector("[data-pick]"))
      .sort((a, b) => Number(b.dataset.decision) - Number(a.dataset.decision));
    return released.length ? released[0].querySelector("[data-pick]") : null;
  }

  function showKeys() {
    const dialog = document.getElementById("keys");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function typing(target) {
    const tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && !["checkbox", "radio", "button", "submit"].includes(target.type);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]")) return;  // the dialog handles its own keys
    const picker = openPickerElement();
    if (event.key === "Escape" && picker) { closePicker(picker); event.preventDefault(); return; }
    if (event.key === "p" && !typing(event.target) && pickButton()) {
      pickButton().click();
      event.preventDefault();
      return;
    }
    if (typing(event.target) || !queue() && event.key !== "?") return;
    if (event.key === "j") select(current + 1);
    else if (event.key === "k") select(current - 1);
    else if (event.key === "a") release();
    else if (event.key === "r") openPicker();
    else if (event.key === "u") undo();
    else if (event.key === "n" && document.querySelector("[data-more]")) {
      window.location.href = document.querySelector("[data-more]").href;
    }
    else if (event.key === "x") toggleSelection();
    else if (event.key === "?") showKeys();
    else if (event.key === "o" && currentCard()) {
      window.location.href = currentCard().querySelector(".permalink").href;
    } else if (/^[1-9]$/.test(event.key) && picker) {
      const box = picker.querySelectorAll("input[type=checkbox]")[Number(event.key) - 1];
      if (box) { box.checked = !box.checked; box.focus(); }
    } else if (event.key === "Enter" && picker && picker.querySelector("input:checked")) {
      const card = picker.closest(".card");
      if (!card || !busy(card)) picker.querySelector("[data-confirm-reject]").click();
    } else return;
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-show-keys]")) showKeys();
    const card = event.target.closest(".queue:not(.single) > .card:not(.decided)");
    if (card) {
      const index = cards().indexOf(card);
      if (index !== -1 && index !== current) select(index, { keepFocus: true });
    }
  });

  document.addEventListener("toggle", function (event) {
    const picker = event.target;
    if (!picker.matches || !picker.matches("details.reasons") || !picker.open) return;
    if (picker.classList.contains("disabled")) { picker.open = false; return; }
    const card = picker.closest(".queue:not(.single) > .card:not(.decided)");
    if (card) claimCard(card);
  }, true);

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-select]")) updateSelectedCount();
  });

  // Colleagues' claims arrive with the polled tab counts: hide those comments here.
  function hideClaimedElsewhere(nav) {
    const ids = (nav.dataset.claimed || "").split(",").filter(Boolean);
    const before = currentCard();
    ids.forEach(function (id) {
      const card = document.getElementById("comment-" + id);
      if (card && !card.classList.contains("decided") && card !== before) card.hidden = true;
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (target.id === "tabs" || target.closest && target.closest("#tabs")) {
      const nav = document.getElementById("tabs");
      if (nav) hideClaimedElsewhere(nav);
      return;
    }
    if (target.classList && (target.classList.contains("context") ||
                             target.classList.contains("claim-status"))) {
      // A colleague got there first: step over this comment.
      if (target.querySelector("[data-claimed-elsewhere]")) {
        const card = target.closest(".card");
        card.hidden = true;
        select(current);
      }
      return;
    }
  });

  // The heading and the total follow the editor's own decisions at once (colleagues'
  // show with the next page load, like the tab badge's poll).
  function changePendingCount(delta) {
    const heading = document.querySelector("[data-pending-count]");
    if (!heading) return;
    const n = Math.max(0, Number(heading.textContent) + delta);
    heading.textContent = String(n);
    const total = document.querySelector("[data-pending-total]");
    if (total) {
      const pattern = n === 1 ? total.dataset.one : total.dataset.many;
      total.textContent = pattern.replace(/\d+/, String(n));
    }
    const more = document.querySelector("[data-more]");
    if (more && n <= cards().length) more.hidden = true;
  }

  // Counted once each: cards decided here (-1) and cards brought back by an undo (+1).
  function countChangedCards() {
    document.querySelectorAll(".card.decided[data-decision]:not([data-counted])")
      .forEach((card) => { card.dataset.counted = "1"; changePendingCount(-1); });
    document.querySelectorAll(".card.restored:not([data-counted])")
      .forEach((card) => { card.dataset.counted = "1"; changePendingCount(1); });
  }

  // An undone comment may no longer be on this page (after a bulk action reloaded it):
  // give it a place at the top of the queue to come back to.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.xhr.getResponseHeader("HX-Retarget") || "";
    const list = queue();
    if (/^#comment-\d+$/.test(target) && list && !document.querySelector(target)) {
      const placeholder = document.createElement("li");
      placeholder.id = target.slice(1);
      list.prepend(placeholder);
    }
  });

  // After a decision the next comment takes the focus; after an undo, the restored one.
  document.addEventListener("htmx:afterSettle", function () {
    countChangedCards();
    const restored = document.querySelector(".card.restored:not([data-seen])");
    if (restored) {
      restored.dataset.seen = "1";
      select(cards().indexOf(restored));
      return;
    }
    const card = currentCard();
    if (!card || !card.classList.contains("current")) select(current);
    // The page is worked through: offer the next one.
    const more = document.querySelector("[data-more]");
    if (!cards().length && more && document.activeElement.tagName !== "A") more.focus();
  });

  setInterval(function () {
    const card = currentCard();
    if (card && card.dataset.claimedAt &&
        Date.now() - Number(card.dataset.claimedAt) > CLAIM_RENEW_MS) {
      claimCard(card);
    }
  }, 10000);

  document.addEventListener("DOMContentLoaded", function () {
    updateSelectedCount();
    if (queue() && cards().length) select(0);
  });
})();
