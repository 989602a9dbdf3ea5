// Error summary links move focus to the input to fix, as GOV.UK's do, and scroll its question into
// view. Works on server-rendered and interactive pages alike; runs before Blazor's link handling.
document.addEventListener("click", function (event) {
    const link = event.target.closest(".error-summary a[href*='#']");
    if (!link) {
        return;
    }

    const id = decodeURIComponent(link.getAttribute("href").split("#")[1] || "");
    const target = id ? document.getElementById(id) : null;
    if (!target) {
        return;
    }

    event.preventDefault();
    const fieldset = target.closest("fieldset");
    const label = document.querySelector("label[for='" + CSS.escape(id) + "']");
    const question = (fieldset && fieldset.querySelector("legend")) || label || target;
    question.scrollIntoView();
    target.focus({ preventScroll: true });
}, true);

// A server-rendered form that comes back with problems (after a full page load, or after Blazor's enhanced form
// handling patched the page in place) moves focus to its error summary, so screen readers announce it (GOV.UK).
// Failing that, a field the post just added (an agreed action's first box) takes the focus. Without scripts the
// autofocus attribute does the same.
function focusAfterLoad() {
    const target = document.querySelector(".error-summary") || document.querySelector("form [autofocus]");
    if (target && document.activeElement !== target) {
        target.focus();
    }
}

document.addEventListener("DOMContentLoaded", function () {
    focusAfterLoad();
    if (window.Blazor && typeof window.Blazor.addEventListener === "function") {
        window.Blazor.addEventListener("enhancedload", focusAfterLoad);
    }
});
