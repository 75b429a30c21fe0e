/*
 * Freigabe reader widget.
 *
 *   <script src="https://HOST/widget/embed.js" data-site="SLUG" data-article="ID" async></script>
 *
 * Renders the comment section into #freigabe-comments if the page has one, otherwise right
 * after the script tag, inside a shadow root: the page's CSS cannot reach in, ours cannot
 * leak out. Talks only to the server it was loaded from, without cookies. Reader-supplied
 * text only ever enters the DOM as Text nodes, never as markup.
 */
(() => {
  "use strict";

  const POLL_MS = 30000;
  // Looking for newly released comments while the section is on screen: every 20 s at
  // first, slower while nothing changes (up to 2 min) and after errors (up to 5 min).
  const LIVE_FIRST_MS = 20000;
  const LIVE_QUIET_MAX_MS = 120000;
  const LIVE_ERROR_MAX_MS = 300000;
  const STORAGE_PREFIX = "freigabe:v1:";
  const PAGE_SIZE = 20; // top-level threads per page from the server, per "Mehr laden"
  const ORDERS = ["newest", "oldest", "replies", "recommended", "picks"];
  const HASH_PREFIX = "#freigabe-comment-";
  // Provisions a reader may name for illegal content (the server's list): code, de, en.
  const LEGAL_GROUNDS = [
    ["StGB §185", "Beleidigung", "Insult"],
    ["StGB §186", "Üble Nachrede", "Defamation"],
    ["StGB §187", "Verleumdung", "Calumny"],
    ["StGB §130", "Volksverhetzung", "Incitement to hatred"],
    ["StGB §111", "Aufforderung zu Straftaten", "Public incitement to crime"],
    ["StGB §241", "Bedrohung", "Threat"],
    ["StGB §86a", "Verfassungswidrige Kennzeichen", "Symbols of unconstitutional organisations"],
    ["StGB §131", "Gewaltdarstellung", "Depiction of violence"],
    ["other", "Sonstige Vorschrift", "Other provision"],
  ];

  const TEXTS = {
    de: {
      heading: "Kommentare",
      premoderated: "Die Redaktion prüft jeden Kommentar, bevor er erscheint.",
      guidelines: "Unsere Kommentarregeln",
      rulesSummary: "Was wir nicht veröffentlichen",
      name: "Name",
      email: "E-Mail (freiwillig)",
      emailHint: "Wird nicht veröffentlicht; nur für Rückfragen der Redaktion.",
      comment: "Ihr Kommentar",
      submit: "Kommentar absenden",
      submitReply: "Antwort absenden",
      sending: "Wird gesendet …",
      reply: "Antworten",
      replyTo: (name) => `Antwort an ${name}`,
      // The visible word must be part of the button's name (WCAG 2.5.3, label in name).
      replyLabel: (name) => `Antworten – Antwort an ${name}`,
      cancel: "Abbrechen",
      chars: (count, max) => `${count} von ${max} Zeichen`,
      closed: "Die Kommentare zu diesem Artikel sind geschlossen.",
      closedWhy: { closed: "Die Redaktion hat die Diskussion beendet.",
        expired: (date) => `Kommentieren ist nur eine Zeit lang nach Erscheinen eines Artikels möglich, bei diesem bis ${date}.` },
      empty: "Noch keine Kommentare.",
      count: (n) => (n === 1 ? "1 Kommentar" : `${n} Kommentare`),
      loadFailed: "Die Kommentare konnten nicht geladen werden.",
      yours: "Ihre Kommentare",
      pending: "wartet auf Prüfung",
      rejected: "nicht veröffentlicht",
      released: "freigegeben",
      waitAbout: (duration) => `Voraussichtliche Wartezeit: etwa ${duration}`,
      waitResumes: (when) => `Wir prüfen Kommentare wieder ${when}.`,
      sentPending: (duration) =>
        `Danke! Ihr Kommentar wartet auf Prüfung. Voraussichtliche Wartezeit: etwa ${duration}.`,
      sentResumes: (when) => `Danke! Ihr Kommentar wartet auf Prüfung. Wir prüfen wieder ${when}.`,
      reviewHours: (hours) => `Wir prüfen Kommentare ${hours}.`,
      resumesAt: (day, time) => `ab ${day === "today" ? "" : day === "tomorrow" ? "morgen " : `${day} `}${time}`,
      releasedNotice: "Ihr Kommentar wurde freigegeben und ist jetzt sichtbar.",
      rejectedNotice:
        "Ihr Kommentar wurde nicht veröffentlicht. Die Begründung steht bei Ihrem Kommentar.",
      grounds: "Gründe",
      note: "Anmerkung der Redaktion",
      redress: "Ihre Möglichkeiten",
      dismiss: "Hinweis ausblenden",
      order: "Sortierung",
      orders: { newest: "Neueste zuerst", oldest: "Älteste zuerst", replies: "Meiste Antworten",
        recommended: "Meistempfohlen", picks: "Redaktionsempfehlungen" },
      more: (n) => (n ? `Mehr laden (${n} weitere)` : "Mehr laden"),
      noPicks: "Noch keine Redaktionsempfehlungen.",
      fromStart: "Von vorn lesen",
      recommend: "Empfehlen",
      // Starts with the visible word (label in name) and says whose comment it is.
      recommendLabel: (name) => `Empfehlen – Kommentar von ${name}`,
      recommendations: (n) => (n === 1 ? "Empfehlung" : "Empfehlungen"),
      pick: "Redaktionsempfehlung",
      staff: "Redaktion",
      newComments: (n) => (n === 1 ? "1 neuer Kommentar" : `${n} neue Kommentare`),
      notifyReplies: "Per E-Mail benachrichtigen, wenn jemand auf meinen Kommentar antwortet",
      notifyHint: "Sie bekommen zuerst eine E-Mail mit einem Bestätigungslink; erst danach "
        + "benachrichtigen wir Sie, höchstens einmal pro Stunde. Jede Mail hat einen Link zum Abbestellen.",
      link: "Link",
      linkTo: (name) => `Link zum Kommentar von ${name}`,
      report: "Melden",
      reportOf: (name) => `Kommentar von ${name} melden`,
      reason: "Grund der Meldung",
      choose: "Bitte wählen",
      illegal: "Strafbarer Inhalt",
      legalGround: "Welche Vorschrift verletzt der Kommentar?",
      explanation: "Begründung",
      reporterName: "Ihr Name (freiwillig)",
      reporterEmail: "Ihre E-Mail (freiwillig)",
      reporterHint: "Dann teilen wir Ihnen das Ergebnis mit.",
      goodFaith: "Ich versichere, dass meine Angaben nach bestem Wissen richtig und vollständig sind.",
      sendReport: "Meldung absenden",
      reported: "Danke für Ihre Meldung. Die Redaktion prüft den Kommentar.",
      appeal: "Beschwerde einlegen",
      appealWhy: "Warum sollte die Entscheidung überprüft werden?",
      sendAppeal: "Beschwerde absenden",
      appealHeading: "Ihre Beschwerde",
      appealSent: "Ihre Beschwerde ist eingegangen. Die Redaktion prüft die Entscheidung erneut.",
      appealOpen: (date) => `Eingegangen am ${date}; wird geprüft.`,
      appealupheld: "Geprüft: Die Entscheidung bleibt bestehen.",
      appealreversed: "Geprüft: Die Entscheidung wurde aufgehoben, Ihr Kommentar wird veröffentlicht.",
      signedInAs: (name) => `Angemeldet als ${name}`,
      signedIn: "Angemeldet",
      errors: {
        network: "Keine Verbindung zum Kommentarserver. Bitte versuchen Sie es später erneut.",
        401: "Ihre Anmeldung ist ungültig oder abgelaufen. Bitte laden Sie die Seite neu.",
        410: "Die Frist für eine Beschwerde ist abgelaufen.",
        appeal409: "Gegen diese Entscheidung haben Sie bereits Beschwerde eingelegt.",
        form422: "Bitte füllen Sie alle Pflichtfelder aus und prüfen Sie die E-Mail-Adresse.",
        403: "Auf dieser Seite können keine Kommentare abgegeben werden.",
        404: "Dieser Artikel ist für Kommentare nicht eingerichtet.",
        409: "Die Kommentare zu diesem Artikel sind inzwischen geschlossen.",
        duplicate: "Diesen Kommentar haben Sie gerade schon gesendet; er wartet auf Prüfung.",
        413: (max) => `Der Kommentar ist zu lang${max ? ` (höchstens ${max} Zeichen)` : ""}.`,
        422: "Bitte prüfen Sie Name, E-Mail-Adresse und Kommentar.",
        429: "Sie haben gerade viele Kommentare geschickt. Bitte warten Sie einen Moment.",
        recommend404: "Dieser Kommentar ist nicht mehr veröffentlicht.",
        recommend429: "Sie haben gerade sehr viel empfohlen. Bitte warten Sie einen Moment.",
        other: "Das hat nicht geklappt. Bitte versuchen Sie es später erneut.",
      },
    },
    en: {
      heading: "Comments",
      premoderated: "The editors review every comment before it appears.",
      guidelines: "Our comment guidelines",
      rulesSummary: "What we do not publish",
      name: "Name",
      email: "Email (optional)",
      emailHint: "Never published; only for questions from the editors.",
      comment: "Your comment",
      submit: "Post comment",
      submitReply: "Post reply",
      sending: "Sending …",
      reply: "Reply",
      replyTo: (name) => `Reply to ${name}`,
      replyLabel: (name) => `Reply to ${name}`,
      cancel: "Cancel",
      chars: (count, max) => `${count} of ${max} characters`,
      closed: "Comments on this article are closed.",
      closedWhy: { closed: "The editors have ended the discussion.",
        expired: (date) => `Comments are open for a limited time after an article is published; for this one until ${date}.` },
      empty: "No comments yet.",
      count: (n) => (n === 1 ? "1 comment" : `${n} comments`),
      loadFailed: "The comments could not be loaded.",
      yours: "Your comments",
      pending: "awaiting review",
      rejected: "not published",
      released: "approved",
      waitAbout: (duration) => `Expected wait: about ${duration}`,
      waitResumes: (when) => `We check comments again ${when}.`,
      sentPending: (duration) =>
        `Thank you! Your comment is awaiting review. Expected wait: about ${duration}.`,
      sentResumes: (when) => `Thank you! Your comment is awaiting review. We check again ${when}.`,
      reviewHours: (hours) => `We check comments ${hours}.`,
      resumesAt: (day, time) => `${day === "today" ? "today" : day === "tomorrow" ? "tomorrow" : `on ${day}`} from ${time}`,
      releasedNotice: "Your comment has been approved and is now visible.",
      rejectedNotice: "Your comment was not published. The reasons are shown with your comment.",
      grounds: "Reasons",
      note: "Note from the editors",
      redress: "Your options",
      dismiss: "Dismiss",
      order: "Order",
      orders: { newest: "Newest first", oldest: "Oldest first", replies: "Most replies",
        recommended: "Most recommended", picks: "Editors' picks" },
      more: (n) => (n ? `Load more (${n} more)` : "Load more"),
      noPicks: "No editors' picks yet.",
      fromStart: "Read from the beginning",
      recommend: "Recommend",
      recommendLabel: (name) => `Recommend – the comment by ${name}`,
      recommendations: (n) => (n === 1 ? "recommendation" : "recommendations"),
      pick: "Editors' pick",
      staff: "Newsroom",
      newComments: (n) => (n === 1 ? "1 new comment" : `${n} new comments`),
      notifyReplies: "Email me when someone replies to my comment",
      notifyHint: "First you get an email with a confirmation link; only then do we notify you, "
        + "at most once an hour. Every email has a link to unsubscribe.",
      link: "Link",
      linkTo: (name) => `Link to the comment by ${name}`,
      report: "Report",
      reportOf: (name) => `Report the comment by ${name}`,
      reason: "Reason for the report",
      choose: "Please choose",
      illegal: "Illegal content",
      legalGround: "Which provision does the comment break?",
      explanation: "Explanation",
      reporterName: "Your name (optional)",
      reporterEmail: "Your email (optional)",
      reporterHint: "Then we will tell you the outcome.",
      goodFaith: "I confirm that the information I give is accurate and complete to the best of my knowledge.",
      sendReport: "Send report",
      reported: "Thank you for your report. The editors will review the comment.",
      appeal: "Appeal",
      appealWhy: "Why should the decision be reviewed?",
      sendAppeal: "Send appeal",
      appealHeading: "Your appeal",
      appealSent: "Your appeal has been received. The editors will review the decision.",
      appealOpen: (date) => `Received on ${date}; under review.`,
      appealupheld: "Reviewed: the decision stands.",
      appealreversed: "Reviewed: the decision was reversed and your comment will be published.",
      signedInAs: (name) => `Signed in as ${name}`,
      signedIn: "Signed in",
      errors: {
        network: "Cannot reach the comment server. Please try again later.",
        401: "Your sign-in is invalid or has expired. Please reload the page.",
        410: "The period for an appeal has ended.",
        appeal409: "You have already appealed against this decision.",
        form422: "Please fill in all required fields and check the email address.",
        403: "Comments cannot be posted on this page.",
        404: "This article is not set up for comments.",
        409: "Comments on this article have been closed.",
        duplicate: "You have just sent this comment; it is awaiting review.",
        413: (max) => `The comment is too long${max ? ` (at most ${max} characters)` : ""}.`,
        422: "Please check your name, email address and comment.",
        429: "You have sent many comments in a short time. Please wait a moment.",
        recommend404: "This comment is no longer published.",
        recommend429: "You have recommended a lot in a short time. Please wait a moment.",
        other: "That did not work. Please try again later.",
      },
    },
  };

  /* ---------- small helpers ---------- */

  /** el("p", {class: "x"}, "text", child): strings become Text nodes, never parsed markup. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Paragraphs from plain text (blank lines separate them); single line breaks kept by CSS. */
  function paragraphs(text, className) {
    return String(text || "")
      .split(/\n\s*\n/)
      .filter((part) => part.trim())
      .map((part) => el("p", { class: className }, part.trim()));
  }

  function localized(value, lang) {
    if (value && typeof value === "object") return value[lang] || value.de || value.en || "";
    return value ? String(value) : "";
  }

  // Building an Intl formatter costs far more than using one: two per comment would be
  // most of the time a page of threads takes to render on a phone.
  const formatters = new Map();
  function formatter(kind, lang, options) {
    const key = `${kind}:${lang}:${JSON.stringify(options)}`;
    if (!formatters.has(key)) formatters.set(key, new Intl[kind](lang, options));
    return formatters.get(key);
  }

  /**
   * 5000 -> "5.000" (de) or "5,000" (en). By hand: the first Intl.NumberFormat of a page
   * costs a phone tens of milliseconds, before any comment is shown.
   */
  const grouped = (n, lang) =>
    String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : ".");

  function relativeTime(iso, lang) {
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    const format = formatter("RelativeTimeFormat", lang, { numeric: "auto" });
    const units = [["year", 31536000], ["month", 2592000], ["week", 604800],
      ["day", 86400], ["hour", 3600], ["minute", 60]];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
    }
    return format.format(0, "second");
  }

  function absoluteTime(iso, lang) {
    return formatter("DateTimeFormat", lang, { dateStyle: "long", timeStyle: "short" })
      .format(new Date(iso));
  }

  /** 290 seconds -> "5 Minuten"; rounded the way a person would say it. */
  function durationInWords(seconds, lang) {
    const minutes = Math.max(1, Math.round(seconds / 60));
    let value = minutes;
    let unit = "minute";
    if (minutes >= 48 * 60) [value, unit] = [Math.round(minutes / 1440), "day"];
    else if (minutes >= 90) [value, unit] = [Math.round(minutes / 60), "hour"];
    else if (minutes > 10) value = Math.round(minutes / 5) * 5;
    return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(value);
  }

  /** [1200, 2400] seconds -> "20–40 Minuten"; one duration when the range is narrow. */
  function rangeInWords([low, high], lang) {
    if (!(high > low * 1.25)) return durationInWords(high || low, lang);
    const minutes = [low, high].map((seconds) => Math.max(1, Math.round(seconds / 60)));
    let unit = "minute";
    let values = minutes.map((m) => (m > 10 ? Math.round(m / 5) * 5 : m));
    if (minutes[1] >= 48 * 60) [unit, values] = ["day", minutes.map((m) => Math.max(1, Math.round(m / 1440)))];
    else if (minutes[1] >= 120) [unit, values] = ["hour", minutes.map((m) => Math.max(1, Math.round(m / 60)))];
    if (values[0] >= values[1]) return durationInWords(high, lang);
    const format = new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" });
    return format.formatRange ? format.formatRange(values[0], values[1])
      : `${values[0]}–${format.format(values[1])}`;
  }

  /** When the editors are back, said from the site's clock: "ab morgen 7 Uhr". */
  function resumesInWords(iso, zone, lang, t) {
    const moment = new Date(iso);
    const dayOf = (date) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(date);
    const days = Math.round((Date.parse(dayOf(moment)) - Date.parse(dayOf(new Date()))) / 864e5);
    const day = days <= 0 ? "today" : days === 1 ? "tomorrow"
      : new Intl.DateTimeFormat(lang, { timeZone: zone, weekday: "long" }).format(moment);
    const parts = new Intl.DateTimeFormat(lang, { timeZone: zone, hour: "numeric", minute: "2-digit" })
      .format(moment);
    const time = lang === "de" ? `${parts.replace(/:00$/, "").replace(/^0/, "")} Uhr` : parts;
    return t.resumesAt(day, time);
  }

  /** A claim in a JWT's payload. Display only: the server verifies the signature. */
  function tokenClaim(token, claim) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(part + "===".slice((part.length + 3) % 4)),
        (c) => c.charCodeAt(0));
      return String(JSON.parse(new TextDecoder().decode(bytes))[claim] || "").trim();
    } catch (error) {
      return "";
    }
  }

  const tokenName = (token) => tokenClaim(token, "name").slice(0, 80);
  const tokenEmail = (token) => tokenClaim(token, "email");

  const pageUrl = () => location.href.split("#")[0];

  /** The comment named by the page's #freigabe-comment-<id>, or null. */
  const linkedId = () => (location.hash.startsWith(HASH_PREFIX)
    ? Number(location.hash.slice(HASH_PREFIX.length)) || null : null);

  /** A reply the newsroom wrote as itself (the server marks it; readers cannot). */
  const isStaff = (comment) => Boolean(comment.staff);

  const contains = (comment, id) =>
    comment.id === id || (comment.replies || []).some((reply) => contains(reply, id));

  /* ---------- proof of work for the server's bot check ---------- */

  // SHA-256 in plain JavaScript: crypto.subtle is missing on plain-http pages and far too
  // slow for tens of thousands of tiny hashes. Constants from the primes, as the standard
  // defines them (fractional parts of their square and cube roots).
  const [SHA_INITIAL, SHA_ROUNDS] = (() => {
    const primes = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
    const fraction = (x) => ((x - Math.floor(x)) * 2 ** 32) | 0;
    return [Int32Array.from(primes.slice(0, 8), (p) => fraction(Math.sqrt(p))),
      Int32Array.from(primes, (p) => fraction(Math.cbrt(p)))];
  })();
  const rotate = (x, n) => (x >>> n) | (x << (32 - n));
  const schedule = new Int32Array(64);

  /** Feed one 64-byte block (bytes[offset..offset+63]) into `state`, in place. */
  function compressBlock(state, bytes, offset) {
    const w = schedule;
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      w[i] = (w[i - 16] + (rotate(x, 7) ^ rotate(x, 18) ^ (x >>> 3)) + w[i - 7]
        + (rotate(y, 17) ^ rotate(y, 19) ^ (y >>> 10))) | 0;
    }
    // Plain locals, not destructuring: this loop runs tens of thousands of times per comment.
    let a = state[0], b = state[1], c = state[2], d = state[3];
    let e = state[4], f = state[5], g = state[6], h = state[7];
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g))
        + SHA_ROUNDS[i] + w[i]) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22))
        + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
  }

  /**
   * Hash the bytes after a prefix whose whole blocks already went into `midstate`.
   * `scratch` ({state, block}) is reused across calls: the nonce search makes tens of
   * thousands of them, and allocating for each would dominate the time.
   */
  function finishSha256(midstate, tail, totalLength, scratch = newScratch()) {
    const { state, block } = scratch;
    const used = Math.ceil((tail.length + 9) / 64) * 64;
    state.set(midstate);
    block.fill(0, 0, used);
    block.set(tail);
    block[tail.length] = 0x80;
    const bits = totalLength * 8;
    const high = Math.floor(bits / 2 ** 32);
    const low = bits >>> 0;
    for (let i = 0; i < 4; i++) {
      block[used - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
      block[used - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
    }
    for (let offset = 0; offset < used; offset += 64) compressBlock(state, block, offset);
    return state;
  }

  function newScratch(size = 64) {
    return { state: new Int32Array(8), block: new Uint8Array(Math.ceil((size + 9) / 64) * 64) };
  }

  /** The state after the whole 64-byte blocks of `bytes`, and the bytes left over. */
  function absorb(bytes) {
    const state = Int32Array.from(SHA_INITIAL);
    const whole = bytes.length - (bytes.length % 64);
    for (let offset = 0; offset < whole; offset += 64) compressBlock(state, bytes, offset);
    return [state, bytes.subarray(whole)];
  }

  function sha256Hex(text) {
    const bytes = new TextEncoder().encode(text);
    const [state, rest] = absorb(bytes);
    return Array.from(finishSha256(state, rest, bytes.length, newScratch(rest.length)),
      (word) => (word >>> 0).toString(16).padStart(8, "0")).join("");
  }

  /**
   * Find a nonce so that sha256("site:article:timestamp:sha256(body):nonce") starts with
   * `bits` zero bits. Yields to the page every 50 ms or so to keep it responsive.
   */
  async function proofOfWork(site, article, body, bits = 16) {
    const timestamp = Math.floor(Date.now() / 1000);
    const prefix = new TextEncoder().encode(`${site}:${article}:${timestamp}:${sha256Hex(body)}:`);
    const [midstate, rest] = absorb(prefix);
    const tail = new Uint8Array(rest.length + 10);
    tail.set(rest);
    const scratch = newScratch(tail.length);
    const absorbed = prefix.length - rest.length;
    let lastYield = performance.now();
    for (let nonce = 0; nonce < 2 ** 32; nonce++) {
      const digits = String(nonce);
      for (let i = 0; i < digits.length; i++) tail[rest.length + i] = digits.charCodeAt(i);
      const length = rest.length + digits.length;
      const first = finishSha256(midstate, tail.subarray(0, length), absorbed + length, scratch)[0];
      if (Math.clz32(first) >= bits) return { timestamp, nonce };
      if (nonce % 1024 === 1023 && performance.now() - lastYield > 50) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
    return null;
  }

  /* ---------- the server ---------- */

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail || `HTTP ${status}`);
      this.status = status;
    }
  }

  class Api {
    constructor(base, site, article) {
      this.root = new URL("api/v1/", base);
      this.commentsPath =
        `sites/${encodeURIComponent(site)}/articles/${encodeURIComponent(article)}/comments`;
      this.sitePath = `sites/${encodeURIComponent(site)}`;
      this.articlePath = `${this.sitePath}/articles/${encodeURIComponent(article)}`;
      // No cookies ever: the widget identifies nobody; an author proves ownership by token.
      // To another origin "same-origin" sends none either, and it is the mode of a
      // crossorigin="anonymous" preload, so the page's preloaded first page is taken.
      this.credentials = this.root.origin === location.origin ? "omit" : "same-origin";
    }

    send(path, fields) {
      return this.request(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(fields),
      });
    }

    register(title, url, token) {
      // token: data-article-token, signed by the site's CMS for this article.
      return this.send(`${this.articlePath}/register`, { title, url, token: token || "" });
    }

    report(commentId, fields) {
      return this.send(`comments/${encodeURIComponent(commentId)}/reports`, fields);
    }

    appeal(entry, explanation) {
      return this.send(`comments/${encodeURIComponent(entry.id)}/appeal?token=`
        + encodeURIComponent(entry.token), { explanation });
    }

    async request(path, options = {}) {
      let response;
      try {
        response = await fetch(new URL(path, this.root),
          { credentials: this.credentials, ...options });
      } catch (error) {
        throw new ApiError(0, "network");
      }
      if (response.status === 304) return null;
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, data.detail);
      if (data && typeof data === "object") data.etag = response.headers.get("ETag");
      return data;
    }

    /**
     * One page of the thread ({order, limit, cursor}, or {around: id} for the page holding
     * a comment).
     * With an ETag it asks whether the page changed: null means 304, not modified.
     */
    page(params, etag) {
      const query = new URLSearchParams(
        Object.entries(params).filter(([, value]) => value !== null && value !== undefined));
      // "no-cache" revalidates with the browser's copy: cheap, and never stale.
      const options = etag
        ? { cache: "no-store", headers: { "If-None-Match": etag } } : { cache: "no-cache" };
      return this.request(`${this.commentsPath}?${query}`, options);
    }

    /** Recommend a comment (on) or take the recommendation back, as this reader. */
    recommend(commentId, on, reader) {
      const fields = reader.sso ? { sso_token: reader.sso } : {};
      return this.request(`comments/${encodeURIComponent(commentId)}/recommendations`, {
        method: on ? "POST" : "DELETE",
        headers: { "Content-Type": "application/json", "X-Freigabe-Reader": reader.token },
        body: JSON.stringify(fields),
      });
    }

    site() {
      return this.request(this.sitePath);
    }

    post(fields) {
      return this.send(this.commentsPath, fields);
    }

    status(entry) {
      const query = `?token=${encodeURIComponent(entry.token)}`;
      return this.request(`comments/${encodeURIComponent(entry.id)}/status${query}`,
        { cache: "no-store" });
    }
  }

  /* ---------- the reader's own comments, remembered on this device ---------- */

  function openLocalStorage() {
    try {
      const storage = window.localStorage;
      storage.setItem(`${STORAGE_PREFIX}probe`, "1");
      storage.removeItem(`${STORAGE_PREFIX}probe`);
      return storage;
    } catch (error) {
      return null; // blocked (privacy settings, sandboxed frame): remember for this visit only
    }
  }

  class OwnComments {
    constructor(site, article) {
      this.key = `${STORAGE_PREFIX}${site}:${article}`;
      this.storage = openLocalStorage();
      this.memory = [];
    }

    all() {
      if (!this.storage) return this.memory;
      try {
        const stored = JSON.parse(this.storage.getItem(this.key) || "[]");
        const valid = (entry) => entry && entry.id && entry.token;
        return Array.isArray(stored) ? stored.filter(valid) : [];
      } catch (error) {
        return this.memory;
      }
    }

    save(entries) {
      this.memory = entries;
      if (!this.storage) return;
      try {
        if (entries.length) this.storage.setItem(this.key, JSON.stringify(entries));
        else this.storage.removeItem(this.key);
      } catch (error) {
        this.storage = null; // quota or revoked access: carry on in memory
      }
    }

    add(entry) {
      this.save([...this.all().filter((known) => known.id !== entry.id), entry]);
    }

    update(id, changes) {
      this.save(this.all().map((entry) => (entry.id === id ? { ...entry, ...changes } : entry)));
    }

    remove(id) {
      this.save(this.all().filter((entry) => entry.id !== id));
    }
  }

  /** This browser's reader, per site: a random token and the comments it recommended. */
  class Reader {
    constructor(site) {
      this.key = `${STORAGE_PREFIX}reader:${site}`;
      this.storage = openLocalStorage();
      let stored = {};
      try {
        stored = JSON.parse(this.storage.getItem(this.key)) || {};
      } catch (error) {
        // nothing stored, or storage blocked: a token for this visit only
      }
      this.storedToken = typeof stored.token === "string" ? stored.token : "";
      this.recommended = new Set(Array.isArray(stored.recommended) ? stored.recommended : []);
    }

    /** Made when first needed: most readers never recommend anything. */
    get token() {
      if (!this.storedToken) {
        this.storedToken = randomToken();
        this.save();
      }
      return this.storedToken;
    }

    has(id) {
      return this.recommended.has(id);
    }

    set(id, on) {
      this.recommended.delete(id);
      if (on) this.recommended.add(id);
      this.save();
    }

    save() {
      // The latest thousand are plenty to mark the comments a reader sees again.
      const recommended = [...this.recommended].slice(-1000);
      try {
        this.storage.setItem(this.key, JSON.stringify({ token: this.token, recommended }));
      } catch (error) {
        // blocked or full: remembered for this visit
      }
    }
  }

  function randomToken() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)),
      (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  /* ---------- the widget ---------- */

  class Widget {
    constructor(shadowRoot, config) {
      this.root = shadowRoot;
      this.config = config;
      this.lang = config.lang;
      this.t = TEXTS[config.lang];
      this.api = new Api(config.base, config.site, config.article);
      this.own = new OwnComments(config.site, config.article);
      this.formCount = 0;
      this.limits = { maxChars: 0, maxNameChars: 0 };  // until the site information arrives
      this.openReply = null; // {parentId, form} of the one open reply form
      this.openReport = null; // {commentId, form} of the one open report form
      this.openAppeal = null; // {id, form} of the one open appeal form
      this.thread = null;
      this.rules = [];
      this.order = ORDERS.includes(config.order) ? config.order : "newest";
      this.reader = new Reader(config.site);
      this.nextCursor = null; // where the next page of the current order starts
      this.count = 0; // released comments, as the last page from the server said
      this.highlighted = null;
      this.setSsoToken(config.ssoToken);
    }

    /** Sign a reader in (a JWT from the publisher) or out (empty); forms follow at once. */
    setSsoToken(token) {
      this.ssoToken = token ? String(token).trim() : "";
      this.ssoName = this.ssoToken ? tokenName(this.ssoToken) : "";
      if (this.root.querySelectorAll) {
        for (const form of this.root.querySelectorAll("form.fg-form")) form.fgSso();
      }
    }

    start() {
      this.buildSkeleton();
      this.renderOwn();
      // A linked comment is scrolled to once the layout above it is final: the section is
      // shown (stylesheet in) and the guidelines are rendered; scrolling a hidden section
      // does nothing.
      Promise.allSettled([this.loadSite(), this.loadThread(linkedId()), this.shown]).then(() => {
        this.highlightFromHash();
        this.checkOwnStatuses();
      });
      setInterval(() => this.tick(), POLL_MS);
      document.addEventListener("visibilitychange", () => this.tick());
      window.addEventListener("hashchange", () => this.highlightFromHash());
      window.addEventListener("storage", (event) => {
        if (event.key === this.own.key) this.renderOwn();
      });
      this.watchLive();
      // Readers who scroll down to "Mehr laden" get the next page before they click.
      new IntersectionObserver((entries) => {
        if (this.nextCursor && entries.some((entry) => entry.isIntersecting)) this.nextPage();
      }, { rootMargin: "600px 0px" }).observe(this.moreButton);
    }

    buildSkeleton() {
      const t = this.t;
      const stylesheet = el("link",
        { rel: "stylesheet", href: new URL("widget/widget.css", this.config.base) });
      this.section = el("section",
        { class: "fg", lang: this.lang, "aria-labelledby": "fg-heading", hidden: true });
      // Shown once our stylesheet is in, so the reader never sees an unstyled flash.
      let shown;
      this.shown = new Promise((resolve) => { shown = resolve; });
      const reveal = () => {
        this.section.removeAttribute("hidden");
        shown();
      };
      stylesheet.addEventListener("load", reveal);
      stylesheet.addEventListener("error", reveal);
      setTimeout(reveal, 3000);

      this.countLabel = el("span", { class: "fg-count" });
      this.guidelines = el("div", { class: "fg-guidelines" });
      this.formSlot = el("div", { class: "fg-form-slot" });
      this.live = el("p", { class: "fg-live", role: "status", "aria-live": "polite" });
      this.ownList = el("ol", { class: "fg-own-list" });
      this.ownSection = el("section",
        { class: "fg-own", "aria-labelledby": "fg-own-heading", hidden: true },
        el("h3", { id: "fg-own-heading" }, t.yours), this.ownList);
      this.threadList = el("ol", { class: "fg-thread" });
      this.threadMessage = el("p", { class: "fg-thread-message" });
      this.orderSelect = el("select", { id: "fg-order", class: "fg-order" },
        Object.entries(t.orders).map(([value, label]) =>
          el("option", { value, selected: value === this.order }, label)));
      this.orderSelect.addEventListener("change", () => {
        this.order = this.orderSelect.value;
        this.loadThread();
      });
      this.orderField = el("div", { class: "fg-order-field", hidden: true },
        el("label", { for: "fg-order" }, t.order), this.orderSelect);
      // Shown in a row that is there anyway, so its appearance moves nothing on the page.
      this.newButton = el("button", { type: "button", class: "fg-new", hidden: true,
        onclick: () => this.insertNews() });
      // Announces news without showing text (the visible live region would push content).
      this.newsLive = el("p", { class: "fg-sr", role: "status", "aria-live": "polite" });
      this.tools = el("div", { class: "fg-tools" }, this.orderField, this.newButton);
      this.moreButton = el("button", { type: "button", class: "fg-more", hidden: true,
        onclick: () => this.showMore() });
      this.startButton = el("button", { type: "button", class: "fg-start", hidden: true,
        onclick: async () => {
          await this.loadThread();
          if (this.threadList.firstElementChild) this.threadList.firstElementChild.focus();
        } }, t.fromStart);

      this.section.append(
        el("h2", { id: "fg-heading" }, t.heading, " ", this.countLabel),
        el("p", { class: "fg-premoderated" }, t.premoderated),
        this.guidelines, this.formSlot, this.live, this.ownSection,
        this.threadMessage, this.tools, this.newsLive, this.startButton, this.threadList,
        this.moreButton);
      this.root.append(stylesheet, this.section);
    }

    announce(message) {
      // Clearing first makes screen readers repeat a message that has not changed.
      this.live.textContent = "";
      setTimeout(() => { this.live.textContent = message; }, 50);
    }

    errorText(error, special = {}) {
      const errors = this.t.errors;
      if (error.status === 0) return errors.network;
      const text = special[error.status] || errors[error.status] || errors.other;
      return typeof text === "function" ? text(grouped(this.limits.maxChars, this.lang)) : text;
    }

    /* --- site guidelines --- */

    async loadSite() {
      try {
        const site = await this.api.site();
        this.applyLimits(site.limits);
        this.renderGuidelines(site);
      } catch (error) {
        // The guidelines are helpful, not essential: the thread and form still work.
      }
    }

    /* The server's limits (GET /api/v1/sites/{site}: limits), set on every form, also those
       built before the site information arrived; the server checks them again anyway. */
    applyLimits(limits) {
      this.limits = { maxChars: limits?.max_comment_chars || 0,
        maxNameChars: limits?.max_name_chars || 0 };
      for (const form of this.root.querySelectorAll("form.fg-form")) this.limitForm(form);
    }

    limitForm(form) {
      const { maxChars, maxNameChars } = this.limits;
      const name = form.querySelector("input[name=author_name]");
      const body = form.querySelector("textarea[name=body]");
      if (name && maxNameChars) name.maxLength = maxNameChars;
      if (body && maxChars) {
        body.maxLength = maxChars;
        body.dispatchEvent(new Event("input"));  // the counter shows the limit
      }
    }

    renderGuidelines(site) {
      this.rules = site.rules || [];
      const rules = this.rules.filter((rule) => rule.code !== "other");
      const label = (rule) => this.ruleLabel(rule);
      this.guidelines.replaceChildren(
        el("h3", {}, this.t.guidelines),
        ...paragraphs(site.guidelines, "fg-guidelines-text"),
        ...this.reviewHoursText(site.review_hours),
        el("details", { hidden: rules.length === 0 },
          el("summary", {}, this.t.rulesSummary),
          el("ul", {}, rules.map((rule) => el("li", {}, label(rule))))));
    }

    /** "Wir prüfen Kommentare täglich von 7 bis 23 Uhr." — nothing for round-the-clock sites. */
    reviewHoursText(hours) {
      if (!hours) return [];
      this.siteZone = hours.timezone || this.siteZone;
      const text = (hours.text || {})[this.lang === "en" ? "en" : "de"];
      return !hours.always && text ? [el("p", { class: "fg-hours" }, this.t.reviewHours(text))] : [];
    }

    /** What a pending comment's author is told: the range, or when the editors are back. */
    waitText(entry, sent) {
      if (entry.review_resumes_at && Date.parse(entry.review_resumes_at) > Date.now() + 15 * 60e3) {
        const when = resumesInWords(entry.review_resumes_at, this.siteZone || "Europe/Berlin", this.lang, this.t);
        return sent ? this.t.sentResumes(when) : this.t.waitResumes(when);
      }
      const range = entry.expected_wait_range || [entry.expected_wait_seconds, entry.expected_wait_seconds];
      const words = rangeInWords(range, this.lang);
      return sent ? this.t.sentPending(words) : this.t.waitAbout(words);
    }

    ruleLabel(rule) {
      return (this.lang === "en" ? rule.label_en : rule.label) || rule.label || rule.code;
    }

    /* --- the public thread, a page at a time from the server --- */

    /**
     * The first page in the reader's order, replacing what is shown; or, for a link to a
     * comment, straight away the page that holds it.
     */
    async loadThread(around = null) {
      const order = this.order;
      let page;
      try {
        page = await this.api.page({ order, limit: PAGE_SIZE, around });
      } catch (error) {
        if (around) return this.loadThread(); // not (or no longer) in the thread
        // An article the server does not know yet: the page may announce it (data-title).
        if (error.status === 404 && this.config.title && !this.registering) {
          this.registering = true;
          try {
            await this.api.register(this.config.title, this.config.url || pageUrl(),
              this.config.articleToken);
            return this.loadThread();
          } catch (failure) {
            // fall through: the reader sees why the thread could not be loaded
          }
        }
        this.threadMessage.textContent = `${this.t.loadFailed} ${this.errorText(error)}`;
        this.threadMessage.classList.add("fg-error");
        return;
      }
      if (order !== this.order) return; // the reader chose another order meanwhile
      this.threadMessage.classList.remove("fg-error");
      this.thread = page;
      if (order === "newest" && !page.cursor) this.liveEtag = page.etag;
      this.forgetOwnReleased(page.comments);
      this.renderForm();
      this.renderThread(page);
    }

    renderForm() {
      const open = this.thread.comments_open;
      if (this.formSlot.dataset.state === String(open)) return;
      this.formSlot.dataset.state = String(open);
      this.formSlot.replaceChildren(open ? this.buildForm(null) : this.closedNote());
    }

    closedNote() {
      const { closed_reason: reason, closes_at: closesAt } = this.thread;
      const why = reason === "expired" && closesAt
        ? this.t.closedWhy.expired(absoluteTime(closesAt, this.lang)) : this.t.closedWhy[reason];
      return el("div", { class: "fg-closed-note" },
        el("p", { class: "fg-closed" }, this.t.closed),
        why ? el("p", { class: "fg-closed-why" }, why) : null);
    }

    renderThread(page) {
      const keptReply = this.openReply;
      const keptReport = this.openReport;
      this.threadList.replaceChildren(...page.comments.map((comment) => this.commentItem(comment)));
      // A linked comment's page may start mid-list: the threads before it are a click away.
      this.midList = Boolean(page.cursor);
      this.startButton.hidden = !this.midList;
      this.showCount(page.count);
      this.updateMore(page);
      if (keptReply) this.reattachReplyForm(keptReply);
      if (keptReport) this.reattachReport(keptReport);
    }

    showCount(count) {
      this.count = count;
      this.countLabel.textContent = count ? `(${count})` : "";
      const nothingPicked = count && this.order === "picks" && !this.threadList.children.length;
      this.threadMessage.textContent = nothingPicked ? this.t.noPicks
        : count ? this.t.count(count) : this.t.empty;
      // Nothing to order in an empty thread; the row stays, it holds "N neue Kommentare".
      this.orderField.hidden = !count;
    }

    updateMore(page) {
      this.nextCursor = page.next_cursor || null;
      this.moreButton.hidden = !this.nextCursor;
      // How many threads the next page brings, as far as the server's total tells.
      const rest = this.midList ? 0 : (page.threads || 0) - this.threadList.children.length;
      this.moreButton.textContent = this.t.more(Math.max(0, Math.min(rest, PAGE_SIZE)));
    }

    /** The next page, asked for once: when the button comes near the screen, or on click. */
    nextPage() {
      const { order, nextCursor: cursor } = this;
      const known = this.prefetched;
      if (known && known.cursor === cursor && known.order === order) return known.request;
      const request = this.api.page({ order, limit: PAGE_SIZE, cursor });
      request.catch(() => { this.prefetched = null; }); // asked again on the next click
      this.prefetched = { cursor, order, request };
      return request;
    }

    /** Appends the next page: the threads already shown stay as they are. */
    async showMore() {
      if (this.loadingMore || !this.nextCursor) return;
      this.loadingMore = true;
      this.moreButton.setAttribute("aria-busy", "true");
      const order = this.order;
      try {
        const page = await this.nextPage();
        if (order !== this.order) return;
        const added = this.appendThreads(page.comments);
        this.updateMore(page);
        // Keyboard and screen-reader users continue at the first newly shown comment. It
        // is where the button was, so in view: no scrolling (a layout of the whole list).
        if (added) added.focus({ preventScroll: true });
      } catch (error) {
        this.announce(this.errorText(error));
      } finally {
        this.loadingMore = false;
        this.moreButton.removeAttribute("aria-busy");
      }
    }

    /** Adds threads at the end, skipping any already shown; returns the first one added. */
    appendThreads(comments) {
      const items = comments.filter((comment) => !this.itemFor(comment.id))
        .map((comment) => this.commentItem(comment));
      this.threadList.append(...items);
      return items[0] || null;
    }

    /** The shown comment with this id: looked up by element id, not by scanning the list. */
    itemFor(id) {
      return this.root.getElementById(`freigabe-comment-${Number(id)}`);
    }

    /** Scroll to and highlight the comment named in the page's #freigabe-comment-<id>. */
    async highlightFromHash() {
      const id = linkedId();
      if (!this.thread || !id) return;
      if (!this.itemFor(id)) await this.loadPageHolding(id);
      const item = this.itemFor(id);
      if (!item) return;
      for (const old of this.threadList.querySelectorAll(".fg-highlight")) {
        old.classList.remove("fg-highlight");
      }
      this.highlighted = id;
      item.classList.add("fg-highlight");
      item.scrollIntoView({ block: "center" });
      item.focus({ preventScroll: true });
    }

    /** The page of the current order that holds a comment, shown in place of the list. */
    async loadPageHolding(id) {
      const order = this.order;
      let page;
      try {
        page = await this.api.page({ order, limit: PAGE_SIZE, around: id });
      } catch (error) {
        return; // a removed comment, or a network error: the thread stays as it is
      }
      if (order !== this.order || !page.comments.some((thread) => contains(thread, id))) return;
      this.renderThread(page);
    }

    /* --- live: newly released comments, noticed while the section is on screen --- */

    watchLive() {
      this.liveDelay = LIVE_FIRST_MS;
      new IntersectionObserver((entries) => {
        this.inView = entries.some((entry) => entry.isIntersecting);
        this.scheduleLive();
      }).observe(this.section);
      document.addEventListener("visibilitychange", () => this.scheduleLive());
    }

    /** Polls only while someone can see the section: on screen, in a visible tab. */
    scheduleLive() {
      if (!this.inView || document.visibilityState !== "visible") {
        clearTimeout(this.liveTimer);
        this.liveTimer = null;
      } else if (!this.liveTimer && !this.polling) {
        this.liveTimer = setTimeout(() => this.pollLive(), this.liveDelay);
      }
    }

    async pollLive() {
      this.liveTimer = null;
      this.polling = true;
      try {
        // The newest threads, sent only if they changed since the last look (ETag, 304).
        const page = await this.api.page({ order: "newest", limit: PAGE_SIZE }, this.liveEtag);
        if (page) {
          this.liveEtag = page.etag;
          this.noticeNews(page);
        }
        this.liveDelay = page && page.count > this.count ? LIVE_FIRST_MS
          : Math.min(this.liveDelay * 1.5, LIVE_QUIET_MAX_MS);
      } catch (error) {
        this.liveDelay = Math.min(this.liveDelay * 2, LIVE_ERROR_MAX_MS);
      } finally {
        this.polling = false;
      }
      this.scheduleLive();
    }

    noticeNews(page) {
      const fresh = page.count - this.count;
      if (fresh <= 0 || !this.thread) return;
      this.news = page;
      const text = this.t.newComments(fresh);
      if (this.newButton.hidden || this.newButton.textContent !== text) {
        this.newButton.textContent = text;
        this.newButton.hidden = false;
        this.newsLive.textContent = text;
      }
    }

    /** "N neue Kommentare": new threads on top, new replies under their comment. */
    async insertNews() {
      const page = this.news;
      this.news = null;
      this.newButton.hidden = true;
      this.newsLive.textContent = "";
      if (!page) return;
      if (this.order === "picks") {
        // The picks view shows only picked threads: asked for again, it has any new pick.
        await this.loadThread();
        if (this.threadList.firstElementChild) this.threadList.firstElementChild.focus();
        return;
      }
      const added = page.comments.filter((thread) => !this.itemFor(thread.id))
        .map((thread) => this.commentItem(thread));
      for (const thread of page.comments) this.insertReplies(thread, added);
      this.threadList.prepend(...added.filter((item) => !item.parentNode));
      this.showCount(page.count);
      this.forgetOwnReleased(page.comments);
      // The button is gone: focus goes on to the first new comment, not to the page's body.
      const first = added[0] || this.threadList.firstElementChild;
      if (first) first.focus();
    }

    insertReplies(comment, added) {
      const parent = this.itemFor(comment.id);
      if (!parent) return;
      for (const reply of comment.replies || []) {
        if (!this.itemFor(reply.id)) {
          let list = parent.querySelector(":scope > .fg-replies");
          if (!list) parent.append(list = el("ol", { class: "fg-replies" }));
          const item = this.commentItem(reply);
          list.append(item);
          added.push(item);
        }
        this.insertReplies(reply, added);
      }
    }

    commentItem(comment) {
      const t = this.t;
      const replySlot = el("div", { class: "fg-reply-slot" });
      const replyButton = this.thread.comments_open
        ? el("button", { type: "button", class: "fg-reply-button", "aria-expanded": "false",
          "aria-label": t.replyLabel(comment.author_name) }, t.reply)
        : null;
      if (replyButton) {
        replyButton.addEventListener("click",
          () => this.toggleReply(comment, replyButton, replySlot));
      }
      const reportSlot = el("div", { class: "fg-report-slot" });
      const reportButton = el("button", { type: "button", class: "fg-report-button",
        "aria-expanded": "false", "aria-label": t.reportOf(comment.author_name) }, t.report);
      reportButton.addEventListener("click",
        () => this.toggleReport(comment, reportButton, reportSlot));
      const link = el("a", { class: "fg-link", href: pageUrl() + HASH_PREFIX + comment.id,
        "aria-label": t.linkTo(comment.author_name) }, t.link);
      const replies = comment.replies || [];
      const classes = ["fg-item", comment.id === this.highlighted && "fg-highlight",
        comment.editors_pick && "fg-pick", isStaff(comment) && "fg-staff"].filter(Boolean);
      return el("li", { class: classes.join(" "),
        "data-comment-id": comment.id, id: `freigabe-comment-${comment.id}`, tabindex: "-1" },
        el("article", { class: "fg-comment" },
          el("header", { class: "fg-meta" },
            el("span", { class: "fg-author" }, comment.author_name),
            isStaff(comment) ? el("span", { class: "fg-badge fg-staff-badge" }, t.staff) : null,
            this.timeElement(comment.created_at),
            comment.editors_pick ? el("span", { class: "fg-badge fg-pick-badge" }, t.pick) : null),
          el("div", { class: "fg-body" }, paragraphs(comment.body)),
          el("div", { class: "fg-tools-row" },
            this.recommendButton(comment), replyButton, reportButton, link),
          replySlot, reportSlot),
        replies.length
          ? el("ol", { class: "fg-replies" }, replies.map((reply) => this.commentItem(reply)))
          : null);
    }

    /**
     * "Empfehlen", pressed when this browser's reader recommended the comment, and beside it
     * the count, which is also the button's description.
     */
    recommendButton(comment) {
      const t = this.t;
      const countId = `fg-recommendations-${Number(comment.id)}`;
      const number = el("span", {});
      const unit = el("span", { class: "fg-sr" });
      const count = el("span", { class: "fg-recommend-count", id: countId }, number, unit);
      const button = el("button", { type: "button", class: "fg-recommend",
        "aria-label": t.recommendLabel(comment.author_name), "aria-describedby": countId },
      t.recommend);
      const show = (n, on) => {
        number.textContent = grouped(n, this.lang);
        unit.textContent = ` ${t.recommendations(n)}`;
        button.setAttribute("aria-pressed", String(on));
      };
      show(comment.recommendations || 0, this.reader.has(comment.id));
      button.addEventListener("click", async () => {
        if (button.dataset.busy) return; // not disabled: that would take the focus away
        button.dataset.busy = "1";
        const on = button.getAttribute("aria-pressed") !== "true";
        try {
          const answer = await this.api.recommend(comment.id, on,
            { token: this.reader.token, sso: this.ssoToken });
          this.reader.set(comment.id, on);
          comment.recommendations = answer.recommendations;
          show(answer.recommendations, on);
        } catch (failure) {
          this.announce(this.errorText(failure,
            { 404: t.errors.recommend404, 429: t.errors.recommend429 }));
        } finally {
          delete button.dataset.busy;
        }
      });
      return el("span", { class: "fg-recommend-part" }, button, count);
    }

    timeElement(iso) {
      return el("time", { datetime: iso, title: absoluteTime(iso, this.lang) },
        relativeTime(iso, this.lang));
    }

    refreshTimes() {
      for (const time of this.root.querySelectorAll("time[datetime]")) {
        time.textContent = relativeTime(time.getAttribute("datetime"), this.lang);
      }
    }

    /* --- reply forms: one open at a time, kept when the thread re-renders --- */

    toggleReply(comment, button, slot) {
      const wasOpen = this.openReply && this.openReply.parentId === comment.id;
      this.closeReply();
      if (wasOpen) return;
      const form = this.buildForm(comment);
      slot.append(form);
      button.setAttribute("aria-expanded", "true");
      this.openReply = { parentId: comment.id, form };
      form.querySelector("textarea").focus();
    }

    closeReply({ restoreFocus = false } = {}) {
      if (!this.openReply) return;
      const { parentId, form } = this.openReply;
      form.remove();
      this.openReply = null;
      const button = this.replyButtonFor(parentId);
      if (button) {
        button.setAttribute("aria-expanded", "false");
        if (restoreFocus) button.focus();
      }
    }

    replyButtonFor(parentId) {
      const item = this.threadList.querySelector(`[data-comment-id="${Number(parentId)}"]`);
      return item ? item.querySelector(":scope > .fg-comment .fg-reply-button") : null;
    }

    reattachReplyForm(kept) {
      const button = this.replyButtonFor(kept.parentId);
      if (!button) {
        this.openReply = null;
        return;
      }
      button.setAttribute("aria-expanded", "true");
      button.closest(".fg-comment").querySelector(":scope > .fg-reply-slot").append(kept.form);
    }

    /* --- reporting a published comment (notice and action) --- */

    toggleReport(comment, button, slot) {
      const wasOpen = this.openReport && this.openReport.commentId === comment.id;
      this.closeReport();
      if (wasOpen) return;
      const form = this.buildReportForm(comment);
      slot.append(form);
      button.setAttribute("aria-expanded", "true");
      this.openReport = { commentId: comment.id, form };
      form.querySelector("select").focus();
    }

    reportButtonFor(commentId) {
      const item = this.threadList.querySelector(`[data-comment-id="${Number(commentId)}"]`);
      return item ? item.querySelector(":scope > .fg-comment .fg-report-button") : null;
    }

    closeReport({ restoreFocus = false } = {}) {
      if (!this.openReport) return;
      const { commentId, form } = this.openReport;
      form.remove();
      this.openReport = null;
      const button = this.reportButtonFor(commentId);
      if (button) {
        button.setAttribute("aria-expanded", "false");
        if (restoreFocus) button.focus();
      }
    }

    reattachReport(kept) {
      const button = this.reportButtonFor(kept.commentId);
      if (!button) {
        this.openReport = null;
        return;
      }
      button.setAttribute("aria-expanded", "true");
      button.closest(".fg-comment").querySelector(":scope > .fg-report-slot").append(kept.form);
    }

    buildReportForm(comment) {
      const t = this.t;
      const number = ++this.formCount;
      const id = (name) => `fg-${name}-${number}`;
      const option = (value, label) => el("option", { value }, label);
      const reason = el("select", { id: id("reason"), name: "reason", required: true },
        option("", t.choose),
        this.rules.map((rule) => option(rule.code, this.ruleLabel(rule))),
        option("illegal", t.illegal));
      const ground = el("select", { id: id("ground"), name: "legal_ground" },
        option("", t.choose),
        LEGAL_GROUNDS.map(([code, de, en]) => option(code,
          code === "other" ? (this.lang === "en" ? en : de)
            : `§ ${code.slice(6)} StGB – ${this.lang === "en" ? en : de}`)));
      const groundField = el("div", { class: "fg-field", hidden: true },
        el("label", { for: id("ground") }, t.legalGround), ground);
      reason.addEventListener("change", () => {
        groundField.hidden = reason.value !== "illegal";
        ground.required = reason.value === "illegal";
      });
      const explanation = el("textarea", { id: id("explanation"), name: "explanation",
        required: true, rows: 4, maxlength: 2000 });
      const name = el("input", { id: id("rname"), type: "text", maxlength: this.limits.maxNameChars || null,
        autocomplete: "name" });
      const email = el("input", { id: id("remail"), type: "email", maxlength: 254,
        autocomplete: "email", "aria-describedby": id("rhint") });
      const faith = el("input", { id: id("faith"), type: "checkbox", required: true });
      const submit = el("button", { type: "submit", class: "fg-submit" }, t.sendReport);
      const error = el("p", { class: "fg-form-error", role: "alert" });
      const form = el("form", { class: "fg-report-form", "aria-label": t.reportOf(comment.author_name) },
        el("div", { class: "fg-field" }, el("label", { for: id("reason") }, t.reason), reason),
        groundField,
        el("div", { class: "fg-field" },
          el("label", { for: id("explanation") }, t.explanation), explanation),
        el("div", { class: "fg-row" },
          el("div", { class: "fg-field" }, el("label", { for: id("rname") }, t.reporterName), name),
          el("div", { class: "fg-field" }, el("label", { for: id("remail") }, t.reporterEmail),
            email, el("p", { id: id("rhint"), class: "fg-hint" }, t.reporterHint))),
        el("div", { class: "fg-check" }, faith, el("label", { for: id("faith") }, t.goodFaith)),
        error,
        el("div", { class: "fg-actions" }, submit, el("button", { type: "button", class: "fg-cancel",
          onclick: () => this.closeReport({ restoreFocus: true }) }, t.cancel)));
      form.addEventListener("keydown", (event) => {
        if (event.key === "Escape") this.closeReport({ restoreFocus: true });
      });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = "";
        try {
          await this.api.report(comment.id, {
            reason: reason.value, legal_ground: reason.value === "illegal" ? ground.value : "",
            explanation: explanation.value, reporter_name: name.value.trim(),
            reporter_email: email.value.trim(), good_faith: faith.checked, language: this.lang,
          });
          const done = el("p", { class: "fg-confirm", tabindex: "-1" }, t.reported);
          form.replaceChildren(done);
          done.focus();
          this.announce(t.reported);
        } catch (failure) {
          error.textContent = this.errorText(failure, { 422: t.errors.form422 });
          submit.disabled = false;
        }
      });
      return form;
    }

    /* --- the comment form --- */

    buildForm(parent) {
      const t = this.t;
      const number = ++this.formCount;
      const id = (name) => `fg-${name}-${number}`;
      const [nameId, emailId, hintId, bodyId, counterId, notifyId, notifyHintId] =
        ["name", "email", "email-hint", "body", "counter", "notify", "notify-hint"].map(id);
      const name = el("input", { id: nameId, name: "author_name", type: "text", required: true,
        maxlength: this.limits.maxNameChars || null, autocomplete: "name" });
      const email = el("input", { id: emailId, name: "author_email", type: "email",
        maxlength: 254, autocomplete: "email", "aria-describedby": hintId });
      const body = el("textarea", { id: bodyId, name: "body", required: true, rows: parent ? 4 : 6,
        maxlength: this.limits.maxChars || null, "aria-describedby": counterId });
      const counter = el("p", { id: counterId, class: "fg-counter" });
      // A field people never see or reach; form-filling bots tend to fill it in.
      const trap = el("input",
        { name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
      const submit = el("button", { type: "submit", class: "fg-submit" },
        parent ? t.submitReply : t.submit);
      const error = el("p", { class: "fg-form-error", role: "alert" });
      const updateCounter = () => {
        const max = this.limits.maxChars;
        counter.textContent = max ? t.chars(grouped(body.value.length, this.lang), grouped(max, this.lang))
          : grouped(body.value.length, this.lang);
        counter.classList.toggle("fg-counter-near", max > 0 && body.value.length > max * 0.9);
      };
      body.addEventListener("input", updateCounter);
      updateCounter();
      if (parent) name.value = this.lastAuthorName || "";
      const signedIn = el("p", { class: "fg-signed-in" });
      const row = el("div", { class: "fg-row" },
        el("div", { class: "fg-field" }, el("label", { for: nameId }, t.name), name),
        el("div", { class: "fg-field" }, el("label", { for: emailId }, t.email), email,
          el("p", { id: hintId, class: "fg-hint" }, t.emailHint)));
      // Reply mails need an address to go to: offered once there is one.
      const notify = el("input", { id: notifyId, name: "notify_replies", type: "checkbox",
        "aria-describedby": notifyHintId });
      const notifyField = el("div", { class: "fg-notify", hidden: true },
        el("div", { class: "fg-check" }, notify,
          el("label", { for: notifyId }, t.notifyReplies)),
        el("p", { id: notifyHintId, class: "fg-hint" }, t.notifyHint));
      const updateNotify = () => {
        notifyField.hidden = !(this.ssoToken ? tokenEmail(this.ssoToken) : email.value.trim());
      };
      email.addEventListener("input", updateNotify);

      const form = el("form", { class: parent ? "fg-form fg-form-reply" : "fg-form",
        "aria-label": parent ? t.replyTo(parent.author_name) : t.comment },
      parent ? el("p", { class: "fg-reply-to" }, t.replyTo(parent.author_name)) : null,
      el("div", { class: "fg-field" }, el("label", { for: bodyId }, t.comment), body, counter),
      signedIn, row, notifyField,
      el("div", { class: "fg-trap", "aria-hidden": "true" }, el("label", {}, "Website", trap)),
      error,
      el("div", { class: "fg-actions" }, submit,
        parent ? el("button", { type: "button", class: "fg-cancel",
          onclick: () => this.closeReply({ restoreFocus: true }) }, t.cancel) : null));
      // Signed in through the publisher: the token names the reader, so no name or e-mail.
      form.fgSso = () => {
        const on = Boolean(this.ssoToken);
        row.hidden = on;
        name.required = !on;
        signedIn.hidden = !on;
        signedIn.textContent = this.ssoName ? t.signedInAs(this.ssoName) : t.signedIn;
        updateNotify();
      };
      form.fgSso();
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit({ parent, name, email, body, trap, notify: notifyField.hidden ? null : notify,
          submit, error, updateCounter });
      });
      form.addEventListener("keydown", (event) => {
        if (parent && event.key === "Escape") this.closeReply({ restoreFocus: true });
      });
      return form;
    }

    async submit({ parent, name, email, body, trap, notify, submit, error, updateCounter }) {
      const label = submit.textContent;
      submit.disabled = true;
      submit.textContent = this.t.sending;
      error.textContent = "";
      const fields = { body: body.value, author_name: name.value.trim(),
        author_email: email.value.trim(), website: trap.value,
        notify_replies: Boolean(notify && notify.checked), language: this.lang };
      if (parent) fields.parent_id = parent.id;
      const sso = this.ssoToken;
      if (sso) {
        Object.assign(fields, { sso_token: sso, author_name: "", author_email: "" });
      }
      try {
        // The server's bot check: the proof binds a little work to exactly this text.
        fields.proof = await proofOfWork(this.config.site, this.config.article, fields.body);
        const accepted = await this.api.post(fields);
        if (sso) fields.author_name = this.ssoName;
        else this.lastAuthorName = fields.author_name;
        this.rememberSubmission(accepted, fields, parent);
        body.value = "";
        updateCounter();
        if (parent) this.closeReply();
        this.announce(this.waitText(accepted, true));
        const shown = this.ownList.querySelector(`[data-own-id="${Number(accepted.id)}"]`);
        if (shown) shown.focus();
      } catch (failure) {
        error.textContent = await this.submitErrorText(failure);
      } finally {
        submit.disabled = false;
        submit.textContent = label;
      }
    }

    /** 409 means closed or a double post; a fresh thread tells which (and shows "closed"). */
    async submitErrorText(failure) {
      if (failure.status !== 409) return this.errorText(failure);
      await this.loadThread();
      if (this.thread && !this.thread.comments_open) {
        this.announce(this.t.errors[409]);
        return this.t.errors[409];
      }
      return this.t.errors.duplicate;
    }

    rememberSubmission(accepted, fields, parent) {
      this.own.add({
        id: accepted.id,
        token: accepted.author_token,
        status: accepted.status,
        body: fields.body.trim(),
        author_name: fields.author_name,
        parent_author: parent ? parent.author_name : null,
        created_at: new Date().toISOString(),
        expected_wait_seconds: accepted.expected_wait_seconds,
        expected_wait_range: accepted.expected_wait_range,
        review_resumes_at: accepted.review_resumes_at,
      });
      this.renderOwn();
      // Only where the site lets suggested releases skip the queue (off by default).
      if (accepted.status === "released") this.loadThread();
    }

    /* --- the reader's own submissions and their fate --- */

    renderOwn() {
      const entries = this.own.all();
      this.ownSection.hidden = entries.length === 0;
      this.ownList.replaceChildren(...entries.map((entry) => this.ownItem(entry)));
    }

    ownItem(entry) {
      const t = this.t;
      // "released" lasts only until the refreshed thread shows the comment.
      const state = { rejected: "rejected", removed: "rejected", released: "released" }[entry.status]
        || "pending";
      const replyNote = entry.parent_author
        ? el("span", { class: "fg-reply-note" }, t.replyTo(entry.parent_author)) : null;
      return el("li",
        { class: `fg-own-item fg-own-${state}`, "data-own-id": entry.id, tabindex: "-1" },
        el("article", { class: "fg-comment" },
          el("header", { class: "fg-meta" },
            el("span", { class: "fg-author" }, entry.author_name),
            el("span", { class: "fg-badge" }, t[state]),
            replyNote),
          el("div", { class: "fg-body" }, paragraphs(entry.body)),
          state === "rejected" ? this.statementOfReasons(entry) : null,
          state === "pending" ? this.waitingTime(entry) : null));
    }

    waitingTime(entry) {
      return el("p", { class: "fg-wait" }, this.waitText(entry, false));
    }

    statementOfReasons(entry) {
      const t = this.t;
      const statement = entry.statement || {};
      const grounds = statement.grounds || [];
      const note = (statement.note || "").trim();
      return el("div", { class: "fg-statement" },
        el("p", { class: "fg-decision" },
          localized(statement.decision_text, this.lang) || t.rejectedNotice),
        grounds.length ? el("h4", {}, t.grounds) : null,
        grounds.length ? el("ul", { class: "fg-grounds" }, grounds.map((ground) => el("li", {},
          el("strong", {}, localized(ground.label, this.lang)), ": ",
          localized(ground.rule, this.lang)))) : null,
        note ? el("h4", {}, t.note) : null,
        note ? el("p", { class: "fg-note" }, note) : null,
        statement.redress ? el("h4", {}, t.redress) : null,
        statement.redress
          ? el("p", { class: "fg-redress" }, localized(statement.redress, this.lang)) : null,
        this.appealPart(entry),
        el("button", { type: "button", class: "fg-dismiss", onclick: () => {
          this.own.remove(entry.id);
          this.renderOwn();
        } }, t.dismiss));
    }

    /** The appeal against a rejection: its state, or a button that opens the form. */
    appealPart(entry) {
      const t = this.t;
      const appeal = entry.appeal;
      if (appeal) {
        const text = appeal.state === "decided" && t[`appeal${appeal.outcome}`]
          ? t[`appeal${appeal.outcome}`]
          : t.appealOpen(absoluteTime(appeal.filed_at, this.lang));
        return el("div", { class: "fg-appeal" },
          el("h4", {}, t.appealHeading),
          el("p", { class: "fg-appeal-status" }, text),
          appeal.note ? el("p", { class: "fg-note" }, appeal.note) : null);
      }
      if (entry.appealable === false) return null;
      const kept = this.openAppeal && this.openAppeal.id === entry.id ? this.openAppeal.form : null;
      const slot = el("div", { class: "fg-appeal" });
      const button = el("button", { type: "button", class: "fg-appeal-button",
        "aria-expanded": String(Boolean(kept)) }, t.appeal);
      button.addEventListener("click", () => {
        if (this.openAppeal && this.openAppeal.id === entry.id) {
          this.openAppeal.form.remove();
          this.openAppeal = null;
          button.setAttribute("aria-expanded", "false");
          return;
        }
        const form = this.buildAppealForm(entry, button);
        this.openAppeal = { id: entry.id, form };
        slot.append(form);
        button.setAttribute("aria-expanded", "true");
        form.querySelector("textarea").focus();
      });
      slot.append(button);
      if (kept) slot.append(kept);
      return slot;
    }

    buildAppealForm(entry, button) {
      const t = this.t;
      const textId = `fg-appeal-${++this.formCount}`;
      const text = el("textarea", { id: textId, required: true, rows: 4, maxlength: 2000 });
      const submit = el("button", { type: "submit", class: "fg-submit" }, t.sendAppeal);
      const error = el("p", { class: "fg-form-error", role: "alert" });
      const form = el("form", { class: "fg-appeal-form", "aria-label": t.appeal },
        el("div", { class: "fg-field" }, el("label", { for: textId }, t.appealWhy), text),
        error, el("div", { class: "fg-actions" }, submit));
      form.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        // The own list may have been re-rendered since: use the button shown now.
        const shown = form.closest(".fg-appeal");
        const current = (shown && shown.querySelector(".fg-appeal-button")) || button;
        current.click(); // closes the form
        current.focus();
      });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = "";
        try {
          const appeal = await this.api.appeal(entry, text.value);
          this.openAppeal = null;
          this.own.update(entry.id, { appeal, appealable: false });
          this.renderOwn();
          this.announce(t.appealSent);
          const item = this.ownList.querySelector(`[data-own-id="${Number(entry.id)}"]`);
          if (item) item.focus();
          await this.checkOwnStatuses(); // the appeal as the server now reports it
        } catch (failure) {
          error.textContent = this.errorText(failure,
            { 409: t.errors.appeal409, 422: t.errors.form422 });
          submit.disabled = false;
        }
      });
      return form;
    }

    /** Released comments need no notice once the thread is fresh: they are in it now. */
    forgetOwnReleased(comments) {
      const shown = new Set();
      const collect = (list) => list.forEach((comment) => {
        shown.add(comment.id);
        collect(comment.replies || []);
      });
      collect(comments);
      const entries = this.own.all();
      const isReleased = (entry) => entry.status === "released" || shown.has(entry.id);
      if (entries.some(isReleased)) {
        this.own.save(entries.filter((entry) => !isReleased(entry)));
        this.renderOwn();
        this.announce(this.t.releasedNotice);
      }
    }

    async checkOwnStatuses() {
      // A slow answer must not overlap the next check; one asked for meanwhile runs after it.
      if (this.checking) {
        this.checkAgain = true;
        return;
      }
      this.checking = true;
      try {
        await this.checkPending(this.own.all().filter((entry) => entry.status === "pending"
          || (entry.appeal && entry.appeal.state === "open")));
      } finally {
        this.checking = false;
      }
      if (this.checkAgain) {
        this.checkAgain = false;
        await this.checkOwnStatuses();
      }
    }

    async checkPending(pending) {
      let released = false;
      for (const entry of pending) {
        let status;
        try {
          status = await this.api.status(entry);
        } catch (error) {
          // The comment is gone or the token is not ours: nothing left to wait for.
          if (error.status === 403 || error.status === 404) this.own.remove(entry.id);
          continue;
        }
        released = this.applyStatus(entry, status) || released;
      }
      this.renderOwn();
      if (released) await this.loadThread(); // which shows it, forgets it and says so
    }

    /** Record a status answer; returns true when the comment is now public. */
    applyStatus(entry, status) {
      if (status.status === "released") {
        this.own.update(entry.id, { status: "released" });
        return true;
      }
      if (status.status === "rejected" || status.status === "removed") {
        const statement = status.statement_of_reasons || null;
        const appeal = status.appeal || null;
        this.own.update(entry.id, { status: status.status, statement, appeal,
          appealable: Boolean(status.appeal_path) });
        if (entry.status === "pending") this.announce(this.t.rejectedNotice);
        else if (appeal && appeal.state === "decided" && entry.appeal && entry.appeal.state === "open") {
          this.announce(this.t[`appeal${appeal.outcome}`] || this.t.appealHeading);
        }
      } else if (status.expected_wait_seconds) {
        this.own.update(entry.id, { expected_wait_seconds: status.expected_wait_seconds,
          expected_wait_range: status.expected_wait_range, review_resumes_at: status.review_resumes_at });
      }
      return false;
    }

    tick() {
      if (document.visibilityState !== "visible") return;
      this.refreshTimes();
      if (this.own.all().some((entry) => entry.status === "pending"
        || (entry.appeal && entry.appeal.state === "open"))) this.checkOwnStatuses();
    }
  }

  /* ---------- mounting ---------- */

  function languageOf(script) {
    const wanted = script.dataset.lang || document.documentElement.lang || "de";
    return wanted.toLowerCase().startsWith("en") ? "en" : "de";
  }

  function placeHost(host, script) {
    const target = document.getElementById("freigabe-comments");
    if (target && !target.querySelector("freigabe-comments")) target.append(host);
    else if (script.parentNode && script.parentNode !== document.head) script.after(host);
    else document.body.append(host);
  }

  /**
   * window.FreigabeWidget.setSsoToken(jwt) signs the reader in on every widget of the page
   * (an empty value signs out); so does document.dispatchEvent(new CustomEvent("freigabe:sso",
   * {detail: {token}})). A token set before the widget mounts is kept for it.
   */
  const known = window.FreigabeWidget;
  const registry = known && Array.isArray(known.widgets) ? known : (() => {
    // A page may declare `window.FreigabeWidget = {ssoToken: "..."}` before the script loads.
    const early = known && known.ssoToken;
    const created = { widgets: [], ssoToken: early || null };
    created.setSsoToken = (token) => {
      created.ssoToken = token || "";
      created.widgets.forEach((widget) => widget.setSsoToken(created.ssoToken));
    };
    document.addEventListener("freigabe:sso",
      (event) => created.setSsoToken(event.detail && event.detail.token));
    window.FreigabeWidget = created;
    return created;
  })();

  function mount(script) {
    script.dataset.freigabeMounted = "true";
    const { site, article, title, url, ssoToken, order, articleToken } = script.dataset;
    if (!site || !article) {
      console.error("Freigabe: the script tag needs data-site and data-article.");
      return;
    }
    const config = { site, article, title, order, articleToken, lang: languageOf(script),
      url: url && new URL(url, location.href).href, base: new URL("../", script.src) };
    // An async script can run before the page below it (and #freigabe-comments) is parsed.
    whenParsed(() => {
      const host = document.createElement("freigabe-comments");
      placeHost(host, script);
      config.ssoToken = registry.ssoToken === null ? ssoToken : registry.ssoToken;
      const widget = new Widget(host.attachShadow({ mode: "open" }), config);
      registry.widgets.push(widget);
      widget.start();
    });
  }

  function whenParsed(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback, { once: true });
    } else {
      callback();
    }
  }

  const candidates = document.currentScript
    ? [document.currentScript]
    : document.querySelectorAll('script[src*="/widget/embed.js"]');
  for (const script of candidates) {
    if (!script.dataset.freigabeMounted) mount(script);
  }
})();
