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
